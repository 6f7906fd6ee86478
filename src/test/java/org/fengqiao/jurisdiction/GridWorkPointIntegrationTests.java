package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A grid placed at a work point of its own (网格有点, seed 003) under its community's unit: it takes that unit and
 * its path, so whoever sits at the work point sees that grid and not the community's other grids. The fixture is
 * this test's own: a workstation under the demo's rural central office answering for a village, a work point
 * under the workstation, and a stray work point directly under the office, outside the workstation's subtree.
 */
class GridWorkPointIntegrationTests extends IntegrationTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    MessageSource messages;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    String n;
    Unit workstation;
    Unit workPoint;
    Unit stray;
    Community village;
    double lon;

    @BeforeEach
    void setUp() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        workstation = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "T-WS-" + n, "工作站" + n, null);
        workPoint = jurisdictions.createUnit(workstation.id(), UnitKind.WORK_POINT, "T-WP-" + n, "第一网格工作点" + n, null);
        stray = jurisdictions.createUnit(office.id(), UnitKind.WORK_POINT, "T-WPX-" + n, "别处工作点" + n, null);
        village = jurisdictions.createCommunity(workstation.id(), CommunityKind.VILLAGE, "T-WPV-" + n, "工作点村" + n,
                null, null, null);
        // far from the demo district and from the other tests' grids
        lon = 87 + new Random().nextInt(400) / 100.0;
    }

    String square(double offset) {
        return GridImportPolicyTests.square(lon + offset, 44.0, 0.004);
    }

    long gridsOfVillage() {
        return jdbc.sql("SELECT count(*) FROM grid WHERE community_id = ?").param(village.id().value())
                .query(Long.class).single();
    }

    @Test
    void aGridPlacedAtAWorkPointUnderItsCommunitysUnitTakesThatUnitAndItsPath() {
        Grid grid = jurisdictions.createGrid(village.id(), workPoint.id(), GridNetwork.POLICE, "IT-WPG-" + n, "网格" + n,
                square(0), null, null, null);
        assertThat(grid.unitId()).isEqualTo(workPoint.id());
        assertThat(grid.unitPath()).isEqualTo(workPoint.path()).startsWith(workstation.path());
        assertThat(jurisdictions.grid(grid.id()).orElseThrow().unitId()).isEqualTo(workPoint.id());
        assertThat(grid.communityId()).isEqualTo(village.id());
    }

    @Test
    void withoutAUnitTheGridTakesItsCommunitysUnit() {
        Grid grid = jurisdictions.createGrid(village.id(), null, GridNetwork.POLICE, "IT-WPG-" + n, "网格" + n, square(0),
                null, null, null);
        assertThat(grid.unitId()).isEqualTo(workstation.id());
        assertThat(grid.unitPath()).isEqualTo(workstation.path());
    }

    @Test
    void refusesAUnitOutsideTheCommunitysUnitInChineseAndEnglishAndStoresNoGrid() {
        Invalid refused = catchThrowableOfType(Invalid.class, () -> jurisdictions.createGrid(village.id(), stray.id(),
                GridNetwork.POLICE, "IT-WPG-" + n, "网格" + n, square(0), null, null, null));
        assertThat(refused).isNotNull();
        assertThat(refused.problems()).extracting(Invalid.Problem::field).containsExactly("unitId");
        assertThat(refused.texts(messages, Locale.SIMPLIFIED_CHINESE)).containsExactly("单位“别处工作点" + n
                + "”不在“工作点村" + n + "”所属单位之下：网格只能设在其社区（村）所属单位或其下级单位");
        assertThat(refused.texts(messages, Locale.ENGLISH)).containsExactly("The unit 别处工作点" + n
                + " is not under the unit of 工作点村" + n
                + ": a grid can only be placed at its community's unit or below it");
        assertThat(gridsOfVillage()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM grid WHERE code = ?").param("IT-WPG-" + n).query(Long.class).single())
                .isZero();
    }

    @Test
    void refusesANewGridOnAWorkPointThatAnswersForAnotherGridInChineseAndEnglishAndStoresNoGrid() {
        Grid first = jurisdictions.createGrid(village.id(), workPoint.id(), GridNetwork.POLICE, "IT-WPG-" + n,
                "网格" + n, square(0), null, null, null);
        String before = gridRows();

        // 网格有点: the work point stands for its one grid, so a second grid of the same village may not sit there
        Invalid refused = catchThrowableOfType(Invalid.class, () -> jurisdictions.createGrid(village.id(),
                workPoint.id(), GridNetwork.POLICE, "IT-WPT-" + n, "第二网格" + n, square(0.004), null, null, null));
        assertThat(refused).isNotNull();
        assertThat(refused.problems()).extracting(Invalid.Problem::field).containsExactly("unitId");
        assertThat(refused.texts(messages, Locale.SIMPLIFIED_CHINESE)).containsExactly("单位“第一网格工作点" + n
                + "”已是别的网格的警务工作点或别的社区（村）的单位，不能设为“第二网格" + n + "”的所属单位：请选择“工作点村" + n
                + "”所属单位或本网格的警务工作点");
        assertThat(refused.texts(messages, Locale.ENGLISH)).containsExactly("The unit 第一网格工作点" + n
                + " is another grid's work point or another community's unit, so 第二网格" + n
                + " cannot be placed there: choose the unit of 工作点村" + n + " or this grid's own work point");
        assertThat(gridRows()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM grid WHERE code = ?").param("IT-WPT-" + n).query(Long.class).single())
                .isZero();
        assertThat(jurisdictions.grid(first.id()).orElseThrow().unitId()).isEqualTo(workPoint.id());

        // the second grid goes to a fresh work point of its own, or to the village's unit
        Unit second = jurisdictions.createUnit(workstation.id(), UnitKind.WORK_POINT, "T-WPT-" + n, "第二网格工作点" + n,
                null);
        assertThat(jurisdictions.createGrid(village.id(), second.id(), GridNetwork.POLICE, "IT-WPT-" + n, "第二网格" + n,
                square(0.004), null, null, null).unitId()).isEqualTo(second.id());
        assertThat(jurisdictions.createGrid(village.id(), workstation.id(), GridNetwork.POLICE, "IT-WPU-" + n,
                "第三网格" + n, square(0.008), null, null, null).unitId()).isEqualTo(workstation.id());
    }

    @Test
    void refusesANewGridOnAWorkPointOfAnotherVillagesGrid() {
        Community neighbour = jurisdictions.createCommunity(workstation.id(), CommunityKind.VILLAGE, "T-WPN-" + n,
                "邻村" + n, null, null, null);
        jurisdictions.createGrid(neighbour.id(), workPoint.id(), GridNetwork.POLICE, "IT-WPN-" + n, "邻村网格" + n,
                square(0), null, null, null);
        Invalid refused = catchThrowableOfType(Invalid.class, () -> jurisdictions.createGrid(village.id(),
                workPoint.id(), GridNetwork.POLICE, "IT-WPG-" + n, "网格" + n, square(0.004), null, null, null));
        assertThat(refused).isNotNull();
        assertThat(refused.problems()).extracting(Invalid.Problem::key)
                .containsExactly("jurisdiction.grid.unitAnswersForOthers");
        assertThat(gridsOfVillage()).isZero();
    }

    /** Every stored grid's id, code and unit, to compare before and after a refusal. */
    String gridRows() {
        return String.join("\n", jdbc.sql("SELECT id || ' ' || code || ' ' || unit_id FROM grid ORDER BY id")
                .query(String.class).list());
    }

    @Test
    void whoeverSitsAtTheWorkPointSeesItsGridAndNotTheCommunitysOtherGrids() {
        Grid own = jurisdictions.createGrid(village.id(), workPoint.id(), GridNetwork.POLICE, "IT-WPG-" + n, "网格" + n,
                square(0), null, null, null);
        Grid sibling = jurisdictions.createGrid(village.id(), null, GridNetwork.POLICE, "IT-WPS-" + n, "邻格" + n,
                square(0.004), null, null, null);

        Caller atWorkPoint = new Caller(UUID.randomUUID(), "wp" + n, "工作点民警", "COMMUNITY_OFFICER",
                List.of(workPoint.path()), Set.of());
        assertThat(jurisdictions.visibleGrid(own.id(), atWorkPoint)).isPresent();
        assertThat(jurisdictions.visibleGrid(sibling.id(), atWorkPoint)).isEmpty();
        assertThat(jurisdictions.visibleGrids(atWorkPoint)).extracting(Grid::code).containsExactly(own.code());
        // whoever sits at the workstation sees both
        Caller atWorkstation = new Caller(UUID.randomUUID(), "ws" + n, "工作站民警", "COMMUNITY_OFFICER",
                List.of(workstation.path()), Set.of());
        assertThat(jurisdictions.visibleGrids(atWorkstation)).extracting(Grid::code)
                .containsExactlyInAnyOrder(own.code(), sibling.code());

        // the same over the API, signed in as an officer placed at the work point
        String username = "wpofficer" + n;
        staff.register(workPoint.id(), StaffRole.COMMUNITY_OFFICER, "工作点民警" + n, null, null, "社区民警", username,
                DEMO_PASSWORD);
        JurisdictionApi api = new JurisdictionApi(http, jdbc);
        JurisdictionApi.Answer seen = api.get(username, "/api/v1/grids/" + own.id().value());
        assertThat(seen.status()).isEqualTo(200);
        // the grid shows the work point as the unit that answers for it
        assertThat(seen.body().get("unit").get("id").asText()).isEqualTo(workPoint.id().value().toString());
        assertThat(seen.body().get("unit").get("name").asText()).isEqualTo("第一网格工作点" + n);
        assertThat(seen.body().get("unit").get("code").asText()).isEqualTo("T-WP-" + n);
        // the export names the work point, so that the file imported elsewhere places the grid there too
        JsonNode exported = api.get(username, "/api/v1/grids/export").body().get("features");
        assertThat(exported).hasSize(1);
        assertThat(exported.get(0).get("properties").get("unitCode").asText()).isEqualTo("T-WP-" + n);
        assertThat(api.get(username, "/api/v1/grids/" + sibling.id().value()).status()).isEqualTo(404);
        JsonNode list = api.get(username, "/api/v1/grids").body();
        assertThat(GridScopeIntegrationTests.codes(list, "code")).containsExactly(own.code());
        // the sibling is there for whoever sits above: the rural central office's officer sees it
        assertThat(api.get("officer", "/api/v1/grids/" + sibling.id().value()).status()).isEqualTo(200);
    }

    @Test
    void theChiefPlacesAGridUnderItsWorkPointOverTheApiAuditedAndAUnitOutsideOrUnknownIsRefused() {
        Grid grid = jurisdictions.createGrid(village.id(), null, GridNetwork.POLICE, "IT-WPG-" + n, "网格" + n,
                square(0), null, null, null);
        JurisdictionApi api = new JurisdictionApi(http, jdbc);
        String path = "/api/v1/grids/" + grid.id().value() + "/unit";

        JurisdictionApi.Answer placed = api.call("chief", HttpMethod.PUT, path,
                java.util.Map.of("unitId", workPoint.id().value()), null);
        assertThat(placed.status()).isEqualTo(200);
        assertThat(placed.body().get("unit").get("code").asText()).isEqualTo("T-WP-" + n);
        assertThat(jurisdictions.grid(grid.id()).orElseThrow().unitId()).isEqualTo(workPoint.id());
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'grid' AND action = 'UPDATE' AND record_id = ?
                  AND actor = 'chief'""").param(grid.id().value().toString()).query(Long.class).single()).isEqualTo(1);

        // a unit outside the village's unit, in Chinese and in English; nothing moves
        JurisdictionApi.Answer outside = api.call("chief", HttpMethod.PUT, path,
                java.util.Map.of("unitId", stray.id().value()), null);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body().toString()).contains("网格只能设在其社区（村）所属单位或其下级单位");
        assertThat(api.call("chief", HttpMethod.PUT, path, java.util.Map.of("unitId", stray.id().value()), "en").body()
                .toString()).contains("a grid can only be placed at its community's unit or below it");
        // a unit of another station, or none, is as unknown
        UUID urban = jurisdictions.unitByCode("320722020100").orElseThrow().id().value();
        JurisdictionApi.Answer unknown = api.call("chief", HttpMethod.PUT, path, java.util.Map.of("unitId", urban), null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().toString()).contains("单位不存在或不在您的辖区内");
        assertThat(api.call("chief", HttpMethod.PUT, path, java.util.Map.of(), null).status()).isEqualTo(400);
        assertThat(jurisdictions.grid(grid.id()).orElseThrow().unitId()).isEqualTo(workPoint.id());

        // another station's chief does not find the grid; an officer may not place grids
        assertThat(api.call("officer2", HttpMethod.PUT, path, java.util.Map.of("unitId", workPoint.id().value()), null)
                .status()).isIn(403, 404);
        assertThat(api.call("officer", HttpMethod.PUT, path, java.util.Map.of("unitId", workstation.id().value()), null)
                .status()).isEqualTo(403);
    }

    @Test
    void theTreeCountsAGridOnceAtTheUnitItIsPlacedAtAndTheCountsAddUpToTheGrids() {
        jurisdictions.createGrid(village.id(), workPoint.id(), GridNetwork.POLICE, "IT-WPG-" + n, "网格" + n, square(0),
                null, null, null);
        jurisdictions.createGrid(village.id(), null, GridNetwork.POLICE, "IT-WPS-" + n, "邻格" + n, square(0.004),
                null, null, null);
        JurisdictionApi api = new JurisdictionApi(http, jdbc);
        JsonNode units = api.get("officer", "/api/v1/units").body();
        JsonNode atWorkstation = null;
        JsonNode atWorkPoint = null;
        long sum = 0;
        for (JsonNode u : units) {
            sum += u.get("grids").asLong();
            if (u.get("code").asText().equals(workstation.code())) {
                atWorkstation = u;
            } else if (u.get("code").asText().equals(workPoint.code())) {
                atWorkPoint = u;
            }
        }
        // the workstation answers for the village and both its grids; the work point is not counted again
        assertThat(atWorkstation.get("communities").asLong()).isEqualTo(1);
        assertThat(atWorkstation.get("grids").asLong()).isEqualTo(2);
        assertThat(atWorkPoint.get("communities").asLong()).isZero();
        assertThat(atWorkPoint.get("grids").asLong()).isZero();
        // over the officer's whole tree, each grid in use he sees is counted once (one another test retired is in
        // no count of the tree)
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        assertThat(sum).isEqualTo(jdbc.sql("SELECT count(*) FROM grid g JOIN unit u ON u.id = g.unit_id "
                + "WHERE u.path LIKE ? AND g.retired_at IS NULL")
                .param(office.path() + "%").query(Long.class).single());
    }
}
