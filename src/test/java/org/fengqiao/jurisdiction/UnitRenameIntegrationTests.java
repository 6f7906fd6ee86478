package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A unit renamed after a reorganisation (派出所更名): by whoever sits above it, on the tree page or through the API; the
 * records that name it show the new name, the audit trail keeps what it said. Each test renames a workstation of its
 * own under the rural central office.
 */
class UnitRenameIntegrationTests extends IntegrationTest {

    static final String RURAL_OFFICE = "320722010100";
    static final String RURAL_STATION = "320722010000";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    JurisdictionApi api;
    TreeFixtures tree;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        tree = new TreeFixtures(jurisdictions, jdbc);
    }

    Unit workstation(String name) {
        return jurisdictions.createUnit(tree.unit(RURAL_OFFICE).id(), UnitKind.WORKSTATION,
                "IT-RN-" + TreeFixtures.unique(), name, null);
    }

    JurisdictionApi.Answer rename(String username, Unit unit, String name, String language) {
        return api.call(username, HttpMethod.PUT, "/api/v1/units/" + unit.id() + "/name",
                name == null ? Map.of() : Map.of("name", name), language);
    }

    String nameOf(Unit unit) {
        return jurisdictions.unit(unit.id()).orElseThrow().name();
    }

    @Test
    void aRenamedUnitIsShownByItsNewNameInItsRecordsWhileTheAuditTrailKeepsTheOldOne() {
        String n = TreeFixtures.unique();
        Unit ws = workstation("更名前工作站" + n);
        Community village = tree.village(ws, "IT-RN-V-", "更名村");
        Grid grid = tree.grid(village, null, "IT-RN-G-", "更名网格");
        UUID incident = tree.openIncident(grid, ws, tree.staffId("officer"), "RECEIVED");

        JurisdictionApi.Answer renamed = rename("bureau", ws, "  更名后工作站" + n + " ", null);
        assertThat(renamed.status()).as(String.valueOf(renamed.body())).isEqualTo(200);
        assertThat(renamed.body().get("name").asText()).isEqualTo("更名后工作站" + n);

        assertThat(api.get("bureau", "/api/v1/units/" + ws.id()).body().get("unit").get("name").asText())
                .isEqualTo("更名后工作站" + n);
        assertThat(api.get("officer", "/api/v1/incidents/" + incident).body().get("incident").get("ownerUnitName").asText())
                .isEqualTo("更名后工作站" + n);
        org.fengqiao.account.ApiClient bureau = new org.fengqiao.account.ApiClient(port)
                .signedIn("bureau", DEMO_PASSWORD, null);
        assertThat(bureau.get("/units", null).body()).contains("更名后工作站" + n).doesNotContain("更名前工作站" + n);
        // the entry of its creation still says what it said; the rename is an entry of its own, with both names
        assertThat(jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE record_type = 'unit' AND action = 'CREATE' AND record_id = ?""")
                .param(ws.id().value().toString()).query(String.class).single()).contains("更名前工作站" + n);
        assertThat(jdbc.sql("""
                SELECT before::text || after::text FROM audit_entry
                WHERE record_type = 'unit' AND action = 'UPDATE' AND record_id = ?""")
                .param(ws.id().value().toString()).query(String.class).single())
                .contains("更名前工作站" + n, "更名后工作站" + n);
    }

    @Test
    void aBlankTooLongOrSiblingsNameIsRefusedInTheCallersLanguageChangingNothing() {
        String n = TreeFixtures.unique();
        Unit ws = workstation("原名工作站" + n);
        workstation("同名工作站" + n);

        JurisdictionApi.Answer blank = rename("bureau", ws, "   ", null);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().toString()).contains("必填");
        JurisdictionApi.Answer missing = rename("bureau", ws, null, "en");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().toString()).contains("Required");
        JurisdictionApi.Answer longName = rename("bureau", ws, "长".repeat(101), null);
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.body().toString()).contains("单位名称不能超过 100 个字");
        JurisdictionApi.Answer sibling = rename("bureau", ws, "同名工作站" + n, null);
        assertThat(sibling.status()).isEqualTo(400);
        assertThat(sibling.body().toString()).contains("同一上级单位下已有名为“同名工作站" + n + "”的单位");
        JurisdictionApi.Answer english = rename("bureau", ws, "同名工作站" + n, "en");
        assertThat(english.body().toString()).contains("Another unit under the same parent is already named");
        assertThat(nameOf(ws)).isEqualTo("原名工作站" + n);
    }

    @Test
    void aUnitOutsideTheCallersTreeIsNotFoundAndTheTopOfHisOwnIsNotHisToRename() {
        Unit urban = tree.unit("320722020100");
        assertThat(rename("chief", urban, "别人的工作站", null).status()).isEqualTo(404);
        assertThat(nameOf(urban)).isNotEqualTo("别人的工作站");
        Unit station = tree.unit(RURAL_STATION);
        JurisdictionApi.Answer top = rename("chief", station, "自己的派出所", null);
        assertThat(top.status()).isEqualTo(400);
        assertThat(top.body().toString()).contains("是您辖区的最上级单位，不能由您更名");
        assertThat(nameOf(station)).isNotEqualTo("自己的派出所");
        // within his tree he renames
        Unit ws = workstation("所长更名前" + TreeFixtures.unique());
        assertThat(rename("chief", ws, ws.name() + "新", null).status()).isEqualTo(200);
    }

    @Test
    void theBureauRenamesOnTheTreePageAndIsToldWhyNotInHisLanguage() {
        String n = TreeFixtures.unique();
        Unit ws = workstation("页面更名前" + n);
        workstation("页面同名" + n);
        org.fengqiao.account.ApiClient bureau = new org.fengqiao.account.ApiClient(port)
                .signedIn("bureau", DEMO_PASSWORD, null);
        assertThat(bureau.get("/units", null).body()).contains("id=\"rename-unit-form\"");

        bureau.form("/units/rename?lang=en", Map.of("unitId", ws.id().toString(), "name", "页面同名" + n,
                "_csrf", bureau.csrfFrom("/units")));
        assertThat(bureau.get("/units", null).body()).contains("Another unit under the same parent is already named");
        assertThat(nameOf(ws)).isEqualTo("页面更名前" + n);
        bureau.form("/units/rename?lang=zh-CN", Map.of("unitId", ws.id().toString(), "name", "页面更名后" + n,
                "_csrf", bureau.csrfFrom("/units")));
        assertThat(bureau.get("/units", null).body()).contains("单位已更名", "页面更名后" + n);
        assertThat(nameOf(ws)).isEqualTo("页面更名后" + n);
    }
}
