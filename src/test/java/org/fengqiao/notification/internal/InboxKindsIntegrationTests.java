package org.fengqiao.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every kind of inbox entry the code writes is one the table takes. Modules add kinds in migrations of their own; one
 * that rewrote the table's check from a fixed list dropped the kinds of the migrations before it, and every entry of
 * those kinds then failed its insert (a notice issued with nobody told).
 */
class InboxKindsIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theInboxTableTakesEveryKindOfEntry() {
        String check = jdbc.sql("""
                SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                WHERE c.conname = 'inbox_entry_kind_check' AND c.conrelid = 'inbox_entry'::regclass""")
                .query(String.class).single();
        assertThat(Arrays.stream(Inbox.Kind.values()).map(kind -> "'" + kind.name() + "'::text"))
                .allSatisfy(kind -> assertThat(check).contains(kind));
    }
}
