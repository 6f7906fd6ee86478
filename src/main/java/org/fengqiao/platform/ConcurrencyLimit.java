package org.fengqiao.platform;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most so many of one kind of work at once; the rest wait their turn in arrival order, up to a time, and are
 * then refused with {@link Busy}. For work that only needs the processors (and the database's): when more of it runs
 * than there are cores, every piece takes longer, since they all share the cores, and the slowest take several
 * times longer than the average; run a few at a time, first come first served, each finishes at nearly full speed
 * and the queue drains in order. A limit changes nothing while fewer are asked for at once.
 */
public final class ConcurrencyLimit {

    private final Semaphore turns;
    private final int permits;
    private final Duration wait;

    /** permits of 0 or less: twice the processors this JVM may use. */
    public ConcurrencyLimit(int permits, Duration wait) {
        this.permits = permits > 0 ? permits : 2 * Runtime.getRuntime().availableProcessors();
        this.wait = wait;
        this.turns = new Semaphore(this.permits, true);
    }

    public int permits() {
        return permits;
    }

    /** How many wait for a turn now (an estimate, as the semaphore gives it). */
    public int waiting() {
        return turns.getQueueLength();
    }

    /** Runs the work in its turn; {@link Busy} (the work not run) if no turn came within the wait. */
    public <T> T through(Supplier<T> work) {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new Busy(Math.max(1, wait.toSeconds()));
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }
}
