package org.fengqiao.demo;

import java.util.UUID;
import org.fengqiao.platform.BeforeServing;
import org.fengqiao.platform.FengqiaoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One part of the demo district loaded after the district itself, in a later lifecycle phase and before the
 * web server listens: in demo mode only, in one transaction, under an advisory lock of its own, so that two
 * instances starting together load it once, a failure leaves nothing half loaded (the next start tries again),
 * and a database that has the part already is left as it is ({@link #loadOnce()} looks first).
 */
abstract class DemoPart extends BeforeServing {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final long lock;
    private final int phase;
    private final FengqiaoProperties properties;
    private final TransactionTemplate tx;
    protected final JdbcClient jdbc;

    /** {@code lock}: this part's advisory lock; {@code phase}: after the district (0) and the parts before it. */
    DemoPart(long lock, int phase, FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        this.lock = lock;
        this.phase = phase;
        this.properties = properties;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    @Override
    public final int getPhase() {
        return phase;
    }

    @Override
    protected final void prepare() {
        if (!properties.demoEnabled()) {
            return;
        }
        long started = System.nanoTime();
        Integer loaded = tx.execute(status -> {
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)").param(lock).query(Integer.class).single();
            return loadOnce();
        });
        if (loaded != null && loaded > 0) {
            log.info("{} ({} ms)", loaded(loaded), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Loads this part, unless it is there already or what it builds on is missing; answers how much it loaded
     * (0: nothing). Runs in the part's transaction, under its lock.
     */
    abstract int loadOnce();

    /** What the log says of a load that answered {@code count}. */
    abstract String loaded(int count);

    /** The demo district's police grid with this code, or null. */
    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class)
                .optional().orElse(null);
    }

    /** The staff member who signs in with this name, or null. */
    UUID login(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).optional().orElse(null);
    }
}
