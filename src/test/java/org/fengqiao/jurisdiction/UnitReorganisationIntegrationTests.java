package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
 * A bureau reorganises its tree every year or two: a workstation handed from one central office to another (with its
 * village, the village's grid, its people and its incidents), an emptied central office retired. Each test builds its
 * own workstation under the rural office (where officer sits), so that moving it disturbs nobody else's records,
 * and hands it to the urban station, where an officer of its own signs in.
 */
class UnitReorganisationIntegrationTests extends IntegrationTest {

    static final String RURAL_OFFICE = "320722010100";
    static final String URBAN_STATION = "320722020000";
    static final String RURAL_STATION = "320722010000";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    org.fengqiao.account.StaffDirectory directory;

    JurisdictionApi api;
    TreeFixtures tree;
    /** An officer of the urban station itself, who sees everything under it. */
    String urbanLogin;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        tree = new TreeFixtures(jurisdictions, jdbc);
        urbanLogin = "itre" + unique();
        directory.register(jurisdictions.unitByCode(URBAN_STATION).orElseThrow().id(),
                org.fengqiao.account.StaffRole.COMMUNITY_OFFICER, "城区所民警" + urbanLogin.substring(4), null, null,
                "社区民警", urbanLogin, DEMO_PASSWORD);
    }

    record Station(Unit workstation, Community village, Grid grid, UUID person, UUID incident) {
    }

    static String unique() {
        return TreeFixtures.unique();
    }

    /** A workstation under {@code parentCode} with a village, its grid, one person and one open incident there. */
    Station workstationWithRecords(String parentCode) {
        Unit parent = jurisdictions.unitByCode(parentCode).orElseThrow();
        Unit ws = jurisdictions.createUnit(parent.id(), UnitKind.WORKSTATION, "IT-RE-WS-" + unique(), "迁移测试工作站" + unique(),
                null);
        Community village = tree.village(ws, "IT-RE-V-", "迁移村");
        Grid grid = tree.grid(village, null, "IT-RE-G-", "迁移网格");
        UUID person = tree.person(grid, "迁移居民" + unique());
        UUID incident = tree.openIncident(grid, ws, tree.staffId("officer"), "RECEIVED");
        return new Station(ws, village, grid, person, incident);
    }

    List<String> unitCodes(String username) {
        List<String> codes = new ArrayList<>();
        api.get(username, "/api/v1/units").body().forEach(u -> codes.add(u.get("code").asText()));
        return codes;
    }

    JurisdictionApi.Answer move(String username, Unit unit, UUID parentId, String language) {
        return api.call(username, HttpMethod.PUT, "/api/v1/units/" + unit.id() + "/parent",
                parentId == null ? Map.of() : Map.of("parentId", parentId.toString()), language);
    }

    @Test
    void aMovedWorkstationsPersonIncidentAndGridAreSeenFromTheNewChainAndNoLongerFromTheOld() {
        Station s = workstationWithRecords(RURAL_OFFICE);
        String person = "/api/v1/persons/" + s.person();
        String incident = "/api/v1/incidents/" + s.incident();
        String grid = "/api/v1/grids/" + s.grid().id();
        for (String url : List.of(person, incident, grid)) {
            assertThat(api.get("officer", url).status()).as("before, the rural officer: " + url).isEqualTo(200);
            assertThat(api.get(urbanLogin, url).status()).as("before, the urban officer: " + url).isEqualTo(404);
        }
        long persons = jdbc.sql("SELECT count(*) FROM person WHERE grid_id = ?").param(s.grid().id().value())
                .query(Long.class).single();

        UUID urban = api.unitId(URBAN_STATION);
        JurisdictionApi.Answer moved = move("bureau", s.workstation(), urban, null);
        assertThat(moved.status()).as(String.valueOf(moved.body())).isEqualTo(200);
        assertThat(moved.body().get("parentId").asText()).isEqualTo(urban.toString());

        for (String url : List.of(person, incident, grid)) {
            assertThat(api.get("officer", url).status()).as("after, the rural officer: " + url).isEqualTo(404);
            assertThat(api.get("chief", url).status()).as("after, the rural station's chief: " + url).isEqualTo(404);
            assertThat(api.get(urbanLogin, url).status()).as("after, the urban officer: " + url).isEqualTo(200);
            assertThat(api.get("bureau", url).status()).as("after, the bureau: " + url).isEqualTo(200);
        }
        assertThat(unitCodes(urbanLogin)).contains(s.workstation().code());
        assertThat(unitCodes("officer")).doesNotContain(s.workstation().code());
        // nothing lost: the same person, incident and grid, only the unit's place in the tree changed
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE grid_id = ?").param(s.grid().id().value())
                .query(Long.class).single()).isEqualTo(persons);
        assertThat(api.get(urbanLogin, incident).body().toString()).contains(s.incident().toString());
        Unit after = jurisdictions.unit(s.workstation().id()).orElseThrow();
        Unit urbanUnit = jurisdictions.unit(new UnitId(urban)).orElseThrow();
        assertThat(after.path()).isEqualTo(urbanUnit.path() + after.id().value() + "/");
        assertThat(after.depth()).isEqualTo(urbanUnit.depth() + 1);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'unit' AND action = 'UPDATE' AND record_id = ?""")
                .param(s.workstation().id().value().toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aUnitOutsideTheCallersSubtreeIsNotFoundAndAParentOutsideItIsRefusedChangingNothing() {
        Station s = workstationWithRecords(URBAN_STATION);
        String pathBefore = jurisdictions.unit(s.workstation().id()).orElseThrow().path();
        // the rural station's chief manages his tree, not the urban one
        assertThat(move("chief", s.workstation(), api.unitId(RURAL_OFFICE), null).status()).isEqualTo(404);
        assertThat(api.call("chief", HttpMethod.DELETE, "/api/v1/units/" + s.workstation().id(), null, null).status())
                .isEqualTo(404);
        Station mine = workstationWithRecords(RURAL_OFFICE);
        JurisdictionApi.Answer outside = move("chief", mine.workstation(), api.unitId(URBAN_STATION), null);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body().toString()).contains("上级单位不存在或不在您的辖区内");
        // and within his tree he moves it (the rural station runs workstations directly)
        assertThat(move("chief", mine.workstation(), api.unitId(RURAL_STATION), null).status()).isEqualTo(200);
        assertThat(jurisdictions.unit(s.workstation().id()).orElseThrow().path()).isEqualTo(pathBefore);
    }

    @Test
    void aMoveUnderItselfOrUnderAKindThatMayNotHoldItIsRefusedInTheCallersLanguage() {
        Station s = workstationWithRecords(RURAL_OFFICE);
        Unit point = jurisdictions.createUnit(s.workstation().id(), UnitKind.WORK_POINT, "IT-RE-P-" + unique(), "测试工作点",
                null);
        JurisdictionApi.Answer intoItself = move("bureau", s.workstation(), point.id().value(), "en");
        assertThat(intoItself.status()).isEqualTo(400);
        assertThat(intoItself.body().toString()).contains("cannot move under itself");
        JurisdictionApi.Answer underBureau = move("bureau", s.workstation(), api.unitId("320722000000"), null);
        assertThat(underBureau.status()).isEqualTo(400);
        assertThat(underBureau.body().toString()).contains("不能设在");
        assertThat(jurisdictions.unit(s.workstation().id()).orElseThrow().parentId())
                .isEqualTo(jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow().id());
    }

    @Test
    void aUnitThatStillAnswersForRecordsIsNotRetiredAndSaysWhatIsLeftWithCounts() {
        Station s = workstationWithRecords(RURAL_OFFICE);
        JurisdictionApi.Answer refused = api.call("bureau", HttpMethod.DELETE, "/api/v1/units/" + s.workstation().id(),
                null, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().toString()).contains("社区（村）1 个", "网格 1 个", "在岗人员 0 名", "未结事项 1 件");
        JurisdictionApi.Answer english = api.call("bureau", HttpMethod.DELETE, "/api/v1/units/" + s.workstation().id(),
                null, "en");
        assertThat(english.body().toString()).contains("1 community (village)", "1 open item");
        assertThat(unitCodes("bureau")).contains(s.workstation().code());
    }

    @Test
    void anEmptyUnitIsRetiredAuditedAndLeavesTheTreeAndTakesNothingNew() {
        String n = unique();
        Unit office = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow();
        Unit empty = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "IT-RE-E-" + n, "撤销测试工作站" + n, null);
        assertThat(api.call("bureau", HttpMethod.DELETE, "/api/v1/units/" + empty.id(), null, null).status())
                .isEqualTo(204);
        assertThat(unitCodes("bureau")).doesNotContain(empty.code());
        assertThat(api.get("bureau", "/api/v1/units/" + empty.id()).status()).isEqualTo(404);
        JurisdictionApi.Answer under = api.call("bureau", HttpMethod.POST, "/api/v1/units",
                Map.of("parentId", empty.id().toString(), "kind", "WORK_POINT", "code", "IT-RE-EP-" + n, "name", "x"),
                null);
        assertThat(under.status()).isEqualTo(400);
        // the unit itself stays for the records that once named it
        assertThat(jurisdictions.unit(empty.id())).isPresent();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'unit' AND action = 'UPDATE' AND record_id = ?""")
                .param(empty.id().value().toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theBureauMovesAndRetiresOnTheTreePageAndIsToldWhyNotInHisLanguage() {
        Station s = workstationWithRecords(RURAL_OFFICE);
        org.fengqiao.account.ApiClient bureau = new org.fengqiao.account.ApiClient(port)
                .signedIn("bureau", DEMO_PASSWORD, null);
        String tree = bureau.get("/units", null).body();
        assertThat(tree).contains("id=\"move-unit-form\"", "id=\"retire-unit-form\"");
        UUID urban = api.unitId(URBAN_STATION);
        var moved = bureau.form("/units/move", Map.of("unitId", s.workstation().id().toString(),
                "parentId", urban.toString(), "_csrf", bureau.csrfFrom("/units")));
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(bureau.get("/units", null).body()).contains("单位已迁移");
        assertThat(jurisdictions.unit(s.workstation().id()).orElseThrow().parentId()).isEqualTo(new UnitId(urban));

        bureau.form("/units/retire?lang=zh-CN", Map.of("unitId", s.workstation().id().toString(),
                "_csrf", bureau.csrfFrom("/units")));
        assertThat(bureau.get("/units", null).body())
                .contains("尚未腾空，不能撤销：还有下级单位 0 个、社区（村）1 个、网格 1 个、在岗人员 0 名、未结事项 1 件");
        bureau.form("/units/retire?lang=en", Map.of("unitId", s.workstation().id().toString(),
                "_csrf", bureau.csrfFrom("/units")));
        assertThat(bureau.get("/units", null).body()).contains("is not empty and cannot be retired: 0 units under it,"
                + " 1 community (village), 1 grid, 0 active staff, 1 open item left");
        assertThat(unitCodes("bureau")).contains(s.workstation().code());
        bureau.get("/units?lang=zh-CN", null);
    }

    @Test
    void aUnitReadGivesItsCountsAndTheListItsSubtreeTotals() {
        Station s = workstationWithRecords(RURAL_OFFICE);
        JsonNode office = api.get("bureau", "/api/v1/units/" + api.unitId(RURAL_OFFICE)).body().get("unit");
        long officeCommunities = jdbc.sql("SELECT count(*) FROM community WHERE unit_id = ?")
                .param(api.unitId(RURAL_OFFICE)).query(Long.class).single();
        assertThat(office.get("communities").asLong()).isEqualTo(officeCommunities);
        assertThat(office.get("totalCommunities").asLong()).isGreaterThan(officeCommunities);
        assertThat(office.get("totalGrids").asLong()).isGreaterThanOrEqualTo(office.get("grids").asLong() + 1);
        assertThat(office.get("staff").asLong()).isPositive();
        JsonNode ws = api.get("bureau", "/api/v1/units/" + s.workstation().id()).body().get("unit");
        assertThat(ws.get("communities").asLong()).isEqualTo(1);
        assertThat(ws.get("totalGrids").asLong()).isEqualTo(1);
        assertThat(ws.get("staff").asLong()).isZero();
        JsonNode station = null;
        for (JsonNode u : api.get("bureau", "/api/v1/units").body()) {
            if (u.get("code").asText().equals(RURAL_STATION)) {
                station = u;
            }
        }
        long stationCommunities = jdbc.sql("""
                SELECT count(*) FROM community c JOIN unit u ON u.id = c.unit_id
                WHERE u.path LIKE (SELECT path FROM unit WHERE code = ?) || '%'""").param(RURAL_STATION)
                .query(Long.class).single();
        assertThat(station.get("totalCommunities").asLong()).isEqualTo(stationCommunities);
    }

    @Test
    void aRetiredGridIsNeitherCountedNorLeftBehindWhenItsWorkPointIsRetired() {
        Station s = workstationWithRecords(RURAL_OFFICE);
        String n = unique();
        Unit point = jurisdictions.createUnit(s.workstation().id(), UnitKind.WORK_POINT, "IT-RE-WP-" + n,
                "撤销测试警务点" + n, null);
        Grid merged = tree.grid(s.village(), null, "IT-RE-GM-", "并入网格");
        jdbc.sql("UPDATE grid SET unit_id = ? WHERE id = ?").params(point.id().value(), merged.id().value()).update();
        assertThat(api.get("bureau", "/api/v1/units/" + s.workstation().id()).body().get("unit").get("totalGrids")
                .asLong()).isEqualTo(2);

        JurisdictionApi.Answer retired = api.call("bureau", HttpMethod.POST,
                "/api/v1/grids/" + merged.id() + "/retirement", null, null);
        assertThat(retired.status()).as(String.valueOf(retired.body())).isEqualTo(200);
        // the grid merged away is no longer one of the village's grids, nor something left at its work point
        assertThat(api.get("bureau", "/api/v1/units/" + s.workstation().id()).body().get("unit").get("totalGrids")
                .asLong()).isEqualTo(1);
        assertThat(api.call("bureau", HttpMethod.DELETE, "/api/v1/units/" + point.id(), null, null).status())
                .isEqualTo(204);
    }
}
