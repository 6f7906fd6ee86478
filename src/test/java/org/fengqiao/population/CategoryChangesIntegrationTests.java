package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A child who stops being a left-behind child (留守儿童), by the person form or by a persons import, has his care
 * agreement in force ended that day: still on record, shown ended with the day and the reason on his page and in his
 * file, no longer in force anywhere (no reviews, no agreement in force in the API); given the category back, he needs
 * a new agreement. The form's categories are checked like its other fields and scoped like the person.
 */
class CategoryChangesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    LocalDate today;
    String tag;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        tag = UUID.randomUUID().toString().substring(0, 4);
    }

    Map<String, Object> form(String gridCode, UUID household, String name, List<String> categories) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", fx.gridId(gridCode).toString());
        body.put("householdId", household == null ? null : household.toString());
        body.put("name", name);
        // a left-behind child is one by his age: a schoolchild of nine
        body.put("birthDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusYears(9).toString());
        body.put("relation", "GRANDCHILD");
        body.put("residence", "PERMANENT");
        body.put("occupation", "学生");
        body.put("categories", categories);
        return body;
    }

    Map<String, Object> agreement(LocalDate signed) {
        Map<String, Object> a = new HashMap<>();
        a.put("signedOn", signed.toString());
        a.put("reviewOn", signed.plusMonths(6).toString());
        a.put("guardianName", "留奶奶");
        a.put("guardianRelation", "祖母");
        a.put("fatherWhereabouts", "在苏州务工");
        a.put("helpers", List.of(Map.of("name", "管理员甲", "role", "GRID_MANAGER"),
                Map.of("name", "志愿者乙", "role", "VOLUNTEER")));
        return a;
    }

    UUID sign(UUID child, LocalDate signed) {
        HousingFixtures.Answer a = fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements",
                agreement(signed));
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return UUID.fromString(a.body().path("id").asText());
    }

    JsonNode agreements(UUID child) {
        HousingFixtures.Answer a = fx.get("officer", "/api/v1/persons/" + child + "/care-agreements");
        assertThat(a.status()).isEqualTo(200);
        return a.body();
    }

    String page(UUID person) {
        ApiClient api = new ApiClient(port);
        return api.get("/persons/" + person, api.token("officer", DEMO_PASSWORD), "Accept", "text/html").body();
    }

    String file(UUID person) throws Exception {
        ApiClient api = new ApiClient(port);
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/persons/" + person + "/file.pdf"))
                .header("Authorization", "Bearer " + api.token("officer", DEMO_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s*\\R\\s*", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    long agreementsOnRecord(UUID child) {
        return jdbc.sql("SELECT count(*) FROM care_agreement WHERE person_id = ?").param(child).query(Long.class).single();
    }

    @Test
    void takingTheCategoryAwayByTheFormEndsHisAgreementWhichStaysOnRecordAndGivenBackHeNeedsANewOne() throws Exception {
        UUID household = fx.household(fx.gridId("FS-3-01"), null, false, false);
        String name = "表留" + tag;
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/persons",
                form("FS-3-01", household, name, List.of("留守儿童")));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        assertThat(created.body().path("categories").toString()).isEqualTo("[\"LEFT_BEHIND_CHILD\"]");
        UUID child = UUID.fromString(created.body().path("id").asText());
        UUID first = sign(child, today.minusDays(40));

        // the parents came home: the officer takes the category away on the form
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/persons/" + child,
                form("FS-3-01", household, name, List.of()));
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
        assertThat(changed.body().path("categories")).isEmpty();

        JsonNode all = agreements(child);
        assertThat(all.hasNonNull("current")).as("no agreement in force: " + all).isFalse();
        assertThat(all.path("history")).hasSize(1);
        JsonNode ended = all.path("history").get(0);
        assertThat(ended.path("id").asText()).isEqualTo(first.toString());
        assertThat(ended.path("current").asBoolean()).isFalse();
        assertThat(ended.path("endedOn").asText()).isEqualTo(today.toString());
        assertThat(ended.path("endedReason").asText()).isEqualTo("NO_LONGER_LEFT_BEHIND");
        assertThat(agreementsOnRecord(child)).as("kept, never deleted").isEqualTo(1);
        // ended, it is reviewed no more
        HousingFixtures.Answer review = fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements/"
                + first + "/reviews", Map.of("reviewedOn", today.toString(), "findings", "父母已返乡", "changed", true,
                "nextReviewOn", today.plusMonths(6).toString()));
        assertThat(review.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(review.body())).containsKey("agreementId");

        // audited like other changes: the person with his categories before and after, the agreement with its end
        assertThat(jdbc.sql("""
                SELECT after->>'endedReason' || ' ' || (after->>'endedOn') FROM audit_entry
                WHERE action = 'UPDATE' AND record_type = 'care-agreement' AND record_id = ?""")
                .param(first.toString()).query(String.class).single()).isEqualTo("NO_LONGER_LEFT_BEHIND " + today);
        assertThat(jdbc.sql("""
                SELECT (before->'categories')::text || ' ' || (after->'categories')::text FROM audit_entry
                WHERE action = 'UPDATE' AND record_type = 'person' AND record_id = ?""")
                .param(child.toString()).query(String.class).single()).isEqualTo("[\"LEFT_BEHIND_CHILD\"] []");

        // his page and his file show it ended, with the day and the reason; no form to sign one
        String html = page(child);
        assertThat(html).contains("已终止的帮扶协议（三帮一）", "终止原因", "已不再是留守儿童（类别已取消）", today.toString())
                .doesNotContain("现行帮扶协议", "id=\"agreement-form\"");
        String pdf = file(child);
        assertThat(pdf).contains("已终止的帮扶协议（三帮一）", "终止原因", "已不再是留守儿童（类别已取消）");
        assertThat(pdf).doesNotContain("现行帮扶协议");

        // the category given back does not bring the old agreement back: a new one is signed
        assertThat(fx.call("officer", "PUT", "/api/v1/persons/" + child,
                form("FS-3-01", household, name, List.of("LEFT_BEHIND_CHILD"))).status()).isEqualTo(200);
        assertThat(agreements(child).hasNonNull("current")).isFalse();
        assertThat(page(child)).contains("现无生效的帮扶协议", "id=\"agreement-form\"");
        UUID second = sign(child, today);
        JsonNode after = agreements(child);
        assertThat(after.path("current").path("id").asText()).isEqualTo(second.toString());
        assertThat(after.path("history")).hasSize(2);
        assertThat(after.path("history").get(1).path("endedReason").asText()).isEqualTo("NO_LONGER_LEFT_BEHIND");
        assertThat(after.path("history").get(1).path("endedOn").asText()).isEqualTo(today.toString());
    }

    @Test
    void takingTheCategoryAwayByAnImportEndsTheAgreementOfThatChildOnly() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String gone = "导留" + tag;
        String stays = "导在" + tag;
        String goneNumber = TestIdentityNumbers.child(Sex.FEMALE);
        String staysNumber = TestIdentityNumbers.child(Sex.MALE);
        String headers = PersonImportCategoriesIntegrationTests.HEADERS + ",类别";
        JsonNode first = ImportIntegrationTests.importAndWait(api, port, officer, "persons.csv",
                PersonImportCategoriesIntegrationTests.csv(headers,
                        PersonImportCategoriesIntegrationTests.row(gone, goneNumber, "女", "FS-3-02", "常住", "学生", "留守儿童"),
                        PersonImportCategoriesIntegrationTests.row(stays, staysNumber, "男", "FS-3-02", "常住", "学生", "留守儿童")),
                false, Duration.ofSeconds(30));
        assertThat(first.path("createdRows").asLong()).as(first.toString()).isEqualTo(2);
        UUID goneId = jdbc.sql("SELECT id FROM person WHERE name = ?").param(gone).query(UUID.class).single();
        UUID staysId = jdbc.sql("SELECT id FROM person WHERE name = ?").param(stays).query(UUID.class).single();
        UUID goneAgreement = sign(goneId, today.minusDays(10));
        UUID staysAgreement = sign(staysId, today.minusDays(10));

        // she turned 16: the next file says "无"; his row says nothing new of his categories
        JsonNode second = ImportIntegrationTests.importAndWait(api, port, officer, "persons.csv",
                PersonImportCategoriesIntegrationTests.csv(headers,
                        PersonImportCategoriesIntegrationTests.row(gone, goneNumber, "女", "FS-3-02", "常住", "学生", "无"),
                        PersonImportCategoriesIntegrationTests.row(stays, staysNumber, "男", "FS-3-02", "常住", "学生", "")),
                false, Duration.ofSeconds(30));
        assertThat(second.path("status").asText()).isEqualTo("DONE");
        assertThat(second.path("updatedRows").asLong()).as(second.toString()).isEqualTo(1);

        JsonNode hers = agreements(goneId);
        assertThat(hers.hasNonNull("current")).as(hers.toString()).isFalse();
        assertThat(hers.path("history").get(0).path("id").asText()).isEqualTo(goneAgreement.toString());
        assertThat(hers.path("history").get(0).path("endedOn").asText()).isEqualTo(today.toString());
        assertThat(hers.path("history").get(0).path("endedReason").asText()).isEqualTo("NO_LONGER_LEFT_BEHIND");
        assertThat(agreementsOnRecord(goneId)).isEqualTo(1);
        assertThat(page(goneId)).contains("已终止的帮扶协议", "已不再是留守儿童（类别已取消）");
        assertThat(agreements(staysId).path("current").path("id").asText()).isEqualTo(staysAgreement.toString());

        // the batch's audit entry names the agreement it ended
        String audit = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE action = 'IMPORT' AND record_type = 'person-batch' AND record_id = ?""")
                .param(second.path("id").asText()).query(String.class).single();
        assertThat(audit).contains("careAgreementsEnded", goneAgreement.toString(), "NO_LONGER_LEFT_BEHIND")
                .doesNotContain(staysAgreement.toString());
    }

    @Test
    void aCategoryTheFormCannotReadIsRefusedInTheUsersLanguageAndAnotherStationGets404WithNothingChanged() {
        UUID household = fx.household(fx.gridId("FS-3-03"), null, false, false);
        String name = "拒类" + tag;
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/persons",
                form("FS-3-03", household, name, List.of("LEFT_BEHIND_CHILD")));
        assertThat(created.status()).isEqualTo(201);
        UUID child = UUID.fromString(created.body().path("id").asText());
        UUID agreement = sign(child, today.minusDays(5));

        Map<String, Object> unknown = form("FS-3-03", household, name, List.of("涉黑人员"));
        unknown.put("occupation", "无业");
        HousingFixtures.Answer refused = fx.call("officer", "PUT", "/api/v1/persons/" + child, unknown);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body()).get("categories")).contains("无法识别的类别：涉黑人员", "留守儿童");
        HousingFixtures.Answer english = fx.call("officer", "PUT", "/api/v1/persons/" + child,
                form("FS-3-03", household, name, List.of("涉毒人员", "涉稳人员")), "Accept-Language", "en");
        assertThat(english.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(english.body()).get("categories")).contains("A key person has one type only");

        // another station's officer does not see the child: 404, as for nobody
        Map<String, Object> elsewhere = form("FS-3-03", household, name, List.of());
        assertThat(fx.call("officer2", "PUT", "/api/v1/persons/" + child, elsewhere).status()).isEqualTo(404);
        assertThat(fx.call("officer2", "PUT", "/api/v1/persons/" + UUID.randomUUID(), elsewhere).status()).isEqualTo(404);

        assertThat(jdbc.sql("SELECT occupation FROM person WHERE id = ?").param(child).query(String.class).single())
                .as("nothing of a refused change").isEqualTo("学生");
        assertThat(jdbc.sql("SELECT count(*) FROM person_category WHERE person_id = ? AND category = 'LEFT_BEHIND_CHILD'")
                .param(child).query(Long.class).single()).isEqualTo(1);
        assertThat(agreements(child).path("current").path("id").asText()).isEqualTo(agreement.toString());
    }
}
