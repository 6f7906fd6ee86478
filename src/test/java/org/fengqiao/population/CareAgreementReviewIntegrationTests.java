package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reviews (复查) of a care agreement without a new agreement: the review day moves, the history stays, audited, scoped. */
class CareAgreementReviewIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    LocalDate today;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    UUID child(String gridCode, String name) {
        UUID grid = fx.gridId(gridCode);
        return fx.person(grid, fx.household(grid, null, false, false), name, "GRANDCHILD", "LEFT_BEHIND_CHILD", null);
    }

    /** Signs an agreement as the user and answers its id. */
    UUID sign(String user, UUID child, LocalDate signed, LocalDate review) {
        Map<String, Object> a = new HashMap<>();
        a.put("signedOn", signed.toString());
        a.put("reviewOn", review.toString());
        a.put("guardianName", "复爷");
        a.put("helpers", List.of(Map.of("name", "管理员甲", "role", "GRID_MANAGER"), Map.of("name", "志愿者乙", "role", "VOLUNTEER")));
        HousingFixtures.Answer signedAnswer = fx.call(user, "POST", "/api/v1/persons/" + child + "/care-agreements", a);
        assertThat(signedAnswer.status()).as(String.valueOf(signedAnswer.body())).isEqualTo(201);
        return UUID.fromString(signedAnswer.body().path("id").asText());
    }

    static Map<String, Object> review(LocalDate on, String findings, Boolean changed, LocalDate next) {
        Map<String, Object> r = new HashMap<>();
        r.put("reviewedOn", on == null ? null : on.toString());
        r.put("findings", findings);
        r.put("changed", changed);
        r.put("nextReviewOn", next == null ? null : next.toString());
        return r;
    }

    static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String reviews(UUID child, UUID agreement) {
        return "/api/v1/persons/" + child + "/care-agreements/" + agreement + "/reviews";
    }

    LocalDate reviewOn(UUID agreement) {
        return jdbc.sql("SELECT review_on FROM care_agreement WHERE id = ?").param(agreement).query(LocalDate.class).single();
    }

    @Test
    void aReviewMovesTheReviewDayClearsReviewDueKeepsTheHistoryAndIsAuditedWithBeforeAndAfter() {
        UUID child = child("FS-4-01", "复查童");
        UUID agreement = sign("officer", child, today.minusDays(200), today.minusDays(10));
        String token = new ApiClient(port).token("officer", DEMO_PASSWORD);
        assertThat(new ApiClient(port).get("/persons/" + child, token, "Accept", "text/html").body())
                .as("overdue for review before").contains("待复查");

        HousingFixtures.Answer first = fx.call("officer", "POST", reviews(child, agreement),
                review(today.minusDays(2), "监护人身体尚好，儿童在校正常", false, today.plusDays(90)));
        assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(201);
        assertThat(first.body().path("reviewOnBefore").asText()).isEqualTo(today.minusDays(10).toString());
        assertThat(first.body().path("nextReviewOn").asText()).isEqualTo(today.plusDays(90).toString());
        assertThat(first.body().path("reviewedByName").asText()).isNotBlank();
        assertThat(reviewOn(agreement)).isEqualTo(today.plusDays(90));

        HousingFixtures.Answer second = fx.call("officer", "POST", reviews(child, agreement),
                review(today, "母亲返乡，改由母亲监护", true, today.plusDays(180)));
        assertThat(second.status()).isEqualTo(201);

        JsonNode all = fx.get("officer", "/api/v1/persons/" + child + "/care-agreements").body();
        assertThat(all.path("current").path("id").asText()).as("no new agreement").isEqualTo(agreement.toString());
        assertThat(all.path("history")).hasSize(1);
        assertThat(all.path("current").path("reviewOn").asText()).isEqualTo(today.plusDays(180).toString());
        assertThat(all.path("current").path("reviews").findValuesAsText("findings"))
                .containsExactly("母亲返乡，改由母亲监护", "监护人身体尚好，儿童在校正常");
        assertThat(all.path("current").path("reviews").get(0).path("changed").asBoolean()).isTrue();
        assertThat(fx.get("officer", reviews(child, agreement)).body()).hasSize(2);

        String page = new ApiClient(port).get("/persons/" + child, token, "Accept", "text/html").body();
        assertThat(page).doesNotContain("待复查").contains("复查记录").contains("母亲返乡，改由母亲监护")
                .contains("复查日期由 " + today.minusDays(10) + " 改为 " + today.plusDays(90)).contains("有变化");

        // the personal file (一人一档) lists the reviews under the agreement
        String file;
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/v1/persons/" + child + "/file.pdf"))
                    .header("Authorization", "Bearer " + token).GET().build();
            file = CareFilesIntegrationTests.text(java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray()));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(file).contains("复查情况").contains("母亲返乡，改由母亲监护").contains("监护人身体尚好，儿童在校正常");

        JsonNode audit = jdbc.sql("""
                SELECT json_build_object('before', before, 'after', after)::text FROM audit_entry
                WHERE action = 'UPDATE' AND record_type = 'care-agreement' AND record_id = ? AND after->>'reviewId' = ?""")
                .params(agreement.toString(), first.body().path("id").asText()).query(String.class).optional()
                .map(CareAgreementReviewIntegrationTests::json).orElseThrow();
        assertThat(audit.path("before").path("reviewOn").asText()).isEqualTo(today.minusDays(10).toString());
        assertThat(audit.path("after").path("reviewOn").asText()).isEqualTo(today.plusDays(90).toString());
        assertThat(audit.path("after").path("findings").asText()).isEqualTo("监护人身体尚好，儿童在校正常");
    }

    @Test
    void badReviewsAreRefusedFieldByFieldInTheCallersLanguageAndChangeNothing() {
        UUID child = child("FS-4-02", "拒复童");
        UUID agreement = sign("officer", child, today.minusDays(30), today.plusDays(30));
        HousingFixtures.Answer refused = fx.call("officer", "POST", reviews(child, agreement),
                review(today.plusDays(1), " ", null, today));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).containsEntry("reviewedOn", "不能晚于今天")
                .containsEntry("findings", "必填").containsEntry("changed", "必填")
                .containsEntry("nextReviewOn", "下次复查日期须晚于本次复查日期");
        HousingFixtures.Answer notAfter = fx.call("officer", "POST", reviews(child, agreement),
                review(today, "情况如常", false, today), "Accept-Language", "en");
        assertThat(HousingFixtures.errors(notAfter.body()))
                .containsEntry("nextReviewOn", "The next review must come after this review");
        HousingFixtures.Answer beforeSigning = fx.call("officer", "POST", reviews(child, agreement),
                review(today.minusDays(40), "情况如常", false, today.plusDays(60)));
        assertThat(HousingFixtures.errors(beforeSigning.body()))
                .containsEntry("reviewedOn", "复查日期不能早于协议签订日期 " + today.minusDays(30));

        // an agreement replaced by a new one is no longer reviewed
        UUID newer = sign("officer", child, today, today.plusDays(100));
        HousingFixtures.Answer ended = fx.call("officer", "POST", reviews(child, agreement),
                review(today, "情况如常", false, today.plusDays(60)), "Accept-Language", "en");
        assertThat(HousingFixtures.errors(ended.body())).containsEntry("agreementId",
                "This agreement ended on " + today + "; only the agreement in force can be reviewed");

        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement_review WHERE agreement_id IN (?, ?)")
                .params(agreement, newer).query(Long.class).single()).isZero();
        assertThat(reviewOn(agreement)).isEqualTo(today.plusDays(30));
        assertThat(reviewOn(newer)).isEqualTo(today.plusDays(100));
    }

    @Test
    void valuesOfTheWrongKindInAReviewAreRefusedAllAtOnceAndChangeNothing() {
        UUID child = child("FS-4-02", "错复童");
        UUID agreement = sign("officer", child, today.minusDays(30), today.plusDays(30));
        Map<String, Object> bad = new HashMap<>();
        bad.put("reviewedOn", "上周");
        bad.put("findings", " ");
        bad.put("changed", "也许");
        bad.put("nextReviewOn", "下月");
        HousingFixtures.Answer refused = fx.call("officer", "POST", reviews(child, agreement), bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body()))
                .containsKeys("reviewedOn", "findings", "changed", "nextReviewOn");
        assertThat(refused.body().get("errors").findValuesAsText("field")).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement_review WHERE agreement_id = ?").param(agreement)
                .query(Long.class).single()).isZero();
        assertThat(reviewOn(agreement)).isEqualTo(today.plusDays(30));
    }

    @Test
    void anotherStationsOfficerGets404ForReviewsOutsideHisSubtreeAndTheBureauSeesAll() {
        UUID rural = child("FS-4-03", "乡复童");
        UUID urban = child("NS-1-03", "城复童");
        UUID ruralAgreement = sign("officer", rural, today.minusDays(10), today.plusDays(10));
        UUID urbanAgreement = sign("officer2", urban, today.minusDays(10), today.plusDays(10));
        Map<String, Object> ok = review(today, "情况如常", false, today.plusDays(60));
        for (Object[] who : List.of(new Object[] {"officer2", rural, ruralAgreement},
                new Object[] {"officer", urban, urbanAgreement},
                new Object[] {"officer", rural, urbanAgreement},
                new Object[] {"officer", rural, UUID.randomUUID()})) {
            String path = reviews((UUID) who[1], (UUID) who[2]);
            assertThat(fx.call((String) who[0], "POST", path, ok).status()).as(who[0] + " " + path).isEqualTo(404);
            assertThat(fx.get((String) who[0], path).status()).as(who[0] + " " + path).isEqualTo(404);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement_review WHERE agreement_id IN (?, ?)")
                .params(ruralAgreement, urbanAgreement).query(Long.class).single()).isZero();
        assertThat(fx.call("officer", "POST", reviews(rural, ruralAgreement), ok).status()).isEqualTo(201);
        assertThat(fx.call("officer2", "POST", reviews(urban, urbanAgreement), ok).status()).isEqualTo(201);
        assertThat(fx.call("bureau", "POST", reviews(urban, urbanAgreement), review(today, "分局抽查", false, today.plusDays(90)))
                .status()).isEqualTo(201);
        assertThat(fx.get("bureau", reviews(rural, ruralAgreement)).body()).hasSize(1);
        assertThat(fx.get("bureau", reviews(urban, urbanAgreement)).body()).hasSize(2);
    }
}
