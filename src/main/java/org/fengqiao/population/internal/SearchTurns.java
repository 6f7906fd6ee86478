package org.fengqiao.population.internal;

import java.util.function.Supplier;
import org.fengqiao.platform.ConcurrencyLimit;
import org.springframework.stereotype.Component;

/** The turns person searches take ({@link SearchProperties}): one limit for every way a search comes in. */
@Component
public class SearchTurns {

    private final ConcurrencyLimit limit;

    SearchTurns(SearchProperties properties) {
        this.limit = new ConcurrencyLimit(properties.concurrency(), properties.queueTimeout());
    }

    public int permits() {
        return limit.permits();
    }

    public <T> T take(Supplier<T> search) {
        return limit.through(search);
    }
}
