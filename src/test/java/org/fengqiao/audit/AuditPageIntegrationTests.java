package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The audit administrator's page shows the trail, filters it, pages through it and verifies it. */
class AuditPageIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.fengqiao.audit.internal.AuditSealer sealer;

    AuditApi api;

    @BeforeEach
    void client() {
        api = new AuditApi(http);
    }

    @Test
    void auditAdministratorSeesTheTrailInChineseWithALinkToItInTheNav() {
        ResponseEntity<String> page = page("/audit", "auditor", null);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("<h1>审计日志</h1>", "校验哈希链", "<a href=\"/audit\">审计日志</a>", "data-seq=",
                "/css/audit.css").doesNotContain("??");
    }

    @Test
    void pageSpeaksEnglishWhenAskedTo() {
        ResponseEntity<String> page = page("/audit", "auditor", "en");
        assertThat(page.getBody()).contains("<h1>Audit trail</h1>", "Verify hash chain").doesNotContain("??");
    }

    @Test
    void verifyButtonShowsThatTheChainIsWhole() {
        ResponseEntity<String> page = page("/audit/verify", "auditor", "en");
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).containsPattern("Hash chain intact, [0-9,]+ entries verified");
    }

    @Test
    void filtersAndPagingKeepTheConditions() {
        api.token("officer");
        api.token("chief");
        ResponseEntity<String> page = page("/audit?action=SIGN_IN&recordType=staff", "auditor", "en");
        assertThat(page.getBody()).contains("Signed in").contains("value=\"SIGN_IN\"");

        ResponseEntity<String> first = page("/audit?action=SIGN_IN&size=1", "auditor", "en");
        assertThat(first.getBody()).contains("rel=\"next\"").containsPattern("/audit\\?action=SIGN_IN&amp;size=1"
                + "&amp;upTo=[0-9]+&amp;page=1").doesNotContain("rel=\"prev\"");
        ResponseEntity<String> second = page("/audit?action=SIGN_IN&size=1&page=1", "auditor", "en");
        assertThat(second.getBody()).containsPattern("/audit\\?action=SIGN_IN&amp;size=1&amp;upTo=[0-9]+&amp;page=0")
                .contains("rel=\"prev\"").contains("page 2 of");
    }

    @Test
    void theNextPageFollowsOnFromTheFirstThoughReadingItAddedAnEntry() {
        String filter = "/audit?actor=auditor&action=READ&recordType=audit&size=2";
        for (int i = 0; i < 4; i++) {
            page(filter, "auditor", "en");
        }
        String first = page(filter, "auditor", "en").getBody();
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("href=\"([^\"]+)\" rel=\"next\"")
                .matcher(first);
        assertThat(next.find()).isTrue();
        String second = page(next.group(1).replace("&amp;", "&"), "auditor", "en").getBody();
        java.util.List<Long> shown = seqs(first);
        java.util.List<Long> following = seqs(second);
        assertThat(shown).hasSize(2);
        assertThat(following).hasSize(2);
        // every entry of the second page is older than those of the first: none shown twice, none skipped
        assertThat(following.get(0)).isLessThan(shown.get(1));
        Long between = jdbc.sql("SELECT count(*) FROM audit_entry WHERE actor = 'auditor' AND action = 'READ' "
                + "AND record_type = 'audit' AND seq < ? AND seq > ?").params(shown.get(1), following.get(0))
                .query(Long.class).single();
        assertThat(between).isZero();

        // the API answers with the entry its pages are counted from, and counts the next page from it
        String api = "/api/v1/audit?actor=auditor&action=READ&recordType=audit&size=2";
        java.util.Map<?, ?> one = this.api.get(api, "auditor", java.util.Map.class).getBody();
        java.util.Map<?, ?> two = this.api.get(api + "&page=1&upTo=" + one.get("upTo"), "auditor",
                java.util.Map.class).getBody();
        assertThat(seqs(one).get(1)).isGreaterThan(seqs(two).get(0));
    }

    private static java.util.List<Long> seqs(java.util.Map<?, ?> page) {
        return ((java.util.List<?>) page.get("items")).stream()
                .map(i -> ((Number) ((java.util.Map<?, ?>) i).get("seq")).longValue()).toList();
    }

    private static java.util.List<Long> seqs(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-seq=\"(\\d+)\"").matcher(page);
        java.util.List<Long> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(Long.parseLong(m.group(1)));
        }
        return found;
    }

    @Test
    void theActorFilterFindsASignInUnderTheNameAsTypedInAnotherCase() {
        // user names are kept in lower case and signing in as "Chief" is chief's sign-in, written as typed
        ResponseEntity<java.util.Map> signedIn = http.postForEntity("/api/v1/auth/token",
                java.util.Map.of("username", "Chief", "password", DEMO_PASSWORD), java.util.Map.class);
        assertThat(signedIn.getStatusCode().is2xxSuccessful()).isTrue();
        java.util.Map<?, ?> found = api.get("/api/v1/audit?actor=chief&action=SIGN_IN&size=5", "auditor",
                java.util.Map.class).getBody();
        assertThat(((java.util.List<?>) found.get("items")).stream()
                .map(i -> String.valueOf(((java.util.Map<?, ?>) i).get("actor"))).toList()).contains("Chief");
        assertThat(page("/audit?actor=CHIEF&action=SIGN_IN&size=5", "auditor", "en").getBody()).contains(">Chief<");
    }

    @Test
    void aMistypedTimeIsShownBackWithAMessageInsteadOfAnError() {
        ResponseEntity<String> page = page("/audit?from=not-a-time", "auditor", "en");
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("Invalid time").contains("value=\"not-a-time\"");
    }

    @Test
    void theWindowIsReadAsThePageWritesItWithASpaceAndAsIso() {
        String id = java.util.UUID.randomUUID().toString();
        events.publishEvent(new Audited("READ", "person", id, null, null, null, "tester"));
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai"))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String before = now.minusMinutes(5).toLocalDate() + " " + now.minusMinutes(5).toLocalTime();
        String after = now.plusMinutes(5).toString();
        for (String window : java.util.List.of("from=" + before + "&to=" + after, "from=" + before.replace(' ', 'T')
                + "&to=" + after.replace('T', ' '))) {
            ResponseEntity<String> page = page("/audit?recordId=" + id + "&" + window, "auditor", "en");
            assertThat(page.getStatusCode().value()).isEqualTo(200);
            assertThat(page.getBody()).as(window).doesNotContain("Invalid time").contains("data-record-type=\"person\"");
        }
        ResponseEntity<String> later = page("/audit?recordId=" + id + "&from=" + now.plusMinutes(5).toLocalDate()
                + " " + now.plusMinutes(5).toLocalTime(), "auditor", "en");
        assertThat(later.getBody()).doesNotContain("Invalid time").doesNotContain("data-record-type=\"person\"");
    }

    @Test
    void everyActionReadsAsAWordInBothLanguagesInTheRowsAndTheFilter() {
        String id = java.util.UUID.randomUUID().toString();
        for (String action : java.util.List.of("EXPORT", "IMPORT", "REVEAL")) {
            events.publishEvent(new Audited(action, "test-record", id, null, null, null, "tester"));
        }
        String zh = page("/audit?recordId=" + id, "auditor", null).getBody();
        assertThat(zh).contains("<td>导出</td>", "<td>导入</td>", "<td>查看完整信息</td>")
                .doesNotContain("<td>EXPORT</td>").doesNotContain("<td>IMPORT</td>").doesNotContain("<td>REVEAL</td>");
        String en = page("/audit?recordId=" + id + "&action=export", "auditor", "en").getBody();
        assertThat(en).contains("<td>Exported</td>").doesNotContain("<td>Imported</td>")
                .contains("<option value=\"EXPORT\" selected=\"selected\">Exported</option>")
                .contains(">Imported</option>", ">Revealed in full</option>", ">Signed in</option>");
        // whatever the tests before this one wrote to the trail, each action of it has its name
        java.util.List<String> stored = jdbc.sql("SELECT DISTINCT action FROM audit_entry").query(String.class).list();
        assertThat(Audited.ACTIONS).containsAll(stored);
    }

    @Test
    void everyRecordTypeReadsAsANameWithItsCodeAtHandAndTheFilterOffersNamesButFiltersByCode() {
        String id = java.util.UUID.randomUUID().toString();
        events.publishEvent(new Audited("EXPORT", "force_roster", id, null, null, null, "tester"));
        events.publishEvent(new Audited("IMPORT", "import-job", id, null, null, null, "tester"));
        events.publishEvent(new Audited("READ", "person", id, null, null, null, "tester"));
        events.publishEvent(new Audited("READ", "test-record", id, null, null, null, "tester"));

        String zh = page("/audit?recordId=" + id, "auditor", null).getBody();
        assertThat(zh).contains("title=\"force_roster\" data-record-type=\"force_roster\">群防群治力量名册</span>",
                        "title=\"import-job\" data-record-type=\"import-job\">导入任务</span>",
                        "title=\"person\" data-record-type=\"person\">实有人口</span>")
                .as("a code nothing names any more is shown as it is")
                .contains("data-record-type=\"test-record\">test-record</span>")
                .doesNotContain(">force_roster</span>").doesNotContain(">import-job</span>");
        assertThat(zh).contains("<option value=\"force_roster\" title=\"force_roster\">群防群治力量名册</option>")
                .doesNotContain("name=\"recordType\" value=");

        // choosing a name filters by its code, and the choice stays selected
        String en = page("/audit?recordId=" + id + "&recordType=import-job", "auditor", "en").getBody();
        assertThat(en).contains(">Import job</span>").doesNotContain(">Forces roster</span>")
                .doesNotContain(">Person</span>")
                .contains("<option value=\"import-job\" title=\"import-job\" selected=\"selected\">Import job</option>")
                .contains(">Forces roster</option>", ">Person</option>");
        // a type typed into the address that the list does not offer still filters, and is kept
        String other = page("/audit?recordId=" + id + "&recordType=test-record", "auditor", "en").getBody();
        assertThat(other).contains("data-record-type=\"test-record\"").doesNotContain(">Import job</span>")
                .contains("<option value=\"test-record\" selected>test-record</option>");
    }

    @Test
    void theActorsRoleReadsAsItsNameInBothLanguagesWithItsCodeAtHand() {
        // the auditor's reading of the trail through the API is itself an entry, made by an AUDIT_ADMIN
        api.get("/api/v1/audit?size=1", "auditor", java.util.Map.class);
        String filter = "/audit?actor=auditor&action=READ&recordType=audit&size=1";
        String zh = page(filter, "auditor", null).getBody();
        assertThat(zh).contains("title=\"AUDIT_ADMIN\" data-role=\"AUDIT_ADMIN\">安全审计员</small>")
                .doesNotContain(">AUDIT_ADMIN</small>");
        String en = page(filter, "auditor", "en").getBody();
        assertThat(en).contains("title=\"AUDIT_ADMIN\" data-role=\"AUDIT_ADMIN\">Audit administrator</small>")
                .doesNotContain(">AUDIT_ADMIN</small>").doesNotContain(">安全审计员</small>");
    }

    @Test
    void anEntryWaitingForItsSealSaysSoAndShowsItsHashOnceSealed() throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        try (java.sql.Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (java.sql.Statement s = holder.createStatement()) {
                // the sealer finds the chain's lock taken and leaves the entry waiting
                s.execute("SELECT pg_advisory_xact_lock(7262001)");
            }
            events.publishEvent(new Audited("UPDATE", "test-record", id, null, null,
                    java.util.Map.of("note", "changed"), "tester"));
            assertThat(page("/audit?recordId=" + id, "auditor", null).getBody()).contains("尚未封存入哈希链");
            assertThat(page("/audit?recordId=" + id, "auditor", "en").getBody())
                    .contains("not yet sealed into the hash chain");
            holder.rollback();
        }
        sealer.sealAll();
        String hash = jdbc.sql("SELECT s.hash FROM audit_entry e JOIN audit_seal s USING (seq) WHERE e.record_id = ?")
                .param(id).query(String.class).single();
        assertThat(page("/audit?recordId=" + id, "auditor", "en").getBody()).contains(hash)
                .doesNotContain("not yet sealed");
    }

    /**
     * An auditor looking for an entry of last month sets the window with one link (today, the last seven days, this
     * month, last month: Beijing days), keeping his other filters, in either language; the link reads the trail of
     * that window, and a reading many pages long reaches its last page and back to its first in one click each.
     */
    @Test
    void aPeriodLinkSetsTheWindowKeepingTheOtherFiltersAndTheEndsOfAReadingAreOneClickAway() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        java.time.LocalDate month = today.withDayOfMonth(1);
        String zh = page("/audit?action=READ&recordType=audit", "auditor", null).getBody();
        assertThat(zh).contains("data-period=\"lastMonth\">上月</a>", ">今天</a>", ">近7天</a>", ">本月</a>")
                .contains("href=\"/audit?action=READ&amp;recordType=audit&amp;from=" + month.minusMonths(1)
                        + "&amp;to=" + month.minusDays(1) + "\"")
                .contains("href=\"/audit?action=READ&amp;recordType=audit&amp;from=" + today + "&amp;to=" + today
                        + "\"");
        String en = page("/audit?actor=officer", "auditor", "en").getBody();
        assertThat(en).contains(">Last month</a>", ">Today</a>", ">Last 7 days</a>", ">This month</a>")
                .contains("href=\"/audit?actor=officer&amp;from=" + today.minusDays(6) + "&amp;to=" + today + "\"");

        // the window a link sets is read as such: an entry written now is in today's and not in last month's
        String id = java.util.UUID.randomUUID().toString();
        events.publishEvent(new Audited("READ", "person", id, null, null, null, "tester"));
        assertThat(page("/audit?recordId=" + id + "&from=" + today + "&to=" + today, "auditor", "en").getBody())
                .contains("data-record-type=\"person\"");
        assertThat(page("/audit?recordId=" + id + "&from=" + month.minusMonths(1) + "&to=" + month.minusDays(1),
                "auditor", "en").getBody()).doesNotContain("data-record-type=\"person\"").doesNotContain("Invalid time");

        for (int i = 0; i < 3; i++) {
            page("/audit?actor=auditor&action=READ&recordType=audit&size=1", "auditor", "en");
        }
        String first = page("/audit?actor=auditor&action=READ&recordType=audit&size=1", "auditor", "en").getBody();
        java.util.regex.Matcher last = java.util.regex.Pattern.compile("href=\"([^\"]+)\" rel=\"last\"").matcher(first);
        assertThat(last.find()).as("the last page is one click away").isTrue();
        assertThat(first).doesNotContain("rel=\"first\"");
        String end = page(last.group(1).replace("&amp;", "&"), "auditor", "en").getBody();
        assertThat(end).doesNotContain("rel=\"next\"").doesNotContain("rel=\"last\"").contains("rel=\"first\"",
                ">First page</a>").containsPattern("page ([\\d,]+) of \\1");
        assertThat(page("/audit?actor=auditor&action=READ&recordType=audit&size=1&page=1", "auditor", null).getBody())
                .contains(">首页</a>", ">末页</a>");
    }

    @Test
    void systemAdministratorMayNotOpenThePage() {
        assertThat(page("/audit", "admin", null).getStatusCode().value()).isEqualTo(403);
        assertThat(page("/audit/verify", "admin", null).getStatusCode().value()).isEqualTo(403);
    }

    private ResponseEntity<String> page(String url, String user, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token(user));
        if (language != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        return http.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
