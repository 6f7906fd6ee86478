package org.fengqiao.incident.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many public submissions one address sent in the last hour: a sliding window per address, in this
 * instance's memory (each instance counts its own; a restart forgets). Bounded: the addresses least
 * recently seen are forgotten first beyond {@link #MAX_ADDRESSES}.
 */
public final class FilingLimit {

    static final int MAX_ADDRESSES = 100_000;
    private static final Duration WINDOW = Duration.ofHours(1);

    private final int perHour;
    private final Clock clock;
    private final LinkedHashMap<String, Deque<Instant>> seen = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public FilingLimit(int perHour, Clock clock) {
        this.perHour = perHour;
        this.clock = clock;
    }

    /** Counts one submission from the address; false (and not counted) when it already sent its hour's share. */
    public synchronized boolean admit(String address) {
        Instant now = clock.instant();
        Deque<Instant> times = seen.computeIfAbsent(address == null ? "?" : address, a -> new ArrayDeque<>());
        Iterator<Instant> it = times.iterator();
        while (it.hasNext() && !it.next().isAfter(now.minus(WINDOW))) {
            it.remove();
        }
        if (times.size() >= perHour) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    public int perHour() {
        return perHour;
    }
}
