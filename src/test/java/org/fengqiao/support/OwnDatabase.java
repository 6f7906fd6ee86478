package org.fengqiao.support;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own in the suite's embedded PostgreSQL, for a test that needs a schema apart from the shared one
 * (migrated part of the way, or written by another process); dropped, with whatever is still connected, on close.
 */
public final class OwnDatabase implements AutoCloseable {

    private final DataSource suite;
    private final String name;
    private final String url;
    private final DriverManagerDataSource dataSource;

    private OwnDatabase(DataSource suite, String name) {
        this.suite = suite;
        this.name = name;
        this.url = ((HikariDataSource) suite).getJdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
        this.dataSource = new DriverManagerDataSource(url, "postgres", "postgres");
    }

    /** Creates an empty database named {@code prefix} and a random suffix, beside the suite's. */
    public static OwnDatabase create(DataSource suite, String prefix) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        JdbcClient.create(suite).sql("CREATE DATABASE " + name).update();
        return new OwnDatabase(suite, name);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        JdbcClient.create(suite).sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
    }
}
