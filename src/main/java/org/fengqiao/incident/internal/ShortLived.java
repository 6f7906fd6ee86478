package org.fengqiao.incident.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small cache whose entries live a short while (seconds): for what intake asks on every report and
 * changes rarely (a grid's roster, a unit, a unit's duty person, an API key). A change made through the
 * application clears it at once ({@link IntakeCaches}); a change made elsewhere (another instance, SQL by
 * hand) is seen within the time to live. Bounded: past {@code maxEntries} it starts afresh; a load that
 * finds nothing (null) is not remembered.
 */
final class ShortLived<K, V> {

    private record Entry<V>(V value, long expires) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    ShortLived(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    V get(K key, Function<K, V> load) {
        if (ttlNanos <= 0) {
            return load.apply(key);
        }
        long now = System.nanoTime();
        Entry<V> e = entries.get(key);
        if (e != null && e.expires() - now > 0) {
            return e.value();
        }
        V value = load.apply(key);
        if (value == null) {
            return null; // nothing remembered: an absent key is asked again next time
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now + ttlNanos));
        return value;
    }

    void clear() {
        entries.clear();
    }
}
