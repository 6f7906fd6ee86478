package org.fengqiao.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The database's part of the health check and of the readiness probe: whether a page could get a connection now.
 * Spring Boot's own check asks the pool for one as a page does, and so waits the pool's whole connection timeout (30 s)
 * before it says DOWN when the database is gone: a load balancer's probe gives up long before and keeps the instance in
 * service. This one waits {@link #WAIT} for a connection and as long for its answer, the probe's own limits only;
 * pages still wait the pool's timeout, riding out a short pause of the database. It takes the name of Boot's bean, and
 * so its place.
 */
@Component("dbHealthIndicator")
class DatabaseHealth extends AbstractHealthIndicator {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabaseHealth.class);

    /** Well within a load balancer's probe timeout (commonly 5 s), long enough for a database that is merely busy. */
    static final Duration WAIT = Duration.ofSeconds(2);

    private final DataSource dataSource;

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
        try (Connection connection = connection()) {
            if (connection.isValid((int) WAIT.toSeconds())) {
                health.up().withDetail("database", connection.getMetaData().getDatabaseProductName());
                if (down) {
                    down = false;
                    log.info("The database answers again: the instance is ready");
                }
                return;
            }
            error = "no answer within " + WAIT.toSeconds() + " s";
        } catch (SQLException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        }
        health.down().withDetail("error", error);
        if (!down) {
            down = true;
            log.warn("The database does not answer ({}): the readiness probe says DOWN (503) until it does", error);
        }
    }

    private Connection connection() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)
                && dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean() instanceof HikariPool pool) {
            return pool.getConnection(WAIT.toMillis());
        }
        return dataSource.getConnection();
    }
}
