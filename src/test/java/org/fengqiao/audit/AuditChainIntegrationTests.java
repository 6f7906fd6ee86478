package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fengqiao.audit.internal.NightlyChainCheck;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hash chain shows tampering, whether the auditor asks or the nightly check runs. */
class AuditChainIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NightlyChainCheck nightly;

    AuditApi api;

    @BeforeEach
    void client() {
        api = new AuditApi(http);
    }

    @Test
    void verifyReportsAWholeChainAndHowManyEntriesItChecked() {
        long entries = jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
        ResponseEntity<Map> response = api.get("/api/v1/audit/verify", "auditor", Map.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("valid", true).doesNotContainKeys("brokenSeq", "reason");
        assertThat(((Number) response.getBody().get("checked")).longValue()).isGreaterThanOrEqualTo(entries);
    }

    @Test
    void verifyNamesTheEntryThatWasChangedBehindTheApplicationsBack() {
        api.token("auditor");
        Map<String, Object> victim = jdbc.sql("""
                SELECT seq, after::text AS after FROM audit_entry
                WHERE after IS NOT NULL ORDER BY seq DESC LIMIT 1""").query().singleRow();
        long seq = ((Number) victim.get("seq")).longValue();
        String original = (String) victim.get("after");
        try {
            rewriteAfter(seq, "{\"outcome\": \"nothing happened\"}");

            ResponseEntity<Map> response = api.get("/api/v1/audit/verify", "auditor", Map.class);

            assertThat(response.getBody()).containsEntry("valid", false).containsEntry("reason", "content");
            assertThat(((Number) response.getBody().get("brokenSeq")).longValue()).isEqualTo(seq);

            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth(api.token("auditor"));
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
            String page = http.exchange("/audit/verify", HttpMethod.GET, new HttpEntity<>(headers), String.class)
                    .getBody();
            assertThat(page).contains("Hash chain broken at entry " + seq + " (entry content was altered)");
        } finally {
            // The suite shares one database: put the entry back so later tests see a whole chain.
            rewriteAfter(seq, original);
        }
        assertThat(api.get("/api/v1/audit/verify", "auditor", Map.class).getBody()).containsEntry("valid", true);
    }

    @Test
    void nightlyCheckRecordsItsOutcomeAndRunsOnceWhileItHoldsTheLock() {
        long before = lastSeq();

        nightly.run();
        // A second instance firing at the same moment finds the lock taken and does nothing.
        nightly.run();

        assertThat(jdbc.sql("""
                SELECT actor || ' ' || (after->>'valid') FROM audit_entry
                WHERE seq > ? AND action = 'VERIFY' AND record_type = 'audit'""")
                .param(before).query(String.class).list()).containsExactly("system true");
        assertThat(jdbc.sql("SELECT count(*) FROM shedlock WHERE name = 'audit-chain-check' AND lock_until > locked_at")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theChainsTriggerHashesEveryFieldAsTheCheckRecomputesIt() {
        // The trigger spells audit_digest out (V105) and the check recomputes with audit_digest: an entry with
        // every field filled, in Chinese and with the separator in a value, must come out the same both ways.
        long seq = jdbc.sql("""
                INSERT INTO audit_entry (actor_id, actor, actor_role, remote_addr, action, record_type, record_id,
                                         unit_path, before, after)
                VALUES (gen_random_uuid(), '张警官', 'OFFICER', '203.0.113.9', 'UPDATE', 'person', 'p-1', '/a/b/',
                        '{"name": "张三", "phone": "138****5678"}', '{"name": "张叁", "note": "走访|核实"}')
                RETURNING seq""").query(Long.class).single();

        assertThat(jdbc.sql("SELECT hash = audit_digest(e) FROM audit_entry e WHERE seq = ?").param(seq)
                .query(Boolean.class).single()).isTrue();
    }

    private void rewriteAfter(long seq, String json) {
        jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only").update();
        try {
            jdbc.sql("UPDATE audit_entry SET after = CAST(? AS jsonb) WHERE seq = ?").param(json).param(seq).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only").update();
        }
    }

    private long lastSeq() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
    }
}
