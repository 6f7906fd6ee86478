package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Key persons through the API: the scoped list with each person's rhythm (overdue first, a trusted
 * household exempting nobody), the helper team with its history, the audited risk level, key-person visits,
 * and 404 outside the caller's subtree on every endpoint that takes an id.
 */
class KeyPersonCareIntegrationTests extends IntegrationTest {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    LocalDate today;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
        today = LocalDate.now(LOCAL);
    }

    /** A key person of a new household in a grid, a key person since the given day, at a risk level. */
    UUID keyPerson(String gridCode, String name, String risk, LocalDate since, boolean trusted) {
        UUID grid = fx.gridId(gridCode);
        UUID household = fx.household(grid, null, trusted, false);
        UUID id = fx.person(grid, household, name, "HEAD", "KEY_PERSON", "DRUG");
        jdbc.sql("UPDATE person_category SET risk = ?, since = ? WHERE person_id = ?").params(risk, since, id).update();
        return id;
    }

    JsonNode item(JsonNode page, UUID id) {
        for (JsonNode item : page.path("items")) {
            if (item.path("personId").asText().equals(id.toString())) {
                return item;
            }
        }
        return null;
    }

    long audits(String action, String type, UUID id) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND record_type = ? AND record_id = ?")
                .params(action, type, id.toString()).query(Long.class).single();
    }

    @Test
    void theListShowsRiskTeamLastVisitAndNextDueWithTheOverdueFirstAndATrustedHouseholdExemptsNobody() {
        UUID late = keyPerson("FS-1-03", "逾期", "HIGH", today.minusDays(30), false);
        UUID fresh = keyPerson("FS-1-03", "新列", "LOW", today.minusDays(3), false);
        UUID trusted = keyPerson("FS-1-03", "放心", "HIGH", today.minusDays(300), true);

        HousingFixtures.Answer all = fx.get("officer", "/api/v1/key-persons?size=200&gridId=" + fx.gridId("FS-1-03"));
        assertThat(all.status()).isEqualTo(200);
        JsonNode l = item(all.body(), late);
        assertThat(l.path("risk").asText()).isEqualTo("HIGH");
        assertThat(l.path("type").asText()).isEqualTo("DRUG");
        assertThat(l.path("overdue").asBoolean()).isTrue();
        assertThat(l.path("daysOverdue").asInt()).isEqualTo(23);
        assertThat(l.path("nextDue").asText()).isEqualTo(today.minusDays(23).toString());
        assertThat(l.path("teamSize").asInt()).isZero();
        JsonNode f = item(all.body(), fresh);
        assertThat(f.path("overdue").asBoolean()).isFalse();
        assertThat(f.path("nextDue").asText()).isEqualTo(today.minusDays(3).plusMonths(1).toString());
        JsonNode t = item(all.body(), trusted);
        assertThat(t.path("trustedHousehold").asBoolean()).isTrue();
        assertThat(t.path("overdue").asBoolean())
                .as("a drug-involved person of a household marked trusted is still visited at his rhythm").isTrue();
        assertThat(t.has("exemption")).isFalse();
        assertThat(t.path("nextDue").asText()).isEqualTo(today.minusDays(300).plusWeeks(1).toString());

        List<String> order = all.body().path("items").findValuesAsText("personId");
        assertThat(order.indexOf(trusted.toString())).as("the longest overdue first")
                .isLessThan(order.indexOf(late.toString()));
        assertThat(order.indexOf(late.toString())).isLessThan(order.indexOf(fresh.toString()));
        List<Boolean> overdueFlags = new ArrayList<>();
        all.body().path("items").forEach(i -> overdueFlags.add(i.path("overdue").asBoolean()));
        assertThat(overdueFlags.indexOf(false)).as("every overdue person comes before the others")
                .isEqualTo(all.body().path("overdue").asInt());

        JsonNode overdueOnly = fx.get("officer", "/api/v1/key-persons?overdue=true&size=200").body();
        assertThat(item(overdueOnly, late)).isNotNull();
        assertThat(item(overdueOnly, fresh)).isNull();
        assertThat(item(overdueOnly, trusted)).isNotNull();
        assertThat(overdueOnly.path("items").findValuesAsText("overdue")).containsOnly("true");
        // the grid chief's own grids: officer heads the rural grids, so his key persons are all there
        assertThat(item(fx.get("officer", "/api/v1/key-persons?mine=true&size=200").body(), late)).isNotNull();
        assertThat(item(fx.get("officer2", "/api/v1/key-persons?size=200").body(), late)).isNull();
        assertThat(item(fx.get("bureau", "/api/v1/key-persons?overdue=true&size=200").body(), late)).isNotNull();
    }

    @Test
    void theTeamKeepsItsHistoryAndNamedHelpersPhonesAreMasked() {
        UUID person = keyPerson("FS-1-04", "帮教", "MEDIUM", today.minusDays(10), false);
        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        HousingFixtures.Answer chief = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("staffId", officer, "role", "GRID_CHIEF"));
        assertThat(chief.status()).isEqualTo(201);
        assertThat(chief.body().path("name").asText()).isEqualTo("李建国");
        Map<String, Object> mother = new HashMap<>(Map.of("name", "帮母", "role", "FAMILY", "relation", "母亲",
                "phone", "13912345678"));
        HousingFixtures.Answer family = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team", mother);
        assertThat(family.status()).isEqualTo(201);
        assertThat(family.body().path("phoneMasked").asText()).isEqualTo("139****5678");
        assertThat(family.body().toString()).doesNotContain("13912345678");
        assertThat(fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("staffId", officer, "role", "GRID_CHIEF")).status()).as("the same staff member twice").isEqualTo(400);
        HousingFixtures.Answer noName = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("role", "DOCTOR"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(noName.body())).containsKey("name");

        UUID familyId = UUID.fromString(family.body().path("id").asText());
        HousingFixtures.Answer ended = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team/" + familyId + "/end",
                Map.of("reason", "外出务工"));
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.body().path("leftOn").asText()).isEqualTo(today.toString());
        assertThat(fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team/" + familyId + "/end", Map.of())
                .status()).as("leaving twice").isEqualTo(400);

        JsonNode detail = fx.get("officer", "/api/v1/key-persons/" + person).body();
        assertThat(detail.path("teamSize").asInt()).isEqualTo(1);
        assertThat(detail.path("team")).hasSize(2);
        assertThat(detail.path("team").get(1).path("leftReason").asText()).isEqualTo("外出务工");
        assertThat(detail.toString()).doesNotContain("13912345678");
        assertThat(jdbc.sql("SELECT encode(phone_cipher, 'escape') FROM helper_membership WHERE id = ?").param(familyId)
                .query(String.class).single()).doesNotContain("12345678");
        assertThat(audits("CREATE", "helper_membership", familyId)).isEqualTo(1);
        assertThat(audits("UPDATE", "helper_membership", familyId)).isEqualTo(1);
        assertThat(audits("READ", "person", person)).as("reading the key person's page is a read of the person").isEqualTo(1);
    }

    @Test
    void theRiskLevelChangesOnlyWithAReasonAndTheChangeIsAuditedWithBeforeAndAfter() {
        UUID person = keyPerson("FS-1-05", "调级", "LOW", today.minusDays(20), false);
        HousingFixtures.Answer noReason = fx.call("officer", "PUT", "/api/v1/key-persons/" + person + "/risk",
                Map.of("risk", "HIGH"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(noReason.body())).containsEntry("reason", "请说明调整风险等级的理由（至少 4 个字）");
        HousingFixtures.Answer en = fx.call("officer", "PUT", "/api/v1/key-persons/" + person + "/risk",
                Map.of("risk", "HIGH", "reason", "短"), "Accept-Language", "en");
        assertThat(HousingFixtures.errors(en.body()).get("reason")).contains("reason");
        assertThat(jdbc.sql("SELECT risk FROM person_category WHERE person_id = ?").param(person).query(String.class).single())
                .as("nothing half-applied").isEqualTo("LOW");

        HousingFixtures.Answer raised = fx.call("officer", "PUT", "/api/v1/key-persons/" + person + "/risk",
                Map.of("risk", "HIGH", "reason", "近期多次与邻居发生冲突"));
        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.body().path("person").path("risk").asText()).isEqualTo("HIGH");
        assertThat(raised.body().path("rhythm").path("overdue").asBoolean()).as("weekly now, 20 days after").isTrue();
        assertThat(raised.body().path("riskHistory").get(0).path("reason").asText()).isEqualTo("近期多次与邻居发生冲突");
        Map<String, Object> audit = jdbc.sql("""
                SELECT before->>'risk' AS before, after->>'risk' AS after, after->>'reason' AS reason FROM audit_entry
                WHERE action = 'UPDATE' AND record_type = 'key-person-risk' AND record_id = ?""")
                .param(person.toString()).query().singleRow();
        assertThat(audit).containsEntry("before", "LOW").containsEntry("after", "HIGH")
                .containsEntry("reason", "近期多次与邻居发生冲突");
        assertThat(fx.call("officer", "PUT", "/api/v1/key-persons/" + person + "/risk",
                Map.of("risk", "HIGH", "reason", "再次调整等级")).status()).as("unchanged").isEqualTo(400);
    }

    @Test
    void aKeyPersonVisitRecordsWhoCameAndTheStateAndStartsTheRhythmAgain() {
        UUID person = keyPerson("FS-1-06", "走访", "HIGH", today.minusDays(30), false);
        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        UUID chief = UUID.fromString(fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("staffId", officer, "role", "GRID_CHIEF")).body().path("id").asText());
        assertThat(fx.get("officer", "/api/v1/key-persons/" + person).body().path("rhythm").path("overdue").asBoolean()).isTrue();

        HousingFixtures.Answer stranger = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits",
                Map.of("state", "STABLE", "helperIds", List.of(UUID.randomUUID())));
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(stranger.body())).containsKey("helperIds");

        HousingFixtures.Answer visit = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits",
                Map.of("state", "STABLE", "findings", "在家务农，情绪稳定", "helperIds", List.of(chief)));
        assertThat(visit.status()).isEqualTo(201);
        assertThat(visit.body().path("helpers").get(0).asText()).isEqualTo("李建国");
        JsonNode after = fx.get("officer", "/api/v1/key-persons/" + person).body();
        assertThat(after.path("rhythm").path("overdue").asBoolean()).isFalse();
        assertThat(after.path("rhythm").path("lastVisitOn").asText()).isEqualTo(today.toString());
        assertThat(after.path("rhythm").path("nextDue").asText()).isEqualTo(today.plusWeeks(1).toString());
        assertThat(after.path("visits").get(0).path("state").asText()).isEqualTo("STABLE");
        assertThat(audits("CREATE", "visit", UUID.fromString(visit.body().path("id").asText()))).isEqualTo(1);
        // the visit is the household's too: the household page lists it
        UUID household = jdbc.sql("SELECT household_id FROM person WHERE id = ?").param(person).query(UUID.class).single();
        assertThat(fx.get("officer", "/api/v1/households/" + household + "/visits").body().findValuesAsText("findings"))
                .contains("在家务农，情绪稳定");
    }

    /**
     * What the officer changes at a key person's door during the visit (the household's note, the contact card) is
     * listed under that visit wherever the visit is read: the household's page, and the key person's record, page and
     * file, in the reader's language.
     */
    @Test
    void theChangesMadeDuringAKeyPersonsVisitAreListedUnderItOnHisRecordPageAndFile() throws Exception {
        UUID person = keyPerson("FS-1-06", "访改", "HIGH", today.minusDays(30), false);
        UUID household = jdbc.sql("SELECT household_id FROM person WHERE id = ?").param(person).query(UUID.class).single();
        String helper = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("name", "访改帮", "role", "VOLUNTEER")).body().path("id").asText();
        HousingFixtures.Answer visit = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits",
                Map.of("state", "UNSTABLE", "findings", "近期外出打工，已登记去向", "helperIds", List.of(helper)));
        assertThat(visit.status()).isEqualTo(201);
        String visitId = visit.body().path("id").asText();
        Map<String, Object> note = new HashMap<>();
        note.put("trusted", false);
        note.put("inDifficulty", false);
        note.put("note", "家属每周三探视");
        note.put("visitId", visitId);
        assertThat(fx.call("officer", "PUT", "/api/v1/households/" + household, note).status()).isEqualTo(200);
        assertThat(fx.call("officer", "POST", "/api/v1/households/" + household + "/contact-card",
                Map.of("on", today.toString(), "visitId", visitId)).status()).isEqualTo(200);
        assertThat(fx.get("officer", "/api/v1/households/" + household + "/visits").body().findValuesAsText("summary"))
                .contains("备注改为“家属每周三探视”", "发放警民联系卡（" + today + "）");

        JsonNode record = fx.get("officer", "/api/v1/key-persons/" + person).body().path("visits").get(0);
        assertThat(record.path("id").asText()).isEqualTo(visitId);
        assertThat(record.path("changes").findValuesAsText("summary"))
                .containsExactly("备注改为“家属每周三探视”", "发放警民联系卡（" + today + "）");
        assertThat(fx.get("officer", "/api/v1/key-persons/" + person, "Accept-Language", "en").body().path("visits").get(0)
                .path("changes").findValuesAsText("summary")).contains("contact card handed over on " + today);

        org.fengqiao.account.ApiClient web = new org.fengqiao.account.ApiClient(port);
        String token = web.token("officer", DEMO_PASSWORD);
        String page = web.get("/key-persons/" + person, token, "Accept", "text/html").body();
        assertThat(page).contains("近期外出打工，已登记去向", "备注改为“家属每周三探视”", "发放警民联系卡（" + today + "）");

        java.net.http.HttpResponse<byte[]> pdf = web.download("/api/v1/persons/" + person + "/file.pdf", token);
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String file = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s*\\R\\s*", "");
            assertThat(file).contains("近期外出打工，已登记去向", "备注改为“家属每周三探视”", "发放警民联系卡（" + today + "）");
            // who of his team came, as his page says: the file is where the N帮一 team's work is shown
            assertThat(file).contains("帮扶人：访改帮");
        }
    }

    @Test
    void aKeyPersonVisitWithoutFindingsIsRefusedAndThePersonStaysOverdue() {
        UUID person = keyPerson("FS-1-06", "空访", "HIGH", today.minusDays(30), false);
        assertThat(fx.get("officer", "/api/v1/key-persons/" + person).body().path("rhythm").path("overdue").asBoolean()).isTrue();

        HousingFixtures.Answer empty = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits",
                Map.of("findings", "", "state", "STABLE"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(empty.body())).containsEntry("findings", "必填");
        HousingFixtures.Answer blank = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits",
                Map.of("findings", "  \u3000 ", "state", "STABLE"), "Accept-Language", "en");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(blank.body())).containsEntry("findings", "Required");

        JsonNode after = fx.get("officer", "/api/v1/key-persons/" + person).body();
        assertThat(after.path("rhythm").path("overdue").asBoolean()).as("still overdue").isTrue();
        assertThat(after.path("visits")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM visit_person WHERE person_id = ?").param(person).query(Long.class)
                .single()).isZero();
    }

    /**
     * A key person's visit body with several values of the wrong kind is refused with every fault at once, each under
     * its field in the caller's language, as the household visit is; nothing is recorded and he stays overdue.
     */
    @Test
    void everyWrongValueOfAKeyPersonVisitIsRefusedAtOnceAndNothingIsRecorded() {
        UUID person = keyPerson("FS-1-06", "错值", "HIGH", today.minusDays(30), false);
        Map<String, Object> body = Map.of("findings", " ", "state", "还行", "helperIds", List.of("李建国"),
                "visitedAt", "昨天下午");
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits", body);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).as(zh.body().toString())
                .containsOnlyKeys("findings", "state", "helperIds[0]", "visitedAt").containsEntry("findings", "必填")
                .containsEntry("helperIds[0]", "格式不正确").containsEntry("visitedAt", "格式不正确");
        assertThat(HousingFixtures.errors(zh.body()).get("state")).startsWith("不是可选的值").contains("STABLE");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits", body,
                "Accept-Language", "en");
        assertThat(HousingFixtures.errors(en.body())).as(en.body().toString())
                .containsOnlyKeys("findings", "state", "helperIds[0]", "visitedAt").containsEntry("findings", "Required")
                .containsEntry("visitedAt", "Wrong format");

        assertThat(jdbc.sql("SELECT count(*) FROM visit_person WHERE person_id = ?").param(person).query(Long.class)
                .single()).isZero();
        assertThat(fx.get("officer", "/api/v1/key-persons/" + person).body().path("rhythm").path("overdue")
                .asBoolean()).as("still overdue").isTrue();
    }

    @Test
    void everyWrongValueOfATeamMemberOrARiskChangeIsRefusedAtOnceAndNothingIsSaved() {
        UUID person = keyPerson("FS-1-06", "错组", "HIGH", today.minusDays(30), false);
        HousingFixtures.Answer member = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("name", "帮扶人", "role", "COUSIN", "phone", "12", "joinedOn", "上周"));
        assertThat(member.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(member.body())).as(member.body().toString())
                .containsOnlyKeys("role", "phone", "joinedOn").containsEntry("joinedOn", "格式不正确");
        assertThat(HousingFixtures.errors(member.body()).get("role")).startsWith("不是可选的值").contains("FAMILY");
        HousingFixtures.Answer staff = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("staffId", "李建国", "role", "GRID_CHIEF", "joinedOn", "上周"));
        assertThat(HousingFixtures.errors(staff.body())).as(staff.body().toString())
                .containsOnlyKeys("staffId", "joinedOn");
        assertThat(jdbc.sql("SELECT count(*) FROM helper_membership WHERE person_id = ?").param(person)
                .query(Long.class).single()).isZero();

        HousingFixtures.Answer risk = fx.call("officer", "PUT", "/api/v1/key-persons/" + person + "/risk",
                Map.of("risk", "EXTREME", "reason", "短"), "Accept-Language", "en");
        assertThat(risk.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(risk.body())).as(risk.body().toString()).containsOnlyKeys("risk", "reason");
        assertThat(jdbc.sql("SELECT risk FROM person_category WHERE person_id = ?").param(person).query(String.class)
                .single()).isEqualTo("HIGH");
    }

    @Test
    void aKeyPersonVisitDatedBeforeHeBecameOneOrEnteredOver30DaysLateIsRefusedAndHeStaysOverdue() {
        // designated 20 days ago, never visited: overdue at the high-risk weekly rhythm
        UUID recent = keyPerson("FS-1-06", "补录", "HIGH", today.minusDays(20), false);
        java.time.OffsetDateTime noon = today.atTime(12, 0).atZone(LOCAL).toOffsetDateTime();
        HousingFixtures.Answer before = fx.call("officer", "POST", "/api/v1/key-persons/" + recent + "/visits",
                Map.of("findings", "补录走访", "state", "STABLE", "visitedAt", noon.minusDays(21).toString()));
        assertThat(before.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(before.body())).containsEntry("visitedAt",
                "走访时间不能早于该人员列为重点人员之日（" + today.minusDays(20) + "）：此前的走访不是对重点人员的走访");
        HousingFixtures.Answer beforeEn = fx.call("officer", "POST", "/api/v1/key-persons/" + recent + "/visits",
                Map.of("findings", "补录走访", "state", "STABLE", "visitedAt", noon.minusDays(21).toString()),
                "Accept-Language", "en");
        assertThat(HousingFixtures.errors(beforeEn.body())).containsEntry("visitedAt",
                "The visit cannot be dated before this person became a key person (" + today.minusDays(20)
                        + "): a visit before that was no key-person visit");

        // designated a year ago: a visit of 31 days ago is entered too late, one of 30 days ago is not
        UUID old = keyPerson("FS-1-06", "久列", "LOW", today.minusYears(1), false);
        HousingFixtures.Answer late = fx.call("officer", "POST", "/api/v1/key-persons/" + old + "/visits",
                Map.of("findings", "补录走访", "state", "STABLE", "visitedAt", noon.minusDays(31).toString()),
                "Accept-Language", "en");
        assertThat(late.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(late.body())).containsEntry("visitedAt",
                "The visit cannot be dated before " + today.minusDays(30) + ": a visit must be entered within 30 days");
        HousingFixtures.Answer years = fx.call("officer", "POST", "/api/v1/key-persons/" + old + "/visits",
                Map.of("findings", "补录走访", "state", "STABLE", "visitedAt", noon.minusYears(2).toString()));
        assertThat(HousingFixtures.errors(years.body())).containsEntry("visitedAt",
                "走访时间不能早于 " + today.minusDays(30) + "：走访须在 30 天内补录");
        for (UUID p : List.of(recent, old)) {
            JsonNode after = fx.get("officer", "/api/v1/key-persons/" + p).body();
            assertThat(after.path("rhythm").path("overdue").asBoolean()).as("still overdue").isTrue();
            assertThat(jdbc.sql("SELECT count(*) FROM visit_person WHERE person_id = ?").param(p)
                    .query(Long.class).single()).as("nothing saved").isZero();
        }

        HousingFixtures.Answer inTime = fx.call("officer", "POST", "/api/v1/key-persons/" + old + "/visits",
                Map.of("findings", "补录走访", "state", "STABLE", "visitedAt", noon.minusDays(30).toString()));
        assertThat(inTime.status()).as(String.valueOf(inTime.body())).isEqualTo(201);
    }

    @Test
    void everyEndpointWithAnIdAnswers404OutsideTheCallersSubtree() {
        UUID rural = keyPerson("FS-2-02", "乡村", "HIGH", today.minusDays(10), false);
        UUID urban = keyPerson("NS-1-01", "城区", "HIGH", today.minusDays(10), false);
        UUID ruralMember = UUID.fromString(fx.call("officer", "POST", "/api/v1/key-persons/" + rural + "/team",
                Map.of("name", "乡医", "role", "DOCTOR")).body().path("id").asText());
        UUID urbanMember = UUID.fromString(fx.call("officer2", "POST", "/api/v1/key-persons/" + urban + "/team",
                Map.of("name", "城医", "role", "DOCTOR")).body().path("id").asText());
        UUID notAKeyPerson = fx.person(fx.gridId("FS-2-02"), null, "常人", "HEAD", null, null);

        for (String[] who : List.of(new String[] {"officer2", rural.toString(), ruralMember.toString()},
                new String[] {"officer", urban.toString(), urbanMember.toString()},
                new String[] {"officer", notAKeyPerson.toString(), UUID.randomUUID().toString()},
                new String[] {"officer", UUID.randomUUID().toString(), UUID.randomUUID().toString()})) {
            String user = who[0];
            String base = "/api/v1/key-persons/" + who[1];
            assertThat(fx.get(user, base).status()).as(user + " GET " + base).isEqualTo(404);
            assertThat(fx.call(user, "POST", base + "/team", Map.of("name", "某人", "role", "VOLUNTEER")).status()).isEqualTo(404);
            assertThat(fx.call(user, "POST", base + "/team/" + who[2] + "/end", Map.of()).status()).isEqualTo(404);
            assertThat(fx.call(user, "PUT", base + "/risk", Map.of("risk", "LOW", "reason", "越权调整等级")).status()).isEqualTo(404);
            assertThat(fx.call(user, "POST", base + "/visits", Map.of("state", "STABLE")).status()).isEqualTo(404);
        }
        // a member of another person's team is not found through this person
        assertThat(fx.call("officer", "POST", "/api/v1/key-persons/" + rural + "/team/" + urbanMember + "/end", Map.of())
                .status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM helper_membership WHERE left_on IS NOT NULL AND id IN (?, ?)")
                .params(ruralMember, urbanMember).query(Long.class).single()).as("nothing ended").isZero();
        assertThat(jdbc.sql("SELECT risk FROM person_category WHERE person_id IN (?, ?)").params(rural, urban)
                .query(String.class).list()).containsOnly("HIGH");
        assertThat(fx.get("bureau", "/api/v1/key-persons/" + rural).status()).isEqualTo(200);
        assertThat(fx.get("bureau", "/api/v1/key-persons/" + urban).status()).isEqualTo(200);
        assertThat(fx.get("officer2", "/api/v1/key-persons/" + urban).status()).isEqualTo(200);
        assertThat(fx.get("volunteer", "/api/v1/key-persons").status()).as("volunteers see no population records").isEqualTo(403);
    }

    /**
     * A grid of another station in the filter matches nothing, on the page as in the API and on every other list
     * page: an empty list, neither a 404 nor that grid's name or persons. A grid id that is no id is bad input.
     */
    @Test
    void aGridOutsideTheCallersSubtreeListsNoKeyPersonsOnThePageAsInTheApi() {
        String neighbour = "邻所" + UUID.randomUUID().toString().substring(0, 6);
        keyPerson("NS-1-01", neighbour, "HIGH", today.minusDays(40), false);
        UUID urbanGrid = fx.gridId("NS-1-01");
        String gridName = jdbc.sql("SELECT name FROM grid WHERE id = ?").param(urbanGrid).query(String.class).single();
        org.fengqiao.account.ApiClient web = new org.fengqiao.account.ApiClient(port);
        String officer = web.token("officer", DEMO_PASSWORD);

        java.net.http.HttpResponse<String> page = web.get("/key-persons?gridId=" + urbanGrid, officer, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("共 0 人", "没有符合条件的重点人员").doesNotContain(neighbour)
                .doesNotContain(gridName);
        assertThat(web.get("/key-persons?gridId=" + urbanGrid + "&overdue=true", officer, "Accept", "text/html")
                .statusCode()).isEqualTo(200);
        HousingFixtures.Answer api = fx.get("officer", "/api/v1/key-persons?gridId=" + urbanGrid);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body().path("total").asInt()).isZero();
        assertThat(api.body().path("items").size()).isZero();
        // the same filter lists them for the station that holds the grid
        assertThat(web.get("/key-persons?gridId=" + urbanGrid, web.token("officer2", DEMO_PASSWORD), "Accept",
                "text/html").body()).contains(neighbour, gridName);

        java.net.http.HttpResponse<String> bad = web.get("/key-persons?gridId=not-a-grid", officer, "Accept", "text/html");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("网格：格式不正确");
        assertThat(web.get("/key-persons?gridId=not-a-grid", officer, "Accept", "text/html", "Accept-Language", "en")
                .body()).contains("Grid: Wrong format");
        HousingFixtures.Answer badApi = fx.get("officer", "/api/v1/key-persons?gridId=not-a-grid", "Accept-Language", "en");
        assertThat(badApi.status()).isEqualTo(400);
        assertThat(badApi.body().path("errors").get(0).path("field").asText()).isEqualTo("gridId");
        assertThat(badApi.body().path("errors").get(0).path("message").asText()).isEqualTo("Wrong format");
    }

    @Test
    void theKeyPersonPageLeadsBackToTheFilteredListItCameFromAndNowhereElse() {
        UUID late = keyPerson("FS-1-07", "回列", "HIGH", today.minusDays(40), false);
        UUID grid = fx.gridId("FS-1-07");
        String token = new org.fengqiao.account.ApiClient(port).token("officer", DEMO_PASSWORD);
        org.fengqiao.account.ApiClient web = new org.fengqiao.account.ApiClient(port);

        String list = web.get("/key-persons?mine=false&overdue=true&gridId=" + grid, token, "Accept", "text/html")
                .body();
        String back = "mine%3Dfalse%26overdue%3Dtrue%26gridId%3D" + grid;
        assertThat(list).contains("href=\"/key-persons/" + late + "?back=" + back + "\"");
        String page = web.get("/key-persons/" + late + "?back=" + back, token, "Accept", "text/html").body();
        assertThat(page).contains("<a id=\"back-to-list\" href=\"/key-persons?mine=false&amp;overdue=true&amp;gridId="
                + grid + "\">返回重点人员</a>");

        // opened from elsewhere, or with a way back that is not the list's: the plain list
        assertThat(web.get("/key-persons/" + late, token, "Accept", "text/html").body())
                .contains("<a id=\"back-to-list\" href=\"/key-persons\">");
        assertThat(web.get("/key-persons/" + late + "?back=https%3A%2F%2Fevil.example%2F%3Fmine%3Dtrue", token,
                "Accept", "text/html").body()).contains("<a id=\"back-to-list\" href=\"/key-persons\">")
                .as("no link leads off the site (the language links keep the query, to this same page)")
                .doesNotContainPattern("href=\"(https?:)?//evil\\.example");
        assertThat(web.get("/key-persons/" + late + "?back=overdue%3Dtrue%26next%3D%2F%2Fevil.example", token,
                "Accept", "text/html").body()).contains("<a id=\"back-to-list\" href=\"/key-persons?overdue=true\">")
                .doesNotContainPattern("href=\"[^\"]*next=[^\"]*evil\\.example");
        // the way back opens nothing outside the caller's subtree
        String officer2 = new org.fengqiao.account.ApiClient(port).token("officer2", DEMO_PASSWORD);
        assertThat(web.get("/key-persons/" + late + "?back=" + back, officer2, "Accept", "text/html").statusCode())
                .isEqualTo(404);
    }

    /**
     * The list page says the rule it applies: a key person of a trusted household is flagged overdue like any other, so
     * the page may not tell the grid chief that trusted households have no rhythm (he would skip that door).
     */
    @Test
    void theListPageSaysAKeyPersonOfATrustedHouseholdIsVisitedAtHisRhythmAndFlagsHimOverdue() {
        UUID trusted = keyPerson("FS-1-07", "信户逾", "HIGH", today.minusDays(20), true);
        org.fengqiao.account.ApiClient web = new org.fengqiao.account.ApiClient(port);
        String token = web.token("officer", DEMO_PASSWORD);
        String list = web.get("/key-persons?mine=false&overdue=true&gridId=" + fx.gridId("FS-1-07"), token,
                "Accept", "text/html").body();
        assertThat(list).contains("信户逾", "逾期 13 天");
        assertThat(list).contains("重点人员所在户是放心户的，仍按频次走访").doesNotContain("放心户只登记变化情况，不计走访频次");
        String english = web.get("/key-persons?mine=false&overdue=true&gridId=" + fx.gridId("FS-1-07"), token,
                "Accept", "text/html", "Accept-Language", "en").body();
        assertThat(english).contains("A key person of a trusted household is visited at his rhythm all the same")
                .doesNotContain("Trusted households only record changes and have no rhythm");
        assertThat(fx.get("officer", "/api/v1/key-persons/" + trusted).body().path("rhythm").path("overdue").asBoolean())
                .isTrue();
    }

    @Test
    void theGridChiefsPagesListHisOverdueKeyPersonsFirstAndTheHomePageCountsThem() {
        UUID late = keyPerson("FS-1-07", "页逾", "HIGH", today.minusDays(40), false);
        HousingFixtures.Answer ignored = fx.get("officer", "/api/v1/key-persons");
        String token = new org.fengqiao.account.ApiClient(port).token("officer", DEMO_PASSWORD);
        org.fengqiao.account.ApiClient web = new org.fengqiao.account.ApiClient(port);
        String list = web.get("/key-persons", token, "Accept", "text/html").body();
        assertThat(list).contains("我负责的网格").contains("页逾");
        int firstRow = list.indexOf("<tbody>");
        assertThat(list.indexOf("is-overdue", firstRow)).as("the first row is an overdue one")
                .isLessThan(list.indexOf("<tr", list.indexOf("<tr", firstRow) + 1));
        String page = web.get("/key-persons/" + late, token, "Accept", "text/html").body();
        assertThat(page).contains("页逾").contains("逾期 33 天").contains("帮扶小组");
        assertThat(web.get("/key-persons/" + late, new org.fengqiao.account.ApiClient(port).token("officer2", DEMO_PASSWORD),
                "Accept", "text/html").statusCode()).isEqualTo(404);
        int overdue = fx.get("officer", "/api/v1/key-persons?mine=true&size=1").body().path("overdue").asInt();
        String home = web.get("/", token, "Accept", "text/html").body();
        assertThat(home).contains("我负责网格逾期未走访 " + overdue + " 人");
        assertThat(ignored.status()).isEqualTo(200);
    }
    /**
     * The list's two choices, whose key persons and whether only the overdue ones, are two groups each with exactly
     * one chosen, the one the address asks for (the start page's tile opens {@code ?overdue=true}, and showed "overdue
     * only" chosen beside "whole jurisdiction" in one group); each choice keeps the other group's. In English too.
     */
    @Test
    void theListsFiltersShowChosenExactlyWhatTheAddressAsksForOnePerGroup() {
        keyPerson("FS-1-07", "选逾", "HIGH", today.minusDays(40), false);
        org.fengqiao.account.ApiClient web = new org.fengqiao.account.ApiClient(port);
        String officer = web.token("officer", DEMO_PASSWORD);
        String bureau = web.token("bureau", DEMO_PASSWORD);
        record Case(String token, String query, String scope, String visits) {
        }
        // the officer heads grids, so his list opens on them; the bureau heads none
        List<Case> cases = List.of(new Case(officer, "?overdue=true", "我负责的网格", "只看逾期"),
                new Case(officer, "", "我负责的网格", "全部人员"),
                new Case(officer, "?mine=false", "辖区全部", "全部人员"),
                new Case(officer, "?mine=false&overdue=true", "辖区全部", "只看逾期"),
                new Case(bureau, "?overdue=true", "辖区全部", "只看逾期"),
                new Case(bureau, "", "辖区全部", "全部人员"));
        for (Case c : cases) {
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(web.get("/key-persons" + c.query(), c.token(),
                    "Accept", "text/html").body());
            String as = (c.token().equals(officer) ? "officer " : "bureau ") + c.query();
            assertThat(page.select(".segmented a.active").eachText()).as(as).containsExactly(c.scope(), c.visits());
            assertThat(page.select(".segmented a[aria-current]").eachText()).as(as)
                    .containsExactly(c.scope(), c.visits());
            assertThat(page.select("#key-persons-scope a.active").text()).as(as).isEqualTo(c.scope());
            assertThat(page.select("#key-persons-visits a.active").text()).as(as).isEqualTo(c.visits());
            boolean overdueOnly = c.visits().equals("只看逾期");
            // each choice of one group keeps what the other chose
            assertThat(page.select("#filter-all").attr("href")).as(as).contains("overdue=" + overdueOnly);
            assertThat(page.select("#filter-overdue").attr("href")).as(as).contains("overdue=true")
                    .contains("mine=" + c.scope().equals("我负责的网格"));
            assertThat(page.select("#filter-any-visit").attr("href")).as(as).contains("overdue=false");
            // and the list is what is chosen
            assertThat(page.select("tbody tr:not(.is-overdue) a.key-person-name")).as(as)
                    .matches(rows -> !overdueOnly || rows.isEmpty());
        }
        assertThat(org.jsoup.Jsoup.parse(web.get("/key-persons?overdue=true", bureau, "Accept", "text/html").body())
                .select("#filter-mine")).as("he heads no grid: nothing of his to choose").isEmpty();
        assertThat(web.get("/key-persons?mine=false&overdue=true", officer, "Accept", "text/html").body())
                .contains("选逾");

        org.jsoup.nodes.Document english = org.jsoup.Jsoup.parse(web.get("/key-persons?overdue=true", officer,
                "Accept", "text/html", "Accept-Language", "en").body());
        assertThat(english.select(".segmented a.active").eachText()).containsExactly("My grids", "Overdue only");
        assertThat(english.select(".segmented .segment-label").eachText()).containsExactly("Area", "Visits");
    }

    @Test
    void theGridManagersPagesCountAndListTheOverdueKeyPersonsOfTheGridsHeManagesNotTheWholeOffice() {
        // the demo's grid manager manages 吴场村's first eleven grids of the 65 of 房山中心警务室
        UUID managed = jdbc.sql("""
                SELECT r.grid_id FROM grid_role r JOIN staff s ON s.id = r.staff_id JOIN grid g ON g.id = r.grid_id
                WHERE s.username = 'manager' AND r.role = 'MANAGER' AND r.ended_on IS NULL ORDER BY g.code LIMIT 1""")
                .query(UUID.class).single();
        String managedCode = jdbc.sql("SELECT code FROM grid WHERE id = ?").param(managed).query(String.class).single();
        UUID his = keyPerson(managedCode, "管逾", "HIGH", today.minusDays(40), false);
        UUID elsewhere = keyPerson("FS-5-01", "他逾", "HIGH", today.minusDays(40), false);

        JsonNode mine = fx.get("manager", "/api/v1/key-persons?mine=true&size=200").body();
        assertThat(item(mine, his)).as("his grid's overdue key person is his").isNotNull();
        assertThat(item(mine, elsewhere)).as("another manager's grid").isNull();
        int overdue = mine.path("overdue").asInt();
        assertThat(overdue).isLessThan(fx.get("manager", "/api/v1/key-persons?size=1").body().path("overdue").asInt());

        String token = new org.fengqiao.account.ApiClient(port).token("manager", DEMO_PASSWORD);
        org.fengqiao.account.ApiClient web = new org.fengqiao.account.ApiClient(port);
        String home = web.get("/", token, "Accept", "text/html").body();
        assertThat(home).contains("我负责网格逾期未走访 " + overdue + " 人");
        String list = web.get("/key-persons", token, "Accept", "text/html").body();
        assertThat(list).as("his list opens on his grids").contains("我负责的网格").contains("管逾").doesNotContain("他逾");
    }

    @Test
    void theGridManagerVisitsHisGridsKeyPersonsButTheirRiskAndTeamAreTheGridChiefsToDecide() {
        // the demo's grid manager (辅警, 网格管理员) on a grid he manages; its grid chief is the demo's officer
        String managedCode = jdbc.sql("""
                SELECT g.code FROM grid_role r JOIN staff s ON s.id = r.staff_id JOIN grid g ON g.id = r.grid_id
                WHERE s.username = 'manager' AND r.role = 'MANAGER' AND r.ended_on IS NULL ORDER BY g.code LIMIT 1""")
                .query(String.class).single();
        UUID person = keyPerson(managedCode, "管帮", "MEDIUM", today.minusDays(10), false);
        HousingFixtures.Answer helper = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("name", "帮叔", "role", "FAMILY", "relation", "叔叔"));
        assertThat(helper.status()).isEqualTo(201);
        UUID helperId = UUID.fromString(helper.body().path("id").asText());
        long audited = audits("UPDATE", "key-person-risk", person);

        HousingFixtures.Answer risk = fx.call("manager", "PUT", "/api/v1/key-persons/" + person + "/risk",
                Map.of("risk", "HIGH", "reason", "近期情绪波动大"));
        assertThat(risk.status()).isEqualTo(403);
        assertThat(risk.body().path("detail").asText()).contains("由网格长（社区民警）调整");
        HousingFixtures.Answer riskEn = fx.call("manager", "PUT", "/api/v1/key-persons/" + person + "/risk",
                Map.of("risk", "HIGH", "reason", "近期情绪波动大"), "Accept-Language", "en");
        assertThat(riskEn.status()).isEqualTo(403);
        assertThat(riskEn.body().path("detail").asText()).contains("changed by the grid chief");
        HousingFixtures.Answer end = fx.call("manager", "POST",
                "/api/v1/key-persons/" + person + "/team/" + helperId + "/end", Map.of("reason", "外出务工"));
        assertThat(end.status()).isEqualTo(403);
        HousingFixtures.Answer add = fx.call("manager", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("name", "帮姨", "role", "FAMILY"));
        assertThat(add.status()).isEqualTo(403);

        JsonNode detail = fx.get("officer", "/api/v1/key-persons/" + person).body();
        assertThat(detail.path("person").path("risk").asText()).as("nothing changed").isEqualTo("MEDIUM");
        assertThat(detail.path("teamSize").asInt()).isEqualTo(1);
        assertThat(detail.path("team").get(0).path("leftOn").isMissingNode() || detail.path("team").get(0).path("leftOn").isNull())
                .isTrue();
        assertThat(audits("UPDATE", "key-person-risk", person)).isEqualTo(audited);

        // he visits, with the helper who came
        HousingFixtures.Answer visit = fx.call("manager", "POST", "/api/v1/key-persons/" + person + "/visits",
                Map.of("findings", "入户走访，情绪稳定", "state", "STABLE", "helperIds", List.of(helperId)));
        assertThat(visit.status()).as(visit.body().toString()).isEqualTo(201);

        // his page offers the visit and not what he may not do; the grid chief's offers all of it
        org.fengqiao.account.ApiClient web = new org.fengqiao.account.ApiClient(port);
        String his = web.get("/key-persons/" + person, web.token("manager", DEMO_PASSWORD), "Accept", "text/html").body();
        assertThat(his).contains("id=\"key-visit-form\"").doesNotContain("id=\"risk-form\"")
                .doesNotContain("id=\"member-form\"").doesNotContain("end-member");
        String chiefs = web.get("/key-persons/" + person, web.token("officer", DEMO_PASSWORD), "Accept", "text/html").body();
        assertThat(chiefs).contains("id=\"key-visit-form\"", "id=\"risk-form\"", "id=\"member-form\"", "end-member");
    }

    /**
     * Issue 3: a contact card (警民联系卡) handed over at a key person's door is recorded on his household, from his own
     * record as from a visit to him: the household's card day, audited, counted where the figures count cards, and
     * refused with nothing written outside the caller's subtree, for a day to come, or for a person with no household.
     */
    @Test
    void aContactCardHandedToAKeyPersonIsRecordedOnHisHouseholdAuditedAndOnlyWithinTheCallersSubtree() {
        UUID person = keyPerson("FS-1-07", "发卡", "MEDIUM", today.minusDays(10), false);
        UUID household = jdbc.sql("SELECT household_id FROM person WHERE id = ?").param(person).query(UUID.class).single();
        String url = "/api/v1/key-persons/" + person + "/contact-card";

        assertThat(fx.call("officer2", "POST", url, Map.of("on", today.toString())).status())
                .as("outside his subtree").isEqualTo(404);
        HousingFixtures.Answer future = fx.call("officer", "POST", url, Map.of("on", today.plusDays(1).toString()));
        assertThat(future.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(future.body())).containsKey("on");
        assertThat(jdbc.sql("SELECT contact_card_on FROM household WHERE id = ?").param(household)
                .query(LocalDate.class).optional()).as("nothing recorded").isEmpty();

        HousingFixtures.Answer card = fx.call("officer", "POST", url, Map.of("on", today.minusDays(2).toString()));
        assertThat(card.status()).as(String.valueOf(card.body())).isEqualTo(200);
        assertThat(card.body().path("contactCardOn").asText()).isEqualTo(today.minusDays(2).toString());
        assertThat(fx.get("officer", "/api/v1/households/" + household).body().path("contactCardOn").asText())
                .isEqualTo(today.minusDays(2).toString());
        assertThat(jdbc.sql("SELECT count(*) FROM contact_card_handed WHERE household_id = ? AND handed_on = ?")
                .params(household, today.minusDays(2)).query(Long.class).single()).as("counted in its day").isEqualTo(1);
        assertThat(audits("UPDATE", "household", household)).isEqualTo(1);

        // handed over at a visit to him: the visit says so, and the household's last card is the visit's day
        HousingFixtures.Answer visit = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits",
                Map.of("state", "STABLE", "findings", "送达联系卡，讲解报警方式", "contactCard", true));
        assertThat(visit.status()).as(String.valueOf(visit.body())).isEqualTo(201);
        assertThat(visit.body().path("contactCard").asBoolean()).isTrue();
        assertThat(visit.body().path("changes").findValuesAsText("summary")).containsExactly("发放警民联系卡（" + today + "）");
        JsonNode after = fx.get("officer", "/api/v1/key-persons/" + person).body();
        assertThat(after.path("contactCardOn").asText()).isEqualTo(today.toString());
        assertThat(after.path("visits").get(0).path("contactCard").asBoolean()).isTrue();
        assertThat(audits("UPDATE", "household", household)).isEqualTo(2);

        // a key person with no household: the card has nowhere to be recorded, said in the caller's language
        UUID alone = fx.person(fx.gridId("FS-1-07"), null, "无户", null, "KEY_PERSON", "DRUG");
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/key-persons/" + alone + "/contact-card",
                Map.of("on", today.toString()));
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body()).get("householdId")).startsWith("该人员未登记所在户");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/key-persons/" + alone + "/visits",
                Map.of("state", "STABLE", "findings", "本人在家", "contactCard", true), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body()).get("contactCard")).startsWith("This person has no household");
        assertThat(jdbc.sql("SELECT count(*) FROM visit_person WHERE person_id = ?").param(alone).query(Long.class)
                .single()).as("no visit recorded").isZero();
    }

    /**
     * A staff member named as a helper who is no longer active was refused with the general "no such staff member in
     * your jurisdiction", which told the grid chief nothing: the refusal names him and says he is no longer active.
     */
    @Test
    void aHelperWhoIsNoLongerActiveIsRefusedByNameInBothLanguagesAndNothingIsSaved() {
        UUID person = keyPerson("FS-1-07", "停帮", "MEDIUM", today.minusDays(10), false);
        UUID leaver = UUID.randomUUID();
        String name = "离岗" + leaver.toString().substring(0, 4);
        jdbc.sql("INSERT INTO staff (id, unit_id, role, name, active) SELECT ?, unit_id, 'VOLUNTEER', ?, false "
                + "FROM grid WHERE id = ?").params(leaver, name, fx.gridId("FS-1-07")).update();
        String url = "/api/v1/key-persons/" + person + "/team";

        HousingFixtures.Answer zh = fx.call("officer", "POST", url, Map.of("staffId", leaver, "role", "VOLUNTEER"));
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).containsEntry("staffId", name + " 已停用，不再在岗，不能作为帮扶人");
        HousingFixtures.Answer en = fx.call("officer", "POST", url, Map.of("staffId", leaver, "role", "VOLUNTEER"),
                "Accept-Language", "en");
        assertThat(HousingFixtures.errors(en.body()))
                .containsEntry("staffId", name + " is no longer active and cannot be a helper");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", url, Map.of("staffId", UUID.randomUUID(),
                "role", "VOLUNTEER")).body())).as("one who never was is still unknown")
                .containsEntry("staffId", "工作人员不存在或不在您的辖区内");
        assertThat(fx.call("officer2", "POST", url, Map.of("staffId", leaver, "role", "VOLUNTEER")).status())
                .as("outside his subtree the person is unknown, his helper unnamed").isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM helper_membership WHERE person_id = ?").param(person)
                .query(Long.class).single()).isZero();

        // back in service, he joins
        jdbc.sql("UPDATE staff SET active = true WHERE id = ?").param(leaver).update();
        HousingFixtures.Answer joined = fx.call("officer", "POST", url, Map.of("staffId", leaver, "role", "VOLUNTEER"));
        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.body().path("name").asText()).isEqualTo(name);
    }
}
