package org.fengqiao.platform.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Started as a separate JVM by {@link EmbeddedPostgresRecoveryIntegrationTests}: starts the embedded
 * PostgreSQL in the given directory, commits one row, says so, and waits to be killed with -9.
 */
public final class KilledJvm {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(Path.of(args[0]), 0);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS kept (note text)");
            s.execute("INSERT INTO kept VALUES ('" + args[1] + "')");
        }
        System.out.println("COMMITTED");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
