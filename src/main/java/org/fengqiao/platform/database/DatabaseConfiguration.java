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
        return new HikariDataSource(config);
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
