package org.fengqiao.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data source: an outside PostgreSQL when {@code FENGQIAO_DB_URL} is set (then nothing embedded
 * starts), otherwise the embedded one keeping its data in {@code FENGQIAO_DATA_DIR}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(FengqiaoProperties properties) {
        FengqiaoProperties.Database db = properties.db();
        HikariConfig config = new HikariConfig();
        config.setPoolName("fengqiao");
        // Connections at once (FENGQIAO_DB_POOL): every busy connection is a busy server process, so past a few per
        // core of the database machine more of them only wait for each other.
        config.setMaximumPoolSize(db.poolSize());
        if (db.embedded()) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(Path.of(db.dataDir()), db.embeddedPort());
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername("postgres");
            config.setPassword("postgres");
            return new EmbeddedDataSource(config, server);
        }
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw unreachable(db, e);
        }
    }

    /**
     * An outside database the pool could not reach (FENGQIAO_DB_URL mistyped, a wrong password, a database not yet
     * created, PostgreSQL not running there): the engineer reads which setting to look at and what to do, instead of
     * the driver's words at the end of seven nested causes. The URL is shown without its parameters, which may carry
     * a password.
     */
    static org.fengqiao.platform.StartRefused unreachable(FengqiaoProperties.Database db, RuntimeException e) {
        String url = db.url().replaceFirst("\\?.*$", "");
        java.sql.SQLException sql = null;
        for (Throwable t = e; t != null && sql == null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException found) {
                sql = found;
            }
        }
        // the driver answers an address of another form ("postgres://...", no "jdbc:") with "No suitable driver"
        if (!db.url().startsWith("jdbc:postgresql:")) {
            return new org.fengqiao.platform.StartRefused("FENGQIAO_DB_URL (fengqiao.db.url) is \"" + url
                    + "\", which is no PostgreSQL address",
                    "Write it as jdbc:postgresql://host:5432/database, e.g. jdbc:postgresql://db.example:5432/fengqiao.");
        }
        Throwable cause = sql != null ? sql : e;
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String said = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage().lines().findFirst().orElse("").trim();
        String why = "The outside database at " + url + " (FENGQIAO_DB_URL) could not be reached as user \""
                + db.user() + "\" (FENGQIAO_DB_USER): " + said;
        if (state.startsWith("28")) {
            return new org.fengqiao.platform.StartRefused(why, "Check FENGQIAO_DB_USER and FENGQIAO_DB_PASSWORD against "
                    + "the database's roles (ALTER ROLE ... PASSWORD sets one), and that its pg_hba.conf lets that user "
                    + "in from this machine.");
        }
        if (state.equals("3D000")) {
            return new org.fengqiao.platform.StartRefused(why, "Create the database first, with a UTF-8 ctype: "
                    + "createdb -E UTF8 --locale=C.UTF-8 -T template0 -O " + (db.user().isBlank() ? "fengqiao" : db.user())
                    + " " + url.substring(url.lastIndexOf('/') + 1) + ", or correct the database's name at the end of "
                    + "FENGQIAO_DB_URL.");
        }
        if (state.startsWith("08")) {
            return new org.fengqiao.platform.StartRefused(why, "Check the host and port in FENGQIAO_DB_URL, that "
                    + "PostgreSQL runs there, and that it listens to this machine (listen_addresses, the firewall).");
        }
        return new org.fengqiao.platform.StartRefused(why, "Check FENGQIAO_DB_URL, FENGQIAO_DB_USER and "
                + "FENGQIAO_DB_PASSWORD, and the database server's log for this connection.");
    }

    /** A pool that stops its embedded server once the pool is closed. */
    static final class EmbeddedDataSource extends HikariDataSource {
        private final EmbeddedPostgresServer server;

        EmbeddedDataSource(HikariConfig config, EmbeddedPostgresServer server) {
            super(config);
            this.server = server;
        }

        @Override
        public void close() {
            if (isClosed()) {
                return;
            }
            super.close();
            server.release();
        }
    }
}
