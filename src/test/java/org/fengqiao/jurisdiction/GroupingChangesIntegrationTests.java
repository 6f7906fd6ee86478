package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Police districts and zones kept by whoever keeps the tree at or above their unit (the station chief his own
 * station's): made, renamed, given their villages and retired, by the API and the page, each audited; out of reach
 * outside his subtree and refused to those who do not keep the tree; and the village hand-over's refusal names the
 * district and where to take the village out of it.
 */
class GroupingChangesIntegrationTests extends IntegrationTest {

    static final String RURAL_OFFICE = "320722010100";
    static final String RURAL_STATION = "320722010000";
    static final String URBAN_STATION = "320722020000";
    static final String HEPING_WORKSTATION = "320722020100";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    org.fengqiao.account.StaffDirectory directory;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    JurisdictionApi api;
    TreeFixtures tree;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        tree = new TreeFixtures(jurisdictions, jdbc);
    }

    JurisdictionApi.Answer create(String username, String code, String name, UUID unit, List<UUID> villages,
            String language) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("kind", "POLICE_DISTRICT");
        body.put("code", code);
        body.put("name", name);
        body.put("unitId", unit);
        body.put("communityIds", villages);
        return api.call(username, HttpMethod.POST, "/api/v1/groupings", body, language);
    }

    long audited(String id, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'grouping' AND record_id = ? AND action = ?")
                .params(id, action).query(Long.class).single();
    }

    JurisdictionApi.Answer handOver(Community village, String language) {
        return api.call("bureau", HttpMethod.PUT, "/api/v1/communities/" + village.id().value() + "/unit",
                Map.of("unitId", api.unitId(HEPING_WORKSTATION).toString()), language);
    }

    @Test
    void aDistrictHoldingAVillageBackIsNamedByTheHandOverAndTakingTheVillageOutLetsItGo() {
        Community village = tree.village(tree.unit(RURAL_OFFICE), "IT-GC-V-", "分组村");
        String code = "IT-GC-D-" + TreeFixtures.unique();
        JurisdictionApi.Answer made = create("bureau", code, "乡村第一警务区", api.unitId(RURAL_STATION),
                List.of(village.id().value()), null);
        assertThat(made.status()).as(String.valueOf(made.body())).isEqualTo(201);
        String id = made.body().get("id").asText();
        assertThat(made.body().get("communities").get(0).get("name").asText()).isEqualTo(village.name());
        assertThat(audited(id, "CREATE")).isEqualTo(1);

        JurisdictionApi.Answer refused = handOver(village, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().toString()).contains("警务区“乡村第一警务区”", "警务区、合作区与联防区", "移出");
        assertThat(handOver(village, "en").body().toString())
                .contains("Police district 乡村第一警务区", "Police districts and zones");

        JurisdictionApi.Answer emptied = api.call("bureau", HttpMethod.PUT, "/api/v1/groupings/" + id + "/communities",
                Map.of("communityIds", List.of()), null);
        assertThat(emptied.status()).isEqualTo(200);
        assertThat(emptied.body().get("communities")).isEmpty();
        assertThat(audited(id, "UPDATE")).isEqualTo(1);
        assertThat(handOver(village, null).status()).isEqualTo(200);
    }

    @Test
    void aVillageOutsideTheUnitAWorkPointAndAnotherStationAreRefusedInTheCallersLanguageChangingNothing() {
        UUID ruralOffice = api.unitId(RURAL_OFFICE);
        Community rural = tree.village(tree.unit(RURAL_OFFICE), "IT-GC-V-", "分组村");
        Community urban = tree.village(tree.unit(HEPING_WORKSTATION), "IT-GC-U-", "城区分组村");
        long before = jdbc.sql("SELECT count(*) FROM grouping").query(Long.class).single();

        // a village of another unit's subtree, whoever sees it
        JurisdictionApi.Answer outside = create("bureau", "IT-GC-X-" + TreeFixtures.unique(), "错区", ruralOffice,
                List.of(urban.id().value()), null);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body().toString()).contains("“" + urban.name() + "”不在");
        // the rural chief sees no urban village, nor the urban station; a work point runs no district
        JurisdictionApi.Answer unseen = create("chief", "IT-GC-X-" + TreeFixtures.unique(), "错区", ruralOffice,
                List.of(urban.id().value()), "en");
        assertThat(unseen.status()).isEqualTo(400);
        assertThat(unseen.body().toString()).contains("does not exist or is outside your jurisdiction");
        JurisdictionApi.Answer otherStation = create("chief", "IT-GC-X-" + TreeFixtures.unique(), "他所警务区",
                api.unitId(URBAN_STATION), List.of(), null);
        assertThat(otherStation.status()).isEqualTo(400);
        assertThat(otherStation.body().toString()).contains("设立单位不存在、已撤销或不在您的辖区内");
        Grid grid = jurisdictions.setUpWorkPoint(tree.grid(rural, null, "IT-GC-G-", "分组网格").id());
        JurisdictionApi.Answer workPoint = create("chief", "IT-GC-X-" + TreeFixtures.unique(), "点内警务区",
                grid.unitId().value(), List.of(), "en");
        assertThat(workPoint.status()).isEqualTo(400);
        assertThat(workPoint.body().toString()).contains("is a police work point, which stands for one grid");
        JurisdictionApi.Answer blank = create("chief", " ", " ", ruralOffice, List.of(), "en");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM grouping").query(Long.class).single()).isEqualTo(before);

        // the chief keeps a district at his central office; the bureau's urban one is not his to see or change
        JurisdictionApi.Answer his = create("chief", "IT-GC-C-" + TreeFixtures.unique(), "室内警务区", ruralOffice,
                List.of(rural.id().value()), null);
        assertThat(his.status()).as(String.valueOf(his.body())).isEqualTo(201);
        JurisdictionApi.Answer taken = create("chief", his.body().get("code").asText(), "重号", ruralOffice, List.of(),
                null);
        assertThat(taken.status()).isEqualTo(409);
        String urbanId = create("bureau", "IT-GC-W-" + TreeFixtures.unique(), "城区警务区", api.unitId(URBAN_STATION),
                List.of(urban.id().value()), null).body().get("id").asText();
        String url = "/api/v1/groupings/" + urbanId;
        assertThat(api.get("chief", url).status()).isEqualTo(404);
        assertThat(api.call("chief", HttpMethod.PUT, url + "/name", Map.of("name", "改名"), null).status())
                .isEqualTo(404);
        assertThat(api.call("chief", HttpMethod.PUT, url + "/communities", Map.of("communityIds", List.of()), null)
                .status()).isEqualTo(404);
        assertThat(api.call("chief", HttpMethod.DELETE, url, null, null).status()).isEqualTo(404);
        assertThat(api.get("bureau", url).body().get("name").asText()).isEqualTo("城区警务区");
        assertThat(api.get("bureau", url).body().get("communities")).hasSize(1);
        // nor is it seen from below its unit: officer2 sits at a workstation under the urban station
        assertThat(api.get("officer2", url).status()).isEqualTo(404);
    }

    @Test
    void theStationChiefKeepsHisOwnStationsDistrictsWhichAnotherStationsChiefAndAGridWorkerCannotTouch() {
        Community village = tree.village(tree.unit(RURAL_OFFICE), "IT-GC-V-", "本所村");
        // the chief draws a police district at his own station, the top of his jurisdiction
        JurisdictionApi.Answer made = create("chief", "IT-GC-S-" + TreeFixtures.unique(), "本所警务区",
                api.unitId(RURAL_STATION), List.of(village.id().value()), null);
        assertThat(made.status()).as(String.valueOf(made.body())).isEqualTo(201);
        String id = made.body().get("id").asText();
        String url = "/api/v1/groupings/" + id;
        assertThat(api.call("chief", HttpMethod.PUT, url + "/name", Map.of("name", "本所第一警务区"), null).body()
                .get("name").asText()).isEqualTo("本所第一警务区");
        assertThat(api.call("chief", HttpMethod.PUT, url + "/communities", Map.of("communityIds", List.of()), null)
                .body().get("communities")).isEmpty();
        assertThat(audited(id, "UPDATE")).isEqualTo(2);

        // the urban station's chief does not find it, whatever he asks
        String login = "itgcc" + TreeFixtures.unique();
        directory.register(tree.unit(URBAN_STATION).id(), org.fengqiao.account.StaffRole.STATION_CHIEF, "城区所长",
                null, null, "所长", login, DEMO_PASSWORD);
        assertThat(api.get(login, url).status()).isEqualTo(404);
        assertThat(api.call(login, HttpMethod.PUT, url + "/name", Map.of("name", "越权"), null).status())
                .isEqualTo(404);
        assertThat(api.call(login, HttpMethod.PUT, url + "/communities",
                Map.of("communityIds", List.of(village.id().value())), null).status()).isEqualTo(404);
        assertThat(api.call(login, HttpMethod.DELETE, url, null, null).status()).isEqualTo(404);
        // a grid worker sees a district of his office but keeps none: refused (403) by the API
        String office = create("chief", "IT-GC-O-" + TreeFixtures.unique(), "室内警务区", api.unitId(RURAL_OFFICE),
                List.of(), null).body().get("id").asText();
        assertThat(api.get("manager", "/api/v1/groupings/" + office).status()).isEqualTo(200);
        assertThat(api.call("manager", HttpMethod.PUT, "/api/v1/groupings/" + office + "/name",
                Map.of("name", "越权"), null).status()).isEqualTo(403);
        assertThat(api.call("manager", HttpMethod.DELETE, "/api/v1/groupings/" + office, null, null).status())
                .isEqualTo(403);
        assertThat(create("manager", "IT-GC-M-" + TreeFixtures.unique(), "网格员警务区", api.unitId(RURAL_OFFICE),
                List.of(), null).status()).isEqualTo(403);
        assertThat(api.get("bureau", url).body().get("name").asText()).isEqualTo("本所第一警务区");
        assertThat(api.get("bureau", "/api/v1/groupings/" + office).body().get("name").asText()).isEqualTo("室内警务区");

        // on the page: the chief is offered his own station and changes its district there; the grid worker is
        // offered no form, and one he posts changes nothing
        org.fengqiao.account.ApiClient chief = new org.fengqiao.account.ApiClient(port)
                .signedIn("chief", DEMO_PASSWORD, null);
        String page = chief.get("/groupings", null).body();
        assertThat(page).contains("action=\"/groupings/" + id + "/name\"",
                "value=\"" + api.unitId(RURAL_STATION) + "\"");
        chief.form("/groupings/" + id + "/name", Map.of("_csrf", chief.csrfFrom("/groupings"), "name", "页面改名警务区"));
        assertThat(chief.get("/groupings", null).body()).contains("已更名", "页面改名警务区");
        org.fengqiao.account.ApiClient manager = new org.fengqiao.account.ApiClient(port)
                .signedIn("manager", DEMO_PASSWORD, null);
        String managers = manager.get("/groupings", null).body();
        assertThat(managers).contains("室内警务区").doesNotContain("/groupings/" + office + "/name", "new-grouping-form");
        assertThat(manager.form("/groupings/" + office + "/name", Map.of("_csrf", manager.csrfFrom("/groupings"),
                "name", "越权")).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT name FROM grouping WHERE id = ?::uuid").param(office).query(String.class).single())
                .isEqualTo("室内警务区");
    }

    @Test
    void anotherModuleMakesAGroupingOnlyAsAPersonWhoKeepsTheTreeWhereHeSeesIt() {
        Community village = tree.village(tree.unit(RURAL_OFFICE), "IT-GC-V-", "模块村");
        Unit station = tree.unit(RURAL_STATION);
        java.util.Set<String> keeping = java.util.Set.of("JURISDICTION_READ", "JURISDICTION_MANAGE");
        org.fengqiao.platform.Caller urbanChief = new org.fengqiao.platform.Caller(null, "it", "城区", "STATION_CHIEF",
                List.of(tree.unit(URBAN_STATION).path()), keeping);
        org.fengqiao.platform.Caller reader = new org.fengqiao.platform.Caller(null, "it", "网格员", "GRID_MEMBER",
                List.of(station.path()), java.util.Set.of("JURISDICTION_READ"));
        org.fengqiao.platform.Caller ruralChief = new org.fengqiao.platform.Caller(null, "it", "房山", "STATION_CHIEF",
                List.of(station.path()), keeping);
        long before = jdbc.sql("SELECT count(*) FROM grouping").query(Long.class).single();

        assertThatThrownBy(() -> jurisdictions.createGrouping(GroupingKind.POLICE_DISTRICT,
                "IT-GC-F-" + TreeFixtures.unique(), "模块警务区", station.id(), List.of(village.id()), urbanChief))
                .isInstanceOfSatisfying(org.fengqiao.platform.Invalid.class, e -> assertThat(e.problems())
                        .extracting(org.fengqiao.platform.Invalid.Problem::key)
                        .containsExactly("jurisdiction.grouping.unitUnknown"));
        assertThatThrownBy(() -> jurisdictions.createGrouping(GroupingKind.POLICE_DISTRICT,
                "IT-GC-F-" + TreeFixtures.unique(), "模块警务区", station.id(), List.of(village.id()), reader))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM grouping").query(Long.class).single()).isEqualTo(before);

        GroupingId made = jurisdictions.createGrouping(GroupingKind.POLICE_DISTRICT, "IT-GC-F-" + TreeFixtures.unique(),
                "模块警务区", station.id(), List.of(village.id()), ruralChief);
        assertThat(audited(made.value().toString(), "CREATE")).isEqualTo(1);
        assertThat(api.get("chief", "/api/v1/groupings/" + made.value()).body().get("communities").get(0).get("name")
                .asText()).isEqualTo(village.name());
    }

    @Test
    void aDistrictRenamedThenRetiredLeavesTheListsAndFreesItsVillage() {
        Community village = tree.village(tree.unit(RURAL_OFFICE), "IT-GC-V-", "撤区村");
        String id = create("bureau", "IT-GC-R-" + TreeFixtures.unique(), "旧名警务区", api.unitId(RURAL_STATION),
                List.of(village.id().value()), null).body().get("id").asText();
        String url = "/api/v1/groupings/" + id;

        JurisdictionApi.Answer blank = api.call("bureau", HttpMethod.PUT, url + "/name", Map.of("name", "  "), "en");
        assertThat(blank.status()).isEqualTo(400);
        JurisdictionApi.Answer renamed = api.call("bureau", HttpMethod.PUT, url + "/name", Map.of("name", " 新名警务区 "),
                null);
        assertThat(renamed.body().get("name").asText()).isEqualTo("新名警务区");
        assertThat(api.get("chief", url).body().get("name").asText()).isEqualTo("新名警务区");

        assertThat(api.call("bureau", HttpMethod.DELETE, url, null, null).status()).isEqualTo(204);
        assertThat(api.get("bureau", url).status()).isEqualTo(404);
        assertThat(api.get("bureau", "/api/v1/groupings").body().toString()).doesNotContain(id);
        assertThat(api.call("bureau", HttpMethod.DELETE, url, null, null).status()).isEqualTo(404);
        assertThat(audited(id, "UPDATE")).isEqualTo(2);
        assertThat(handOver(village, null).status()).isEqualTo(200);
    }

    @Test
    void theBureauMakesAndChangesADistrictOnItsPageReachedFromTheTree() {
        Community village = tree.village(tree.unit(RURAL_OFFICE), "IT-GC-V-", "页面村");
        org.fengqiao.account.ApiClient bureau = new org.fengqiao.account.ApiClient(port)
                .signedIn("bureau", DEMO_PASSWORD, null);
        assertThat(bureau.get("/units", null).body()).contains("href=\"/groupings\"");
        String code = "IT-GC-P-" + TreeFixtures.unique();
        bureau.form("/groupings", Map.of("_csrf", bureau.csrfFrom("/groupings"), "kind", "COOPERATION_ZONE",
                "code", code, "name", "页面合作区", "unitId", api.unitId(RURAL_STATION).toString(),
                "communityIds", village.id().value().toString()));
        String page = bureau.get("/groupings", null).body();
        assertThat(page).contains("已新设", "页面合作区", village.name());
        UUID id = jdbc.sql("SELECT id FROM grouping WHERE code = ?").param(code).query(UUID.class).single();

        bureau.form("/groupings/" + id + "/name?lang=en", Map.of("_csrf", bureau.csrfFrom("/groupings"), "name", ""));
        assertThat(bureau.get("/groupings", null).body()).contains("Required");
        assertThat(jdbc.sql("SELECT name FROM grouping WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("页面合作区");
        bureau.form("/groupings/" + id + "/communities?lang=zh-CN", Map.of("_csrf", bureau.csrfFrom("/groupings")));
        assertThat(bureau.get("/groupings", null).body()).contains("所含社区（村）已调整");
        assertThat(jdbc.sql("SELECT count(*) FROM grouping_community WHERE grouping_id = ?").param(id)
                .query(Long.class).single()).isZero();
        bureau.form("/groupings/" + id + "/retire", Map.of("_csrf", bureau.csrfFrom("/groupings")));
        assertThat(bureau.get("/groupings", null).body()).contains("已撤销").doesNotContain("页面合作区");
    }
}
