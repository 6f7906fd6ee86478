package org.fengqiao.platform.database;

import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The platform's settings and its database configuration alone, for the tests of what the start says when the
 * database cannot be had (an outside PostgreSQL set wrong, a data directory that cannot hold the embedded one).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FengqiaoProperties.class)
@Import(DatabaseConfiguration.class)
class DatabaseOnly {

    /** The pool is made lazily by Spring unless asked for: this asks for it, as Flyway does at start. */
    @Bean
    Object migrations(javax.sql.DataSource dataSource) {
        return dataSource;
    }
}
