package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The auditor reads what an entry changed in words: role and unit names, plain ids, personal data still masked. */
class AuditChangesIntegrationTests extends IntegrationTest {

    static final String RURAL_OFFICE = "320722010100";

    @Autowired
    TestRestTemplate http;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcClient jdbc;

    AuditApi api;

    @BeforeEach
    void client() {
        api = new AuditApi(http);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRoleChangeReadsAsTheRoleNamesOldToNewAndTheUnitByItsNameInBothLanguages() {
        Unit office = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow();
        ResponseEntity<Map> created = api.call(HttpMethod.POST, "/api/v1/staff", "chief",
                Map.of("unitId", office.id().value().toString(), "role", "GRID_MEMBER", "name", "吴审计",
                        "phone", "13987650001"), Map.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = String.valueOf(created.getBody().get("id"));
        assertThat(api.call(HttpMethod.PUT, "/api/v1/staff/" + id + "/role", "security", Map.of("role", "VOLUNTEER"),
                Map.class).getStatusCode().value()).isEqualTo(200);

        String zh = changes(page("/audit?recordType=staff&recordId=" + id, null));
        assertThat(zh).containsPattern("title=\"role\">角色</span>: <span class=\"change-before\">网格员</span>\\s*→ "
                        + "<span class=\"change-after\">平安志愿者</span>")
                .contains(">所属单位</span>", ">" + office.name() + "</span>")
                .as("the phone is read as stored: masked").contains("139****0001").doesNotContain("13987650001")
                .doesNotContain("GRID_MEMBER").doesNotContain("VOLUNTEER").doesNotContain(office.id().value().toString());
        String en = changes(page("/audit?recordType=staff&recordId=" + id, "en"));
        assertThat(en).contains(">Role</span>", ">Grid member</span>", ">Volunteer</span>", ">Unit</span>")
                .doesNotContain("GRID_MEMBER");

        // the API gives the same reading beside the stored before and after, which stay as they were
        Map<?, ?> trail = api.get("/api/v1/audit?recordType=staff&action=UPDATE&recordId=" + id, "auditor", Map.class)
                .getBody();
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) trail.get("items")).get(0);
        assertThat(((Map<?, ?>) entry.get("before")).get("role")).isEqualTo("GRID_MEMBER");
        assertThat(((Map<?, ?>) entry.get("after")).get("role")).isEqualTo("VOLUNTEER");
        assertThat((List<Object>) entry.get("changes")).containsExactly(
                Map.of("field", "role", "fieldName", "角色", "before", "网格员", "after", "平安志愿者"));
    }

    @Test
    void aFieldThatDidNotChangeIsLeftOutAndAUnitNoLongerFoundStaysAsItsId() {
        String gone = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        events.publishEvent(new Audited("UPDATE", "test-record", id, null, Map.of("unitId", gone),
                Map.of("unitId", gone, "note", "x"), "tester"));
        assertThat(changes(page("/audit?recordId=" + id, "en"))).doesNotContain(gone).contains(">x</span>");
        events.publishEvent(new Audited("UPDATE", "test-record", id, null, Map.of("unitId", "a"),
                Map.of("unitId", gone), "tester"));
        assertThat(changes(page("/audit?recordId=" + id, "en"))).contains(">a</span>", ">" + gone + "</span>");
    }

    @Test
    void anIdWrittenAsAValueObjectReadsAsThePlainIdAndNewEntriesAreWrittenPlain() {
        // an entry as the demo district wrote them: the staff member as other modules see him, ids as records
        Unit office = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow();
        Staff made = staff.registerWithHash(office.id(), office.path(), StaffRole.VOLUNTEER, "郑明白", null, null,
                null, null, null);
        String id = made.id().value().toString();
        Map<String, Object> stored = jdbc.sql("SELECT after->>'id' AS id, after->>'unitId' AS unit FROM audit_entry "
                + "WHERE record_type = 'staff' AND record_id = ? AND action = 'CREATE'").param(id).query().singleRow();
        assertThat(stored).containsEntry("id", id).containsEntry("unit", office.id().value().toString());

        // an entry written before that, with its ids as {"value": …}, reads as the plain id all the same
        String old = UUID.randomUUID().toString();
        String gridId = UUID.randomUUID().toString();
        events.publishEvent(new Audited("CREATE", "test-record", old, null, null,
                Map.of("gridId", Map.of("value", gridId), "unitId", Map.of("value", office.id().value().toString())),
                "tester"));
        String zh = changes(page("/audit?recordId=" + old, null));
        assertThat(zh).contains(">" + gridId + "</span>", ">" + office.name() + "</span>").doesNotContain("value");
    }

    /**
     * The security administrator unlocks a locked account: the auditor reads the lock that was lifted and no lock
     * after it, shown as no value (—), never the word "null", in either language; an entry an unlock wrote before,
     * with the text "null" for no lock, reads the same.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anUnlockReadsAsTheLockLiftedToNoneNeverAsTheWordNull() {
        String id = lockedMemberUnlocked("钱解锁", "13987650002", "now() + interval '15 minutes'");

        String zh = changes(page("/audit?recordType=staff&action=UPDATE&recordId=" + id, null));
        assertThat(zh).contains(">登录失败次数</span>: <span class=\"change-before\">5</span>")
                .containsPattern(">锁定至</span>: <span class=\"change-before\">\\d{4}-[^<]+</span>\\s*→ "
                        + "<span class=\"change-after\">—</span>")
                .doesNotContain(">null<");
        assertThat(changes(page("/audit?recordType=staff&action=UPDATE&recordId=" + id, "en")))
                .contains(">Locked until</span>", "<span class=\"change-after\">—</span>").doesNotContain(">null<");
        Map<?, ?> trail = api.get("/api/v1/audit?recordType=staff&action=UPDATE&recordId=" + id, "auditor", Map.class)
                .getBody();
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) trail.get("items")).get(0);
        assertThat(((Map<?, ?>) entry.get("after")).get("lockedUntil")).as("stored as no value").isNull();
        assertThat((List<Map<String, Object>>) entry.get("changes")).extracting(c -> c.get("after"))
                .doesNotContain("null");

        // as unlocks wrote it before: the text "null" for no lock, on both sides of an unlocked account's unlock
        String old = UUID.randomUUID().toString();
        events.publishEvent(new Audited("UPDATE", "staff", old, null,
                Map.of("failedLogins", 3, "lockedUntil", "2026-05-01T02:00:00Z"),
                Map.of("failedLogins", 0, "lockedUntil", "null"), "security"));
        assertThat(changes(page("/audit?recordId=" + old, null))).contains("<span class=\"change-after\">—</span>")
                .doesNotContain(">null<");
        String unchanged = UUID.randomUUID().toString();
        events.publishEvent(new Audited("UPDATE", "staff", unchanged, null,
                Map.of("failedLogins", 2, "lockedUntil", "null"), Map.of("failedLogins", 0, "lockedUntil", "null"),
                "security"));
        assertThat(changes(page("/audit?recordId=" + unchanged, null))).doesNotContain("锁定至").doesNotContain("null");
    }

    /**
     * What the trail writes as words of its own reads in the auditor's language: the outcome of each sign-in (the
     * third wrong password in a row, the lock, the success) and a password reset by the security administrator, never
     * the stored English words beside a Chinese field name.
     */
    @Test
    void aSignInsOutcomeAndAPasswordResetReadInTheReadersWordsNotAsStored() {
        String id = UUID.randomUUID().toString();
        events.publishEvent(new Audited("SIGN_IN_FAILED", "staff", id, null, null,
                Map.of("username", "wu.shen", "outcome", "password 3"), "wu.shen"));
        events.publishEvent(new Audited("SIGN_IN_FAILED", "staff", id, null, null,
                Map.of("username", "wu.shen", "outcome", "locked"), "wu.shen"));
        events.publishEvent(new Audited("SIGN_IN", "staff", id, null, null,
                Map.of("username", "wu.shen", "outcome", "ok"), "wu.shen"));
        events.publishEvent(new Audited("UPDATE", "staff", id, null, Map.of("password", "old"),
                Map.of("password", "reset"), "security"));

        String zh = changes(page("/audit?recordId=" + id, null));
        assertThat(zh).contains("title=\"outcome\">结果</span>", ">密码错误（连续第 3 次）</span>", ">账号已锁定</span>",
                        ">登录成功</span>", ">原密码</span>", ">已重置（须本人修改后才能使用平台）</span>")
                .doesNotContain(">outcome<", ">password 3<", ">locked<", ">ok<", ">old<", ">reset<");
        String en = changes(page("/audit?recordId=" + id, "en"));
        assertThat(en).contains("title=\"outcome\">Outcome</span>", ">Wrong password (3 in a row)</span>",
                        ">Account locked</span>", ">Signed in</span>", ">Former password</span>")
                .doesNotContain(">password 3<", ">locked<", ">old<", ">reset<");
        // the user name stays as stored, and the stored record keeps the words as written
        assertThat(zh).contains(">wu.shen</span>");
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) api.get("/api/v1/audit?action=SIGN_IN_FAILED&recordId=" + id,
                "auditor", Map.class).getBody().get("items")).get(0);
        assertThat(((Map<?, ?>) entry.get("after")).get("outcome")).isEqualTo("locked");
    }

    /**
     * A time stored inside an entry's changes (the lock an unlock lifted, a check-in) reads in Beijing time as the
     * page's own times do, whatever offset it was stored with, in the page and in the API's reading; the stored
     * JSON keeps it as written, and a plain date stays a date.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aTimeInsideAnEntrysChangesReadsInBeijingTimeAsThePageShowsTimes() {
        String id = lockedMemberUnlocked("孙锁定", "13987650003", "'2099-12-06T11:46:09Z'");

        String url = "/audit?recordType=staff&action=UPDATE&recordId=" + id;
        assertThat(changes(page(url, null))).contains(">锁定至</span>: <span class=\"change-before\">2099-12-06 19:46:09</span>")
                .doesNotContain("11:46:09");
        assertThat(changes(page(url, "en"))).contains("<span class=\"change-before\">2099-12-06 19:46:09</span>");
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) api.get("/api/v1/audit?recordType=staff&action=UPDATE&recordId=" + id,
                "auditor", Map.class).getBody().get("items")).get(0);
        assertThat(String.valueOf(((Map<?, ?>) entry.get("before")).get("lockedUntil"))).contains("11:46:09");
        assertThat((List<Map<String, Object>>) entry.get("changes")).filteredOn(c -> "lockedUntil".equals(c.get("field")))
                .extracting(c -> c.get("before")).containsExactly("2099-12-06 19:46:09");

        String other = UUID.randomUUID().toString();
        events.publishEvent(new Audited("UPDATE", "test-record", other, null,
                Map.of("checkedInAt", "2026-12-05T23:30:00.123456+08:00", "validUntil", "2026-12-06"),
                Map.of("checkedInAt", "2026-12-05T16:00:00Z", "validUntil", "2027-01-31"), "tester"));
        assertThat(changes(page("/audit?recordId=" + other, null)))
                .contains(">2026-12-05 23:30:00</span>", ">2026-12-06 00:00:00</span>", ">2026-12-06</span>",
                        ">2027-01-31</span>").doesNotContain("16:00:00");
    }

    private ResponseEntity<String> pageEntity(String url, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token("auditor"));
        if (language != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        return http.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private String page(String url, String language) {
        ResponseEntity<String> page = pageEntity(url, language);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        return page.getBody();
    }

    /** The lists of changes on the page, without the stored JSON beside them. */
    private static String changes(String page) {
        Matcher m = Pattern.compile("<ul class=\"audit-changes\">.*?</ul>", Pattern.DOTALL).matcher(page);
        StringBuilder found = new StringBuilder();
        while (m.find()) {
            found.append(m.group()).append('\n');
        }
        return found.toString();
    }

    /**
     * A grid member the chief adds, locked after five failed sign-ins until {@code lockedUntilSql} (an SQL value),
     * then unlocked by the security administrator: the unlock's audit entry is the one read; the member's id.
     */
    @SuppressWarnings("rawtypes")
    private String lockedMemberUnlocked(String name, String phone, String lockedUntilSql) {
        Unit office = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow();
        ResponseEntity<Map> created = api.call(HttpMethod.POST, "/api/v1/staff", "chief",
                Map.of("unitId", office.id().value().toString(), "role", "GRID_MEMBER", "name", name,
                        "phone", phone), Map.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = String.valueOf(created.getBody().get("id"));
        jdbc.sql("UPDATE staff SET failed_logins = 5, locked_until = " + lockedUntilSql + " WHERE id = ?::uuid")
                .param(id).update();
        assertThat(api.call(HttpMethod.POST, "/api/v1/staff/" + id + "/unlock", "security", Map.of(), Map.class)
                .getStatusCode().value()).isEqualTo(200);
        return id;
    }
}
