package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The select of a grid's unit on its page offers the units the grid may sit at (ADR 10): its community's unit, and the
 * units under it that answer for no other grid or community (its own work point, a free one); not the work point of
 * every grid under a central office over several villages. The server refuses the others, on the page and the API,
 * in the reader's language, and the grid stays where it is.
 *
 * <p>The fixture is this test's own: under the rural central office a workstation over a village of two grids (A and
 * B, each at its work point) and another village (grid C at its work point), a free work point under the workstation,
 * and a stray work point beside it under the office.
 */
class GridPlacementChoicesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate http;

    String n;
    Unit workstation;
    Unit free;
    Unit stray;
    Grid a;
    Grid b;
    Grid c;

    @BeforeEach
    void setUp() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        workstation = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "T-PCW-" + n, "选项工作站" + n, null);
        free = jurisdictions.createUnit(workstation.id(), UnitKind.WORK_POINT, "T-PCF-" + n, "空闲工作点" + n, null);
        stray = jurisdictions.createUnit(office.id(), UnitKind.WORK_POINT, "T-PCX-" + n, "别处工作点" + n, null);
        Community village = jurisdictions.createCommunity(workstation.id(), CommunityKind.VILLAGE, "T-PCV-" + n,
                "选项村" + n, null, null, null);
        Community other = jurisdictions.createCommunity(workstation.id(), CommunityKind.VILLAGE, "T-PCO-" + n,
                "邻村" + n, null, null, null);
        double lon = 87 + new Random().nextInt(400) / 100.0;
        a = jurisdictions.setUpWorkPoint(grid(village, "IT-PCA-" + n, "选项村第1网格" + n, lon).id());
        b = jurisdictions.setUpWorkPoint(grid(village, "IT-PCB-" + n, "选项村第2网格" + n, lon + 0.004).id());
        c = jurisdictions.setUpWorkPoint(grid(other, "IT-PCC-" + n, "邻村第1网格" + n, lon + 0.008).id());
    }

    Grid grid(Community community, String code, String name, double lon) {
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,46],[%s,46],[%s,46.004],[%s,46.004],[%s,46]]]}"
                .formatted(lon, lon + 0.004, lon + 0.004, lon, lon);
        return jurisdictions.createGrid(community.id(), GridNetwork.POLICE, code, name, square, null, null, null);
    }

    UUID unitOf(Grid g) {
        return jurisdictions.grid(g.id()).orElseThrow().unitId().value();
    }

    record Option(String value, String label, boolean selected) {
    }

    /** The options of the unit select on the grid's page, as the chief reads it. */
    static List<Option> options(ApiClient chief, UUID grid, String language) {
        String page = chief.get("/grids/" + grid + (language == null ? "" : "?lang=" + language), null).body();
        String select = page.substring(page.indexOf("id=\"unit-form\""));
        select = select.substring(0, select.indexOf("</select>"));
        List<Option> options = new ArrayList<>();
        Matcher m = Pattern.compile("<option([^>]*)>([^<]*)</option>").matcher(select);
        while (m.find()) {
            Matcher value = Pattern.compile("value=\"([^\"]+)\"").matcher(m.group(1));
            assertThat(value.find()).as(m.group()).isTrue();
            options.add(new Option(value.group(1), m.group(2).strip(), m.group(1).contains("selected")));
        }
        return options;
    }

    @Test
    void theSelectOffersTheVillagesUnitTheGridsOwnWorkPointAndAFreeOneWithReadableLabels() {
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        Unit own = jurisdictions.unitByCode(Jurisdictions.workPointCode(a.code())).orElseThrow();
        List<Option> zh = options(chief, a.id().value(), null);
        assertThat(zh).extracting(Option::value).containsExactly(workstation.id().value().toString(),
                own.id().value().toString(), free.id().value().toString());
        assertThat(zh).extracting(Option::label).containsExactly(
                "选项工作站" + n + "（选项村" + n + "所属单位）",
                "选项村第1网格" + n + "警务工作点（本网格）",
                "空闲工作点" + n + "（" + free.code() + "）");
        assertThat(zh).filteredOn(Option::selected).extracting(Option::value).containsExactly(own.id().value().toString());
        List<Option> en = options(chief, a.id().value(), "en");
        assertThat(en).extracting(Option::label).first().asString().endsWith("(the unit of 选项村" + n + ")");
        assertThat(en.get(1).label()).endsWith("(this grid&#39;s own)");
    }

    @Test
    void aDemoGridOfAVillageUnderTheCentralOfficeIsNotOfferedTheOtherGridsWorkPoints() {
        UUID demo = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-01'").query(UUID.class).single();
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        List<Option> options = options(chief, demo, null);
        // in the tree's order; other tests' free units under the office may stand between them in a suite's database
        assertThat(options).extracting(Option::label).first().isEqualTo("房山中心警务室（吴场村所属单位）");
        assertThat(options).extracting(Option::label).contains("吴场村第1网格警务工作点（本网格）");
        // no other grid's work point of 吴场村 or of the four villages beside it (65 grids under the office)
        assertThat(options).extracting(Option::label).noneMatch(l -> l.matches(".*村第\\d+网格警务工作点.*")
                && !l.startsWith("吴场村第1网格警务工作点"));
        List<String> taken = jdbc.sql("""
                SELECT u.id::text FROM unit u JOIN grid g ON g.unit_id = u.id
                WHERE u.kind = 'WORK_POINT' AND g.code <> 'FS-1-01'""").query(String.class).list();
        assertThat(options).extracting(Option::value).doesNotContainAnyElementsOf(taken);
    }

    Map<String, String> form(ApiClient chief, UUID unit) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("unitId", unit.toString());
        form.put("_csrf", chief.csrfFrom("/units"));
        return form;
    }

    @Test
    void anotherGridsWorkPointOrAnotherVillagesIsRefusedOnThePageAndTheApiAndTheGridStays() {
        UUID before = unitOf(a);
        UUID pointOfB = unitOf(b);
        UUID pointOfC = unitOf(c);
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        assertThat(chief.form("/grids/" + a.id().value() + "/unit", form(chief, pointOfB)).statusCode()).isEqualTo(302);
        assertThat(chief.get("/grids/" + a.id().value(), null).body()).contains("<li>单位“选项村第2网格" + n
                + "警务工作点”已是别的网格的警务工作点或别的社区（村）的单位，不能设为“选项村第1网格" + n
                + "”的所属单位：请选择“选项村" + n + "”所属单位或本网格的警务工作点</li>");
        assertThat(unitOf(a)).isEqualTo(before);

        JurisdictionApi api = new JurisdictionApi(http, jdbc);
        String path = "/api/v1/grids/" + a.id().value() + "/unit";
        for (UUID taken : List.of(pointOfB, pointOfC)) {
            JurisdictionApi.Answer zh = api.call("chief", HttpMethod.PUT, path, Map.of("unitId", taken), null);
            assertThat(zh.status()).isEqualTo(400);
            assertThat(zh.body().get("errors").findValuesAsText("field")).containsExactly("unitId");
            assertThat(zh.body().toString()).contains("已是别的网格的警务工作点或别的社区（村）的单位");
        }
        JurisdictionApi.Answer en = api.call("chief", HttpMethod.PUT, path, Map.of("unitId", pointOfC), "en");
        assertThat(en.body().toString()).contains("The unit 邻村第1网格" + n + "警务工作点 is another grid's work point or "
                + "another community's unit, so 选项村第1网格" + n + " cannot be placed there");
        assertThat(unitOf(a)).isEqualTo(before);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'grid' AND action = 'UPDATE' AND record_id = ?
                  AND actor = 'chief'""").param(a.id().value().toString()).query(Long.class).single()).isZero();

        // what the select offers goes through: the free work point, the village's unit, and back to its own point
        for (UUID offered : List.of(free.id().value(), workstation.id().value(), before)) {
            assertThat(api.call("chief", HttpMethod.PUT, path, Map.of("unitId", offered), null).status()).isEqualTo(200);
            assertThat(unitOf(a)).isEqualTo(offered);
        }
        // the unit outside the village's unit is refused as before
        assertThat(api.call("chief", HttpMethod.PUT, path, Map.of("unitId", stray.id().value()), null).status())
                .isEqualTo(400);
    }
}
