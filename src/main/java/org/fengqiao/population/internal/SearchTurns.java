package org.fengqiao.population.internal;

import java.util.function.Supplier;
import org.fengqiao.platform.ConcurrencyLimit;
import org.springframework.stereotype.Component;

/**
 * The turns person searches take ({@link SearchProperties}): one limit for every way a search comes in. A search
 * request takes its turn for the whole request (population.web.SearchTurnsFilter: reading the parameters, the
 * search, writing the answer); the search itself takes one only when it comes another way (PersonLookup, for other
 * modules). A thread that holds a turn runs the work inside it at once: a turn is never taken twice.
 */
@Component
public class SearchTurns {

    private static final ThreadLocal<Boolean> HOLDS = new ThreadLocal<>();

    private final ConcurrencyLimit limit;

    SearchTurns(SearchProperties properties) {
        this.limit = new ConcurrencyLimit(properties.concurrency(), properties.queueTimeout());
    }

    public int permits() {
        return limit.permits();
    }

    public <T> T take(Supplier<T> search) {
        if (HOLDS.get() != null) {
            return search.get();
        }
        return limit.through(() -> {
            HOLDS.set(Boolean.TRUE);
            try {
                return search.get();
            } finally {
                HOLDS.remove();
            }
        });
    }
}
