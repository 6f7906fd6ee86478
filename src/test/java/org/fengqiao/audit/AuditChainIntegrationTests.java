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
    void anEntrysHashIsTheSha256OfItsFieldsInTheDocumentedOrder() throws Exception {
        // Recomputed here, outside the database: the chain's formula (V4, V105) must not move, or every entry
        // written before the change would stop matching. Every field filled, in Chinese, a separator in a value.
        long seq = jdbc.sql("""
                INSERT INTO audit_entry (actor_id, actor, actor_role, remote_addr, action, record_type, record_id,
                                         unit_path, before, after)
                VALUES (gen_random_uuid(), '张警官', 'OFFICER', '203.0.113.9', 'UPDATE', 'person', 'p-1', '/a/b/',
                        '{"name": "张三", "phone": "138****5678"}', '{"name": "张叁", "note": "走访|核实"}')
                RETURNING seq""").query(Long.class).single();
        Map<String, Object> e = jdbc.sql("""
                SELECT prev_hash, seq, at, actor_id::text AS actor_id, actor, actor_role, remote_addr, action,
                       record_type, record_id, unit_path, before::text AS before, after::text AS after, hash
                FROM audit_entry WHERE seq = ?""").param(seq).query().singleRow();
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
                .format(((java.sql.Timestamp) e.get("at")).toInstant().atOffset(java.time.ZoneOffset.UTC));
        String fields = String.join("|", (String) e.get("prev_hash"), String.valueOf(seq), at,
                (String) e.get("actor_id"), (String) e.get("actor"), (String) e.get("actor_role"),
                (String) e.get("remote_addr"), (String) e.get("action"), (String) e.get("record_type"),
                (String) e.get("record_id"), (String) e.get("unit_path"), (String) e.get("before"),
                (String) e.get("after"));
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(fields.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(e.get("hash")).isEqualTo(java.util.HexFormat.of().formatHex(digest));
        assertThat(api.get("/api/v1/audit/verify", "auditor", Map.class).getBody()).containsEntry("valid", true);
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
