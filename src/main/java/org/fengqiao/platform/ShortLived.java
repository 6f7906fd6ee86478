package org.fengqiao.platform;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A small cache whose entries live a short while (seconds): for what intake asks on every report and
 * changes rarely (a grid's roster, a unit, a unit's duty person, an API key, the active webhooks). A change
 * made through the application clears it at once (its owner listens to the change's audit event); a change
 * made elsewhere (another instance, SQL by hand) is seen within the time to live. Bounded: past {@code maxEntries} it starts afresh; a load that
 * finds nothing (null) is not remembered.
 */
public final class ShortLived<K, V> {

    private record Entry<V>(V value, long expires) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    public ShortLived(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    public V get(K key, Function<K, V> load) {
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

    public void clear() {
        entries.clear();
    }

    /**
     * Runs {@code clear} now and, inside a transaction, again when it ends: a reader between the change and its
     * commit may have loaded the old state again.
     */
    public static void clearNowAndAtTransactionEnd(Runnable clear) {
        clear.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    clear.run();
                }
            });
        }
    }
}
