package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A grid redrawn or merged away is retired by the station chief: refused while records still lie in it (each kind
 * counted, with where to move it), retired when empty, kept with its records but out of the forms, the map and locate.
 */
class GridRetirementIntegrationTests extends IntegrationTest {

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
    String n;
    Unit office;
    Community village;
    /** Each test's own spot south of the demo district (lat 34.27–34.29), apart from the other tests' grids. */
    double lon;
    double lat = 34.27;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        n = TreeFixtures.unique();
        tree = new TreeFixtures(jurisdictions, jdbc);
        office = tree.unit("320722010100");
        village = tree.village(office, "T-RET-", "撤销测试村");
        lon = TreeFixtures.lonSouthOfTheDistrict();
    }

    Grid grid(String code, double offset) {
        return tree.gridAt(village, code, "撤销测试网格" + n, lon + offset, lat);
    }

    String locate(double offset) {
        return "/api/v1/grids/locate?lat=" + (lat + 0.002) + "&lon=" + (lon + offset + 0.002);
    }

    String retirement(Object id) {
        return "/api/v1/grids/" + id + "/retirement";
    }

    String page(String user, String url) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token(user));
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        return http.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
    }

    @Test
    void anEmptyGridIsRetiredNotDeletedAuditedAndLeavesTheFormsTheMapAndLocate() {
        Grid grid = grid("IT-RET-" + n, 0);
        UUID id = grid.id().value();
        assertThat(api.get("chief", locate(0)).status()).isEqualTo(200);

        JurisdictionApi.Answer retired = api.call("chief", HttpMethod.POST, retirement(id), null, null);
        assertThat(retired.status()).as(String.valueOf(retired.body())).isEqualTo(200);
        assertThat(retired.body().get("retiredAt").isNull()).isFalse();

        // kept with its record: its page and the API still show it, retired, and old records still find it
        assertThat(jdbc.sql("SELECT count(*) FROM grid WHERE id = ? AND retired_at IS NOT NULL").param(id)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(api.get("chief", "/api/v1/grids/" + id).body().get("code").asText()).isEqualTo("IT-RET-" + n);
        assertThat(jurisdictions.grid(grid.id())).isPresent();
        assertThat(page("chief", "/grids/" + id)).contains("id=\"grid-retired\"").contains("本网格已于")
                .doesNotContain("id=\"retire-form\"");
        // out of locate, the forms' choices, the grid list and the map's export
        assertThat(api.get("chief", locate(0)).status()).isEqualTo(404);
        Caller chiefOfTheOffice = new Caller(UUID.randomUUID(), "ret" + n, "所长", "STATION_CHIEF",
                List.of(office.path()), Set.of());
        assertThat(jurisdictions.visibleGrids(chiefOfTheOffice)).extracting(Grid::code).doesNotContain("IT-RET-" + n);
        assertThat(api.get("chief", "/api/v1/grids").body().findValuesAsText("code")).doesNotContain("IT-RET-" + n);
        assertThat(api.get("chief", "/api/v1/grids/export").body().get("features").findValuesAsText("code"))
                .doesNotContain("IT-RET-" + n);
        // audited once, before and after
        List<String> after = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE record_type = 'grid' AND record_id = ? AND action = 'UPDATE'
                ORDER BY at DESC""").param(id.toString()).query(String.class).list();
        assertThat(after).hasSize(1);
        assertThat(after.get(0)).contains("retiredAt");

        // once retired it stays so; its code stays taken, and its ground is free for the grid that took it over
        assertThat(api.call("chief", HttpMethod.POST, retirement(id), null, null).status()).isEqualTo(409);
        String over = GridImportIntegrationTests.collection(
                GridImportPolicyTests.feature("IT-RET-" + n, village.code(), GridImportPolicyTests.square(lon, lat, 0.004)));
        JurisdictionApi.Answer sameCode = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", over, null);
        assertThat(sameCode.status()).isEqualTo(400);
        assertThat(sameCode.body().get("errors").findValuesAsText("message")).containsExactly("第 1 个要素（网格 IT-RET-"
                + n + "）：该编码属于已撤销的网格，不能再用于导入或修改边界，请另取编码");
        JurisdictionApi.Answer merged = api.call("chief", HttpMethod.POST, "/api/v1/grids/import",
                GridImportIntegrationTests.collection(GridImportPolicyTests.feature("IT-RETM-" + n, village.code(),
                        GridImportPolicyTests.square(lon - 0.001, lat - 0.001, 0.006))), null);
        assertThat(merged.status()).as(String.valueOf(merged.body())).isEqualTo(200);
        assertThat(api.get("chief", locate(0)).body().get("grids").get(0).get("code").asText())
                .isEqualTo("IT-RETM-" + n);
        // the merged grid is empty too: retired, it leaves the spot free for this test's next run
        UUID mergedId = UUID.fromString(merged.body().get("grids").get(0).get("id").asText());
        assertThat(api.call("chief", HttpMethod.POST, retirement(mergedId), null, null).status()).isEqualTo(200);
    }

    @Test
    void aGridWithRecordsInItIsRefusedWithWhatIsLeftCountedInChineseAndEnglishAndNothingChanges() {
        UUID id = api.gridId("FS-1-01");
        long addresses = count("SELECT count(*) FROM address WHERE grid_id = ?", id);
        long persons = count("SELECT count(*) FROM person WHERE grid_id = ? AND residence <> 'LEFT'", id);
        long open = count("SELECT count(*) FROM incident WHERE grid_id = ? AND status NOT IN ('ANSWERED', 'MERGED')", id);
        long roster = count("SELECT count(*) FROM grid_role WHERE grid_id = ? AND ended_on IS NULL", id);
        long buildings = count("SELECT count(*) FROM building WHERE grid_id = ?", id);
        long organisations = count("SELECT count(*) FROM organisation WHERE grid_id = ?", id);
        long rentals = count("SELECT count(*) FROM rental WHERE grid_id = ? AND (contract_to IS NULL OR contract_to >= "
                + "(now() AT TIME ZONE 'Asia/Shanghai')::date)", id);
        long cases = count("SELECT count(*) FROM dispute_case WHERE grid_id = ? AND status = 'OPEN'", id);
        long files = count("SELECT count(*) FROM recovery_file WHERE grid_id = ? AND status = 'OPEN'", id);
        long members = count("SELECT count(*) FROM force_member WHERE grid_id = ? AND status <> 'LEFT'", id);
        long posts = count("SELECT count(*) FROM force_post WHERE grid_id = ?", id);
        String villageName = jdbc.sql("SELECT c.name FROM grid g JOIN community c ON c.id = g.community_id WHERE g.id = ?")
                .param(id).query(String.class).single();
        assertThat(addresses).isPositive();
        assertThat(roster).isPositive();
        String before = api.gridTable();

        JurisdictionApi.Answer zh = api.call("chief", HttpMethod.POST, retirement(id), null, null);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.body().get("title").asText()).isEqualTo("网格未撤销：其中还有记录。可在本网格页的“移交至网格”"
                + "把全部记录一次移交给同一社区/村的另一网格并撤销本网格，或按下列提示逐项移走");
        List<String> expected = new ArrayList<>();
        expected.add("网格 FS-1-01 中还有 " + addresses + " 个地址：先把本网格的地盘划入相邻网格（修改边界），"
                + "再在本网格的“核对地址归属”页把地址连同楼栋、住户和人员移到所在网格");
        if (persons > 0) {
            expected.add("网格 FS-1-01 中还有 " + persons + " 名在住人员：随其地址在“核对地址归属”页移到所在网格，或登记迁出");
        }
        if (buildings > 0) {
            expected.add("网格 FS-1-01 中还有 " + buildings + " 栋楼栋：随其地址在“核对地址归属”页移到所在网格");
        }
        if (organisations > 0) {
            expected.add("网格 FS-1-01 中还有 " + organisations + " 个单位：在单位页改选其地址或网格，或随其地址在“核对地址归属”页移到所在网格");
        }
        if (rentals > 0) {
            expected.add("网格 FS-1-01 中还有 " + rentals + " 处在租的出租房屋：随其地址在“核对地址归属”页移到所在网格，或登记合同到期");
        }
        if (open > 0) {
            expected.add("网格 FS-1-01 中还有 " + open + " 件未办结的警情：办结并答复群众后再撤销");
        }
        if (cases > 0) {
            expected.add("网格 FS-1-01 中还有 " + cases + " 件未结案的矛盾纠纷：调解结案后再撤销");
        }
        if (files > 0) {
            expected.add("网格 FS-1-01 中还有 " + files + " 件未结的追赃挽损案卷：结卷后再撤销");
        }
        expected.add("网格 FS-1-01 中还有 " + roster + " 名在任的五级网格人员：在本页“五级网格人员”中为其卸任，再到新网格任职");
        if (members > 0) {
            expected.add("网格 FS-1-01 中还有 " + members + " 名在册的群防群治队员：在其队员档案中改选网格，或登记离队");
        }
        if (posts > 0) {
            expected.add("网格 FS-1-01 中还有 " + posts + " 个固定岗点：在岗点页改选网格");
        }
        // and, last, the way to move it all at once
        expected.add("也可在网格 FS-1-01 页面的“移交至网格”把以上记录全部一次移交给“" + villageName + "”的另一网格，并撤销本网格");
        assertThat(zh.body().get("errors").findValuesAsText("message")).containsExactlyElementsOf(expected);

        JurisdictionApi.Answer en = api.call("chief", HttpMethod.POST, retirement(id), null, "en");
        assertThat(en.body().get("title").asText()).isEqualTo("The grid was not retired: records still lie in it. "
                + "\"Hand over to grid\" on this grid's page moves them all at once to another grid of the same "
                + "community (village) and retires this grid; or move them one by one as listed");
        List<String> english = en.body().get("errors").findValuesAsText("message");
        assertThat(english.get(0)).startsWith("Grid FS-1-01 still holds " + addresses + " addresses: ");
        assertThat(english).contains(String.format(Locale.ROOT,
                "Grid FS-1-01 still has %d roster place%s held: end them in the grid roster on this page, then assign "
                        + "the people to the new grid", roster, roster == 1 ? "" : "s"));
        assertThat(english.get(english.size() - 1)).isEqualTo("Or use \"Hand over to grid\" on the page of grid "
                + "FS-1-01: it moves all of the above at once to another grid of " + villageName + " and retires this grid");
        assertThat(api.gridTable()).isEqualTo(before);
    }

    @Test
    void theGridPageRefusingARetirementPointsToItsOwnHandoverFormInChineseAndEnglish() {
        Grid held = tree.grid(village, null, "IT-RETP-", "有人网格");
        tree.grid(village, null, "IT-RETT-", "接收网格");
        tree.person(held, "留住" + n);
        Grid alone = tree.grid(tree.village(office, "T-RETA-", "独格村"), null, "IT-RETA-", "独有网格");
        tree.person(alone, "独住" + n);
        String zhLine = "也可用本页下方的“移交至网格并撤销”：选择接收网格后提交，把以上记录全部一次移交给“" + village.name()
                + "”的另一网格，并撤销本网格";

        String zh = refusedOnItsPage(held, "zh-CN");
        assertThat(zh).contains("网格 " + held.code() + " 中还有 1 名在住人员").contains(zhLine)
                .doesNotContain("页面的“移交至网格”").contains("<a href=\"#handover\">转到本页的“移交至网格并撤销”</a>")
                .contains("id=\"handover\"");
        assertThat(refusedOnItsPage(held, "en")).contains("Or use &quot;Hand over to another grid and retire&quot; further down "
                + "this page: choose the receiving grid and submit, and all of the above moves at once to another grid of "
                + village.name() + " and this grid is retired").contains("href=\"#handover\"");
        // no other grid in its village: nothing to hand over to, so the page neither points to nor shows the form
        assertThat(refusedOnItsPage(alone, "zh-CN")).contains("网格 " + alone.code() + " 中还有 1 名在住人员")
                .doesNotContain("也可用本页下方").doesNotContain("href=\"#handover\"")
                .doesNotContain("id=\"handover-form\"");
        assertThat(jdbc.sql("SELECT count(*) FROM grid WHERE id IN (?, ?) AND retired_at IS NULL")
                .params(held.id().value(), alone.id().value()).query(Long.class).single()).isEqualTo(2);
    }

    /** The grid's page after its retirement was posted from it and refused, in the language. */
    String refusedOnItsPage(Grid grid, String language) {
        org.fengqiao.account.ApiClient chief = new org.fengqiao.account.ApiClient(port)
                .signedIn("chief", DEMO_PASSWORD, language);
        String page = "/grids/" + grid.id().value();
        java.net.http.HttpResponse<String> posted = chief.form(page + "/retire",
                java.util.Map.of("_csrf", chief.csrfFrom(page)), "Referer", "http://localhost:" + port + page);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        return chief.get(page, null).body();
    }

    @Test
    void aGridOutsideTheCallersJurisdictionIsNotFoundAndWithoutTheRightToManageItIsForbidden() {
        lat = 34.285;
        Grid grid = grid("IT-RETS-" + n, 0);
        String before = api.gridTable();
        // the rural chief manages his station's jurisdiction; the urban station's grid lies outside it
        assertThat(api.call("chief", HttpMethod.POST, retirement(api.gridId("NS-1-01")), null, null).status())
                .isEqualTo(404);
        assertThat(api.call("chief", HttpMethod.POST, retirement(UUID.randomUUID()), null, null).status())
                .isEqualTo(404);
        assertThat(api.call("officer", HttpMethod.POST, retirement(grid.id().value()), null, null).status())
                .isEqualTo(403);
        assertThat(api.gridTable()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT retired_at IS NULL FROM grid WHERE id = ?").param(grid.id().value())
                .query(Boolean.class).single()).isTrue();
    }

    long count(String sql, UUID grid) {
        return jdbc.sql(sql).param(grid).query(Long.class).single();
    }
}
