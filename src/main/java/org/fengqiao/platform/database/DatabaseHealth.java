package org.fengqiao.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The database's part of the health check and of the readiness probe: whether a page could get a connection now.
 * Spring Boot's own check asks the pool for one as a page does, and so waits the pool's whole connection timeout (30 s)
 * before it says DOWN when the database is gone: a load balancer's probe gives up long before and keeps the instance in
 * service. This one waits {@link #WAIT} in all, the probe's own limit only; pages still wait the pool's timeout,
 * riding out a short pause of the database. It takes the name of Boot's bean, and so its place.
 *
 * <p>The wait is kept on the clock, not by the connection's own timeouts: a database cut off by the network (packets
 * dropped, not refused as by a stopped server) answers nothing, and the pool validating an idle connection before
 * handing it out waits its own validation timeout (5 s) inside the check's wait for a connection. The check itself
 * runs on a thread of its own, and a probe that comes while the last check still waits shares its answer rather than
 * starting another, so a long outage holds one thread, not one per probe. The pool's settings, which every page and
 * the 110 intake live by, are left as they are.
 */
@Component("dbHealthIndicator")
class DatabaseHealth extends AbstractHealthIndicator implements DisposableBean {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabaseHealth.class);

    /** Well within a load balancer's probe timeout (commonly 5 s), long enough for a database that is merely busy. */
    static final Duration WAIT = Duration.ofSeconds(2);

    private final DataSource dataSource;

    private final ExecutorService checker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "database-health");
        thread.setDaemon(true);
        return thread;
    });

    /** The check under way, or the last one. */
    private Future<String> check;

    DatabaseHealth(DataSource dataSource) {
        super("The database could not be reached");
        this.dataSource = dataSource;
    }

    /**
     * Whether the last check found the database gone: a probe every few seconds logs the outage's start and end, one
     * line each, not a stack trace per probe for as long as it lasts.
     */
    private volatile boolean down;

    @Override
    protected void doHealthCheck(Health.Builder health) {
        String error;
        try {
            String product = answer(System.nanoTime() + WAIT.toNanos());
            if (product != null) {
                health.up().withDetail("database", product);
                if (down) {
                    down = false;
                    log.info("The database answers again: the instance is ready");
                }
                return;
            }
            error = "no answer within " + WAIT.toSeconds() + " s";
        } catch (TimeoutException e) {
            error = "no answer within " + WAIT.toSeconds() + " s";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            error = cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage().lines().findFirst().orElse("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "the check was interrupted";
        }
        health.down().withDetail("error", error);
        if (!down) {
            down = true;
            log.warn("The database does not answer ({}): the readiness probe says DOWN (503) until it does", error);
        }
    }

    /**
     * The answer of a check started for this probe, or of one still under way when it came. One under way that ends
     * without an answer while the probe still has time is followed by a check of the probe's own: it began earlier,
     * perhaps while the database was still out of reach, and the database may answer now (a probe right after the
     * pool's connections came back was told DOWN by the check that had waited for them).
     */
    private String answer(long deadline) throws TimeoutException, ExecutionException, InterruptedException {
        Future<String> running;
        boolean own;
        synchronized (this) {
            own = check == null || check.isDone();
            if (own) {
                check = checker.submit(this::product);
            }
            running = check;
        }
        try {
            String product = running.get(left(deadline), TimeUnit.NANOSECONDS);
            if (product != null || own) {
                return product;
            }
        } catch (ExecutionException e) {
            if (own) {
                throw e;
            }
        }
        synchronized (this) {
            if (check == running) {
                check = checker.submit(this::product);
            }
            running = check;
        }
        return running.get(left(deadline), TimeUnit.NANOSECONDS);
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** The database's product name once a connection answers; null when it did not answer in time. */
    private String product() throws SQLException {
        try (Connection connection = connection()) {
            return connection.isValid((int) WAIT.toSeconds()) ? connection.getMetaData().getDatabaseProductName() : null;
        }
    }

    private Connection connection() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)
                && dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean() instanceof HikariPool pool) {
            return pool.getConnection(WAIT.toMillis());
        }
        return dataSource.getConnection();
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
