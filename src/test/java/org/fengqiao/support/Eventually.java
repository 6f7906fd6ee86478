package org.fengqiao.support;

import java.time.Duration;
import java.util.function.Supplier;

/** What a listener writes after the publishing transaction committed, awaited for at most twenty seconds. */
public final class Eventually {

    private Eventually() {
    }

    /** The probe's first answer that is not null; an AssertionError naming {@code what} when none comes in time. */
    public static <T> T await(Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
