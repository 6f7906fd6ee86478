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
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Care agreements of left-behind children (三帮一 / 四帮一): signed, replaced, shown masked, audited, scoped. */
class CareAgreementIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;

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

    Map<String, Object> agreement(LocalDate signed, int helpers) {
        Map<String, Object> a = new HashMap<>();
        a.put("signedOn", signed.toString());
        a.put("reviewOn", signed.plusMonths(6).toString());
        a.put("guardianName", "留爷");
        a.put("guardianRelation", "祖父");
        a.put("guardianPhone", "13987654321");
        a.put("fatherWhereabouts", "在苏州务工");
        a.put("motherWhereabouts", "在上海务工");
        List<Map<String, Object>> all = List.of(Map.of("name", "管理员甲", "role", "GRID_MANAGER"),
                Map.of("name", "志愿者乙", "role", "VOLUNTEER", "phone", "13911112222"),
                Map.of("name", "老师丙", "role", "TEACHER", "relation", "兴谷小学"));
        a.put("helpers", all.subList(0, helpers));
        return a;
    }

    @Test
    void aSignedAgreementShowsItsHelpersGuardianAndParentsWithPhonesMaskedAndANewOneEndsIt() {
        UUID child = child("FS-3-01", "留童");
        HousingFixtures.Answer signed = fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements",
                agreement(today.minusDays(100), 3));
        assertThat(signed.status()).as(String.valueOf(signed.body())).isEqualTo(201);
        assertThat(signed.body().path("helperCount").asInt()).as("guardian and three helpers: 四帮一").isEqualTo(4);
        assertThat(signed.body().path("guardianPhoneMasked").asText()).isEqualTo("139****4321");
        assertThat(signed.body().toString()).doesNotContain("13987654321", "13911112222");
        UUID first = UUID.fromString(signed.body().path("id").asText());

        HousingFixtures.Answer replaced = fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements",
                agreement(today.minusDays(1), 2));
        assertThat(replaced.status()).isEqualTo(201);
        JsonNode all = fx.get("officer", "/api/v1/persons/" + child + "/care-agreements").body();
        assertThat(all.path("current").path("helperCount").asInt()).as("三帮一").isEqualTo(3);
        assertThat(all.path("current").path("helpers").findValuesAsText("name")).containsExactly("管理员甲", "志愿者乙");
        assertThat(all.path("current").path("helpers").get(1).path("phoneMasked").asText()).isEqualTo("139****2222");
        assertThat(all.path("history")).hasSize(2);
        assertThat(all.path("history").get(1).path("id").asText()).isEqualTo(first.toString());
        assertThat(all.path("history").get(1).path("endedOn").asText()).isEqualTo(today.minusDays(1).toString());
        assertThat(all.path("current").path("fatherWhereabouts").asText()).isEqualTo("在苏州务工");

        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'CREATE' AND record_type = 'care-agreement' AND record_id = ?")
                .param(first.toString()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT after->>'endedOn' FROM audit_entry WHERE action = 'UPDATE' AND record_type = 'care-agreement' AND record_id = ?")
                .param(first.toString()).query(String.class).single()).isEqualTo(today.minusDays(1).toString());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'person' AND record_id = ? AND after->>'view' = 'care-agreements'")
                .param(child.toString()).query(Long.class).single()).isEqualTo(1);

        // the person's page shows the agreement in force and the older one
        String token = new ApiClient(port).token("officer", DEMO_PASSWORD);
        String page = new ApiClient(port).get("/persons/" + child, token, "Accept", "text/html").body();
        assertThat(page).contains("帮扶协议").contains("现行帮扶协议（三帮一）").contains("已终止的帮扶协议（四帮一）")
                .contains("留爷（祖父） 139****4321").contains("在上海务工").contains("导出一人一档");
        assertThat(page).doesNotContain("13987654321");
    }

    /** A helper chosen by staffId must still serve: one who has left is refused in the caller's language. */
    @Test
    void aHelperWhoIsNoLongerActiveIsRefusedAndNothingIsSaved() {
        UUID child = child("FS-3-01", "停用帮");
        UUID leaver = TestStaff.volunteerWithSignIn(directory, jurisdictions, TestStaff.uniqueUsername("cah"), "已离")
                .id().value();
        jdbc.sql("UPDATE staff SET active = false WHERE id = ?").param(leaver).update();
        String name = jdbc.sql("SELECT name FROM staff WHERE id = ?").param(leaver).query(String.class).single();
        Map<String, Object> a = agreement(today.minusDays(3), 2);
        a.put("helpers", List.of(Map.of("staffId", leaver.toString(), "role", "VOLUNTEER"),
                Map.of("name", "志愿者乙", "role", "VOLUNTEER")));

        HousingFixtures.Answer refused = fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements", a);
        assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body()))
                .containsEntry("helpers[0].staffId", name + " 已停用，不再在岗，不能作为帮扶人");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements",
                a, "Accept-Language", "en").body()))
                .containsEntry("helpers[0].staffId", name + " is no longer active and cannot be a helper");
        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement WHERE person_id = ?").param(child)
                .query(Long.class).single()).isZero();

        // the same member while he served is taken
        jdbc.sql("UPDATE staff SET active = true WHERE id = ?").param(leaver).update();
        assertThat(fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements", a).status())
                .isEqualTo(201);
    }

    @Test
    void badAgreementsAreRefusedFieldByFieldAndSaveNothing() {
        UUID child = child("FS-3-02", "拒签");
        Map<String, Object> bad = agreement(today.minusDays(10), 1);
        bad.put("reviewOn", today.minusDays(20).toString());
        bad.put("guardianName", " ");
        bad.put("guardianPhone", "12345");
        HousingFixtures.Answer refused = fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).containsKeys("reviewOn", "guardianName", "guardianPhone", "helpers")
                .containsEntry("helpers", "除实际监护人外须有 2 到 4 名帮扶人");
        Map<String, Object> future = agreement(today.plusDays(3), 2);
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements", future,
                "Accept-Language", "en").body())).containsEntry("signedOn", "Cannot be later than today");
        UUID adult = fx.person(fx.gridId("FS-3-02"), null, "成人", "HEAD", null, null);
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/persons/" + adult + "/care-agreements",
                agreement(today, 2)).body())).containsKey("personId");
        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement WHERE person_id IN (?, ?)").params(child, adult)
                .query(Long.class).single()).isZero();
    }

    @Test
    void valuesOfTheWrongKindAreRefusedAllAtOnceWithTheOtherFaultsAndSaveNothing() {
        UUID child = child("FS-3-02", "错型");
        Map<String, Object> bad = agreement(today.minusDays(10), 3);
        bad.put("signedOn", "昨天");
        bad.put("reviewOn", "2026-13-01");
        bad.put("guardianName", " ");
        bad.put("helpers", List.of(Map.of("name", "管理员甲", "role", "BOSS"),
                Map.of("name", "志愿者乙", "role", "VOLUNTEER", "staffId", "not-an-id"),
                Map.of("role", "TEACHER")));
        HousingFixtures.Answer refused = fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements", bad);
        assertThat(refused.status()).isEqualTo(400);
        Map<String, String> errors = HousingFixtures.errors(refused.body());
        // every fault of the body at once, each helper's by its place, not the first value of the wrong kind alone
        assertThat(errors).containsKeys("signedOn", "reviewOn", "guardianName", "helpers[0].role", "helpers[1].staffId",
                "helpers[2].name");
        // an unknown role is told as one, with the roles there are, not once more as missing
        assertThat(errors.get("helpers[0].role")).contains("TEACHER");
        assertThat(refused.body().get("errors").findValuesAsText("field")).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement WHERE person_id = ?").param(child)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anotherStationsOfficerGets404ForTheAgreementsOfAChildOutsideHisSubtree() {
        UUID rural = child("FS-3-03", "乡童");
        UUID urban = child("NS-1-02", "城童");
        assertThat(fx.call("officer", "POST", "/api/v1/persons/" + rural + "/care-agreements", agreement(today, 2)).status())
                .isEqualTo(201);
        assertThat(fx.call("officer2", "POST", "/api/v1/persons/" + urban + "/care-agreements", agreement(today, 2)).status())
                .isEqualTo(201);
        for (String[] who : List.of(new String[] {"officer2", rural.toString()}, new String[] {"officer", urban.toString()},
                new String[] {"officer", UUID.randomUUID().toString()})) {
            assertThat(fx.get(who[0], "/api/v1/persons/" + who[1] + "/care-agreements").status()).isEqualTo(404);
            assertThat(fx.call(who[0], "POST", "/api/v1/persons/" + who[1] + "/care-agreements", agreement(today, 2))
                    .status()).isEqualTo(404);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement WHERE person_id IN (?, ?)").params(rural, urban)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(fx.get("bureau", "/api/v1/persons/" + urban + "/care-agreements").status()).isEqualTo(200);
    }
}
