package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.fengqiao.audit.internal.AuditSealer;
import org.fengqiao.audit.internal.AuditWitness;
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
    @Autowired
    AuditSealer sealer;
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditWitness witness;

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
        // changed once sealed: an entry changed in the half second before its seal is sealed as changed
        sealer.sealAll();
        Map<String, Object> victim = jdbc.sql("""
                SELECT seq, after::text AS after FROM audit_entry JOIN audit_seal USING (seq)
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
    void theBrokenEntryIsOneClickFromTheVerdictAtTheTopOfTheTrail() {
        // among tens of thousands of entries and only "next page" to page with, a number alone is not where it broke
        sealer.sealAll();
        Map<String, Object> victim = jdbc.sql("""
                SELECT seq, after::text AS after FROM audit_entry JOIN audit_seal USING (seq)
                WHERE after IS NOT NULL ORDER BY seq DESC LIMIT 1 OFFSET 3""").query().singleRow();
        long seq = ((Number) victim.get("seq")).longValue();
        String original = (String) victim.get("after");
        try {
            rewriteAfter(seq, "{\"outcome\": \"nothing happened\"}");

            String verdict = page("en");
            java.util.regex.Matcher link = java.util.regex.Pattern
                    .compile("<a id=\"verify-broken-entry\"\\s+href=\"([^\"]+)\">([^<]+)</a>").matcher(verdict);
            assertThat(link.find()).as(verdict).isTrue();
            assertThat(link.group(2)).isEqualTo("Show entry " + seq + " and the entries before it");
            assertThat(page("zh-CN")).contains(">查看第 " + seq + " 条记录及其之前的记录</a>");

            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth(api.token("auditor"));
            String trail = http.exchange(link.group(1).replace("&amp;", "&"), HttpMethod.GET,
                    new HttpEntity<>(headers), String.class).getBody();
            java.util.regex.Matcher first = java.util.regex.Pattern.compile("<tr data-seq=\"(\\d+)\"").matcher(trail);
            assertThat(first.find()).isTrue();
            assertThat(Long.parseLong(first.group(1))).as("the first row").isEqualTo(seq);
            assertThat(trail).contains("nothing happened");
        } finally {
            rewriteAfter(seq, original);
        }
        assertThat(page("en")).doesNotContain("verify-broken-entry");
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
        // Recomputed here, outside the database: the chain's formula (V4, V105, V150) must not move, or every entry
        // written before the change would stop matching. Every field filled, in Chinese, a separator in a value.
        long seq = jdbc.sql("""
                INSERT INTO audit_entry (actor_id, actor, actor_role, remote_addr, action, record_type, record_id,
                                         unit_path, before, after)
                VALUES (gen_random_uuid(), '张警官', 'OFFICER', '203.0.113.9', 'UPDATE', 'person', 'p-1', '/a/b/',
                        '{"name": "张三", "phone": "138****5678"}', '{"name": "张叁", "note": "走访|核实"}')
                RETURNING seq""").query(Long.class).single();
        sealer.sealAll();
        Map<String, Object> e = jdbc.sql("""
                SELECT s.prev_hash, s.chain_no, at, actor_id::text AS actor_id, actor, actor_role, remote_addr, action,
                       record_type, record_id, unit_path, before::text AS before, after::text AS after, s.hash
                FROM audit_entry JOIN audit_seal s USING (seq) WHERE seq = ?""").param(seq).query().singleRow();
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
                .format(((java.sql.Timestamp) e.get("at")).toInstant().atOffset(java.time.ZoneOffset.UTC));
        String fields = String.join("|", (String) e.get("prev_hash"), String.valueOf(e.get("chain_no")), at,
                (String) e.get("actor_id"), (String) e.get("actor"), (String) e.get("actor_role"),
                (String) e.get("remote_addr"), (String) e.get("action"), (String) e.get("record_type"),
                (String) e.get("record_id"), (String) e.get("unit_path"), (String) e.get("before"),
                (String) e.get("after"));
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(fields.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(e.get("hash")).isEqualTo(java.util.HexFormat.of().formatHex(digest));
        assertThat(api.get("/api/v1/audit/verify", "auditor", Map.class).getBody()).containsEntry("valid", true);
    }

    @Test
    void anAuditedWriteWaitsForNoOtherUncommittedOne() throws Exception {
        // Before V150 every entry took the chain's lock to its commit: a second writer waited for the first to commit.
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            long firstSeq = insertEntry(first, "first");
            try (Statement s = second.createStatement()) {
                s.execute("SET statement_timeout = '3s'");
            }
            long secondSeq = insertEntry(second, "second");
            assertThat(secondSeq).isGreaterThan(firstSeq);
            first.commit();
            try (Statement s = second.createStatement()) {
                s.execute("RESET statement_timeout");
            }
        }
        sealer.sealAll();
        assertThat(api.get("/api/v1/audit/verify", "auditor", Map.class).getBody()).containsEntry("valid", true);
    }

    @Test
    void anEntryOfAChangeRolledBackLeavesAGapInTheNumbersAndNoneInTheChain() throws Exception {
        long rolledBack;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            rolledBack = insertEntry(c, "rolled back");
            c.rollback();
        }
        long kept;
        try (Connection c = dataSource.getConnection()) {
            kept = insertEntry(c, "kept");
        }
        sealer.sealAll();

        assertThat(kept).isGreaterThan(rolledBack);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE seq = ?").param(rolledBack).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_seal WHERE seq = ?").param(kept).query(Long.class).single())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/audit/verify", "auditor", Map.class).getBody()).containsEntry("valid", true);
    }

    @Test
    void theSealerChainsACommittedEntryWithinASecondOrSo() throws Exception {
        long seq;
        try (Connection c = dataSource.getConnection()) {
            seq = insertEntry(c, "sealed by the job");
        }
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (jdbc.sql("SELECT count(*) FROM audit_seal WHERE seq = ?").param(seq).query(Long.class).single() == 0) {
            assertThat(Instant.now()).as("the sealer chained the entry").isBefore(until);
            Thread.sleep(50);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_pending WHERE seq = ?").param(seq).query(Long.class).single())
                .isZero();
    }

    @Test
    void anEntryWrittenAroundTheChainIsNamed() {
        // with the numbering trigger disabled, as a superuser could: the entry is neither sealed nor waiting for it
        long seq = jdbc.sql("SELECT nextval('audit_entry_seq')").query(Long.class).single();
        jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_chain").update();
        try {
            jdbc.sql("""
                    INSERT INTO audit_entry (seq, actor, action, record_type, record_id)
                    VALUES (?, 'intruder', 'DELETE', 'person', 'p-9')""").param(seq).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_chain").update();
        }
        try {
            Map<String, Object> check = api.get("/api/v1/audit/verify", "auditor", Map.class).getBody();
            assertThat(check).containsEntry("valid", false).containsEntry("reason", "unsealed");
            assertThat(((Number) check.get("brokenSeq")).longValue()).isEqualTo(seq);
        } finally {
            withoutAppendOnly("audit_entry", () -> jdbc.sql("DELETE FROM audit_entry WHERE seq = ?").param(seq).update());
        }
        assertThat(api.get("/api/v1/audit/verify", "auditor", Map.class).getBody()).containsEntry("valid", true);
    }

    @Test
    void aSealRemovedFromTheChainShowsAsMissing() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            insertEntry(c, "one");
            insertEntry(c, "two");
        }
        sealer.sealAll();
        Map<String, Object> removed = jdbc.sql("""
                SELECT chain_no, seq, prev_hash, hash FROM audit_seal
                WHERE chain_no = (SELECT max(chain_no) - 1 FROM audit_seal)""").query().singleRow();
        long next = jdbc.sql("SELECT seq FROM audit_seal WHERE chain_no = ?")
                .param(((Number) removed.get("chain_no")).longValue() + 1).query(Long.class).single();
        withoutAppendOnly("audit_seal", () -> jdbc.sql("DELETE FROM audit_seal WHERE chain_no = ?")
                .param(removed.get("chain_no")).update());
        try {
            Map<String, Object> check = api.get("/api/v1/audit/verify", "auditor", Map.class).getBody();
            assertThat(check).containsEntry("valid", false).containsEntry("reason", "missing");
            assertThat(((Number) check.get("brokenSeq")).longValue()).isEqualTo(next);
        } finally {
            jdbc.sql("INSERT INTO audit_seal (chain_no, seq, prev_hash, hash) VALUES (?, ?, ?, ?)")
                    .params(removed.get("chain_no"), removed.get("seq"), removed.get("prev_hash"), removed.get("hash"))
                    .update();
        }
        assertThat(api.get("/api/v1/audit/verify", "auditor", Map.class).getBody()).containsEntry("valid", true);
    }

    @Test
    void verifyReportsAChainThatNoLongerReachesTheWitnessedHeadInTheReadersLanguage() throws Exception {
        // a head far past the chain, as if its last entries had been deleted with their seals behind the database's back
        sealer.sealAll();
        long length = jdbc.sql("SELECT max(chain_no) FROM audit_seal").query(Long.class).single();
        Instant at = Instant.parse("2026-12-05T02:00:00Z");
        witness.record(new AuditWitness.Head(length + 1_000_000, "ab".repeat(32), at));
        try {
            Map<String, Object> check = api.get("/api/v1/audit/verify", "auditor", Map.class).getBody();
            assertThat(check).containsEntry("valid", false).containsEntry("reason", "truncated")
                    .containsEntry("witnessedAt", "2026-12-05T02:00:00Z").doesNotContainKey("brokenSeq");
            assertThat(((Number) check.get("witnessedChainNo")).longValue()).isEqualTo(length + 1_000_000);

            assertThat(page("en")).contains("Hash chain truncated: the witness saw " + (length + 1_000_000)
                    + " entries in the chain at 2026-12-05 10:00:00, it now holds");
            assertThat(page("zh-CN")).contains("哈希链被截断：见证记录显示哈希链于 2026-12-05 10:00:00 已有 "
                    + (length + 1_000_000) + " 条记录");
        } finally {
            // as an operator acknowledges a deliberate step back: the witness file moved aside
            Files.delete(witness.file());
        }
        assertThat(api.get("/api/v1/audit/verify", "auditor", Map.class).getBody()).containsEntry("valid", true);
    }

    private String page(String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token("auditor"));
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        return http.exchange("/audit/verify", HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
    }

    /** An entry written on the connection as it stands (in its transaction, if one is open); its number. */
    private static long insertEntry(Connection c, String what) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("INSERT INTO audit_entry (actor, action, record_type, record_id) "
                        + "VALUES ('probe', 'READ', 'probe', '" + what + " " + UUID.randomUUID() + "') RETURNING seq")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void withoutAppendOnly(String table, Runnable change) {
        jdbc.sql("ALTER TABLE " + table + " DISABLE TRIGGER " + table + "_append_only").update();
        try {
            change.run();
        } finally {
            jdbc.sql("ALTER TABLE " + table + " ENABLE TRIGGER " + table + "_append_only").update();
        }
    }

    private void rewriteAfter(long seq, String json) {
        withoutAppendOnly("audit_entry", () -> jdbc.sql("UPDATE audit_entry SET after = CAST(? AS jsonb) WHERE seq = ?")
                .param(json).param(seq).update());
    }

    private long lastSeq() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
    }
}
