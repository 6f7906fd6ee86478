package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.internal.GridChanges;
import org.fengqiao.platform.Caller;
import org.fengqiao.population.internal.Housing;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the other modules keep in a grid holds it in use as the places and people do: a fixed post, a forces member
 * still serving, an open dispute case, an open recovery file, a building and an organisation each keep a grid from
 * being retired (counted, with where to move them and the hand-over that moves them all at once), each moves with a
 * hand-over to another grid of the village, and each is filed at the very moment of a retirement without passing it.
 */
class GridHoldingsIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    GridChanges changes;
    @Autowired
    Housing housing;
    @Autowired
    StaffDirectory staff;

    JurisdictionApi api;
    Race race;
    String n;
    Unit office;
    Community village;
    Grid old;
    Grid target;
    Caller chief;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        race = new Race(jdbc, transactions);
        n = TreeFixtures.unique();
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        office = tree.unit("320722010100");
        village = tree.village(office, "T-GK-", "占用村");
        old = tree.grid(village, null, "IT-GK-", "占用网格");
        target = tree.grid(village, null, "IT-GT-", "接收网格");
        chief = new Caller(UUID.randomUUID(), "gk" + n, "所长", "STATION_CHIEF", List.of(office.path()), Set.of());
    }

    UUID staffId(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    JsonNode file(String url, Map<String, Object> body) {
        JurisdictionApi.Answer a = api.call("chief", HttpMethod.POST, url, body, null);
        assertThat(a.status()).as(url + " " + a.body()).isEqualTo(201);
        return a.body();
    }

    static Map<String, Object> in(Grid grid, Object... fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid.id().value().toString());
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    Map<String, Object> post(Grid grid) {
        return in(grid, "name", "岗点" + n, "place", "村口");
    }

    Map<String, Object> dispute(Grid grid) {
        return in(grid, "origin", "WALK_IN", "kind", "NEIGHBOURS", "summary", "邻里纠纷" + n, "parties",
                List.of(Map.of("name", "甲" + n), Map.of("name", "乙" + n)), "team",
                List.of(Map.of("staffId", staffId("officer").toString(), "role", "OFFICER")));
    }

    Map<String, Object> recoveryFile(Grid grid) {
        return in(grid, "caseNumber", "追-" + n, "title", "入室盗窃" + n, "ownerId", staffId("officer").toString());
    }

    /** Everything this test puts in the grid: a post, a member, a case, a file, a building and an organisation. */
    void fill(Grid grid) {
        file("/api/v1/forces/posts", post(grid));
        UUID member = staff.register(office.id(), StaffRole.VOLUNTEER, "队员" + n, null, null, "志愿者", "gk" + n,
                DEMO_PASSWORD).id().value();
        JurisdictionApi.Answer profile = api.call("chief", HttpMethod.PUT, "/api/v1/forces/members/" + member,
                in(grid, "status", "ACTIVE"), null);
        assertThat(profile.status()).as(String.valueOf(profile.body())).isEqualTo(200);
        file("/api/v1/mediation/cases", dispute(grid));
        file("/api/v1/recovery/files", recoveryFile(grid));
        file("/api/v1/buildings", in(grid, "name", n + "号楼", "floors", 3, "units", 1, "roomsPerFloor", 2));
        file("/api/v1/organisations", in(grid, "name", "小卖部" + n, "kind", "SHOP"));
    }

    /** The grid's records of each kind this test files, in the order above. */
    String held(Grid grid) {
        UUID id = grid.id().value();
        StringBuilder counts = new StringBuilder();
        for (String table : List.of("force_post", "force_member", "dispute_case", "recovery_file", "building",
                "organisation")) {
            counts.append(counts.isEmpty() ? "" : "/").append(jdbc.sql("SELECT count(*) FROM " + table
                    + " WHERE grid_id = ?").param(id).query(Long.class).single());
        }
        return counts.toString();
    }

    boolean retired(Grid grid) {
        return jdbc.sql("SELECT retired_at IS NOT NULL FROM grid WHERE id = ?").param(grid.id().value())
                .query(Boolean.class).single();
    }

    String retirement(Grid grid) {
        return "/api/v1/grids/" + grid.id().value() + "/retirement";
    }

    @Test
    void aGridHoldingTheOtherModulesRecordsIsRefusedWithEachCountedAndTheHandOverMovesThemAll() {
        fill(old);
        assertThat(held(old)).isEqualTo("1/1/1/1/1/1");

        JurisdictionApi.Answer zh = api.call("chief", HttpMethod.POST, retirement(old), null, null);
        assertThat(zh.status()).as(String.valueOf(zh.body())).isEqualTo(400);
        assertThat(zh.body().get("title").asText()).contains("移交至网格");
        String code = old.code();
        assertThat(zh.body().get("errors").findValuesAsText("message")).containsExactly(
                "网格 " + code + " 中还有 1 栋楼栋：随其地址在“核对地址归属”页移到所在网格",
                "网格 " + code + " 中还有 1 个单位：在单位页改选其地址或网格，或随其地址在“核对地址归属”页移到所在网格",
                "网格 " + code + " 中还有 1 件未结案的矛盾纠纷：调解结案后再撤销",
                "网格 " + code + " 中还有 1 件未结的追赃挽损案卷：结卷后再撤销",
                "网格 " + code + " 中还有 1 名在册的群防群治队员：在其队员档案中改选网格，或登记离队",
                "网格 " + code + " 中还有 1 个固定岗点：在岗点页改选网格",
                "也可在网格 " + code + " 页面的“移交至网格”把以上记录全部一次移交给“" + village.name()
                        + "”的另一网格，并撤销本网格");
        JurisdictionApi.Answer en = api.call("chief", HttpMethod.POST, retirement(old), null, "en");
        assertThat(en.body().get("errors").findValuesAsText("message")).contains(
                "Grid " + code + " still has 1 fixed post: choose another grid on the post's form",
                "Or use \"Hand over to grid\" on the page of grid " + code + ": it moves all of the above at once to "
                        + "another grid of " + village.name() + " and retires this grid");
        assertThat(retired(old)).isFalse();

        JurisdictionApi.Answer done = api.call("chief", HttpMethod.POST, "/api/v1/grids/" + old.id().value()
                + "/handover", Map.of("targetGridId", target.id().value().toString()), null);

        assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(200);
        JsonNode moved = done.body().get("moved");
        for (String kind : List.of("forcePosts", "forceMembers", "openDisputeCases", "openRecoveryFiles", "buildings",
                "organisations")) {
            assertThat(moved.get(kind).asLong()).as(kind).isEqualTo(1);
        }
        assertThat(retired(old)).isTrue();
        assertThat(held(old)).isEqualTo("0/0/0/0/0/0");
        assertThat(held(target)).isEqualTo("1/1/1/1/1/1");
    }

    @Test
    void aPostACaseAFileAnOrganisationAndABuildingFiledWhileTheGridIsBeingRetiredWaitForItAndAreRefused() {
        String refusal = "网格“" + old.name() + "”（" + old.code() + "）已撤销，不能再向其中登记或移入记录，请另选网格";
        Map<String, Map<String, Object>> filings = new java.util.LinkedHashMap<>();
        filings.put("/api/v1/forces/posts", post(old));
        filings.put("/api/v1/mediation/cases", dispute(old));
        filings.put("/api/v1/recovery/files", recoveryFile(old));
        filings.put("/api/v1/organisations", in(old, "name", "小卖部" + n, "kind", "SHOP"));
        filings.put("/api/v1/buildings", in(old, "name", n + "号楼", "floors", 3, "units", 1, "roomsPerFloor", 2));
        // the grid is retired by the first race; each later one holds the retired grid's row as a retirement would
        boolean first = true;
        for (Map.Entry<String, Map<String, Object>> filing : filings.entrySet()) {
            Runnable winner = first ? () -> changes.retire(old.id(), chief)
                    : () -> jdbc.sql("SELECT id FROM grid WHERE id = ? FOR UPDATE").param(old.id().value())
                            .query(UUID.class).single();
            first = false;
            JurisdictionApi.Answer answer = race.run(winner,
                    () -> api.call("chief", HttpMethod.POST, filing.getKey(), filing.getValue(), null));

            assertThat(answer.status()).as(filing.getKey() + " " + answer.body()).isEqualTo(400);
            assertThat(answer.body().get("errors").findValuesAsText("message")).as(filing.getKey()).contains(refusal);
        }
        assertThat(retired(old)).isTrue();
        assertThat(held(old)).isEqualTo("0/0/0/0/0/0");
    }

    @Test
    void aGridRetiredWhileABuildingIsBeingRegisteredThereWaitsAndIsRefusedWithItCounted() {
        JurisdictionApi.Answer answer = race.run(() -> housing.createBuilding(new Housing.NewBuilding(
                old.id().value(), n + "号楼", 3, 1, 2, null), chief),
                () -> api.call("chief", HttpMethod.POST, retirement(old), null, null));

        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(400);
        assertThat(answer.body().get("errors").findValuesAsText("message"))
                .contains("网格 " + old.code() + " 中还有 1 栋楼栋：随其地址在“核对地址归属”页移到所在网格");
        assertThat(retired(old)).isFalse();
        assertThat(held(old)).isEqualTo("0/0/0/0/1/0");
    }
}
