package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every foreign key to a table whose rows are deleted (places, households, persons and what hangs off them) has an
 * index leading with its column. Without one PostgreSQL checks each deleted row with a scan of the whole
 * referencing table: removing the addresses of a mistaken import once scanned 52,000 utility readings for each of
 * 33,000 addresses and took minutes.
 */
class ForeignKeyIndexIntegrationTests extends IntegrationTest {

    /**
     * Rows of these are kept for the record (deactivated, never deleted; the points ledger refuses DELETE), so keys
     * to them need no index.
     */
    static final List<String> NEVER_DELETED = List.of("staff", "unit", "account", "import_job", "points_entry");

    @Autowired
    JdbcClient jdbc;

    @Test
    void foreignKeysToDeletableRecordsHaveAnIndex() {
        List<String> unindexed = jdbc.sql("""
                SELECT c.conrelid::regclass::text || '.' || a.attname || ' -> ' || c.confrelid::regclass::text
                  FROM pg_constraint c
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                 WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
                   AND NOT (c.confrelid::regclass::text = ANY (CAST(:kept AS text[])))
                   AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
                 ORDER BY 1""").param("kept", NEVER_DELETED.toArray(String[]::new)).query(String.class).list();
        assertThat(unindexed).isEmpty();
    }
}
