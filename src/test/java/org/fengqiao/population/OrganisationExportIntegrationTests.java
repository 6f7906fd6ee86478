package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The organisations and nine small places as an xlsx ledger: what the list shows for the same filters and no more
 * (another station's shops never), phones masked as the list masks them, the fire-safety state and last inspection,
 * in the reader's language; reached from the list page with its filters, and audited with its filters and count.
 */
class OrganisationExportIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    PlacesFixtures places;
    HousingFixtures fx;
    String word;
    LocalDate today;

    @BeforeEach
    void setUp() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        fx = places.fx;
        word = "台账" + UUID.randomUUID().toString().substring(0, 6);
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    JsonNode organisation(String user, String grid, String name, String smallPlace, UUID owner) {
        Map<String, Object> body = new HashMap<>();
        body.put("addressId", places.address(user, grid, "台账街" + UUID.randomUUID().toString().substring(0, 4)));
        body.put("name", name);
        if (smallPlace != null) {
            body.put("smallPlace", smallPlace);
        } else {
            body.put("kind", "FIRM");
        }
        body.put("phone", "0518-87654321");
        body.put("ownerPersonId", owner);
        HousingFixtures.Answer a = fx.call(user, "POST", "/api/v1/organisations", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return a.body();
    }

    String q() {
        return AddressApiIntegrationTests.enc(word);
    }

    @Test
    void anOfficerExportsTheFilteredSmallPlacesOfHisStationMaskedWithTheirFireSafety() throws Exception {
        PlacesFixtures.Person owner = places.person("officer", "FS-4-03", "台账主" + word.substring(2, 4),
                Residence.PERMANENT, null);
        JsonNode eatery = organisation("officer", "FS-4-03", word + "饭店", "EATERY", owner.id());
        organisation("officer", "FS-4-03", word + "加工厂", null, null);
        organisation("officer2", "NS-2-01", word + "旅馆", "HOTEL", null);
        LocalDate inspected = today.minusDays(3);
        assertThat(fx.call("officer", "POST", "/api/v1/organisations/" + eatery.get("id").asText() + "/inspections",
                Map.of("inspectedOn", inspected.toString(), "hazards", "灭火器过期",
                        "rectifyBy", today.plusDays(7).toString())).status()).isEqualTo(201);

        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        long seq = places.lastAuditSeq();
        HttpResponse<byte[]> file = api.download("/api/v1/organisations/export.xlsx?ninePlaces=true&q=" + q(), officer);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains(".xlsx");
        List<Map<String, String>> rows = ExportIntegrationTests.rows(file.body());
        // his small place only: not the firm (not one of the nine), not officer2's hotel
        assertThat(rows).hasSize(1);
        Map<String, String> row = rows.get(0);
        assertThat(row.get("名称")).isEqualTo(word + "饭店");
        assertThat(row.get("九小场所")).isEqualTo("小餐饮");
        assertThat(row.get("电话")).isEqualTo("051****4321");
        assertThat(row.get("业主（负责人）")).isEqualTo(owner.name());
        assertThat(row.get("业主电话")).matches(RentalApiIntegrationTests.MASKED_PHONE);
        assertThat(row.get("网格")).isEqualTo("FS-4-03");
        assertThat(row.get("消防安全")).isEqualTo("隐患待整改");
        assertThat(row.get("未整改隐患")).isEqualTo("1");
        assertThat(row.get("最近检查")).isEqualTo(inspected.toString());
        assertThat(String.join(",", row.values())).doesNotContain(owner.phone(), "0518-87654321");

        assertThat(jdbc.sql("""
                SELECT after->>'rows' FROM audit_entry
                WHERE seq > ? AND action = 'READ' AND record_type = 'organisation-export'
                  AND after->>'ninePlaces' = 'true' AND after->>'text' = ?""")
                .params(seq, word).query(String.class).list()).containsExactly("1");

        // the whole list of the same words: both of his, in English for a reader who asks for it
        List<Map<String, String>> english = ExportIntegrationTests.rows(api.download(
                "/api/v1/organisations/export.xlsx?q=" + q(), officer, "Accept-Language", "en").body());
        assertThat(english).extracting(r -> r.get("Name"))
                .containsExactlyInAnyOrder(word + "饭店", word + "加工厂");
        assertThat(english).extracting(r -> r.get("Fire safety")).contains("Hazard open");

        // officer2 exports his hotel and nothing of officer's station
        List<Map<String, String>> theirs = ExportIntegrationTests.rows(api.download(
                "/api/v1/organisations/export.xlsx?q=" + q(), api.token("officer2", DEMO_PASSWORD)).body());
        assertThat(theirs).extracting(r -> r.get("名称")).containsExactly(word + "旅馆");
        assertThat(api.download("/api/v1/organisations/export.xlsx", api.token("volunteer", DEMO_PASSWORD))
                .statusCode()).isEqualTo(403);
        assertThat(api.download("/api/v1/organisations/export.xlsx?kind=CASINO", officer).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theListPageLinksTheExportOfWhatItShows() {
        organisation("officer", "FS-4-03", word + "小店", "STORE", null);
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String page = browser.get("/organisations?smallPlace=ALL&fireSafety=NOT_INSPECTED&q=" + q(), null,
                "Accept", BROWSER).body();
        Matcher link = Pattern.compile("id=\"organisations-export\"[^>]*href=\"([^\"]+)\"").matcher(page);
        assertThat(link.find()).as(page).isTrue();
        String href = link.group(1).replace("&amp;", "&");
        // a page's link, with the session and the page's filters as the list names them (the API's answered a refusal
        // in JSON)
        assertThat(href).startsWith("/organisations/export.xlsx?").contains("smallPlace=ALL",
                "fireSafety=NOT_INSPECTED");
        HttpResponse<byte[]> file = browser.download(href, null, "Accept", BROWSER);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains(java.net.URLEncoder.encode(
                "实有单位台账", java.nio.charset.StandardCharsets.UTF_8));
        browser.languageCookie("en");
        assertThat(browser.download(href, null, "Accept", BROWSER, "Accept-Language", "zh-CN").headers()
                .firstValue("Content-Disposition").orElse("")).contains("organisations.xlsx");
        HttpResponse<byte[]> unknown = browser.download("/organisations/export.xlsx?kind=CASINO", null, "Accept",
                BROWSER);
        assertThat(unknown.statusCode()).as("a kind the list does not know, refused as the list refuses it")
                .isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("text/html");
        HttpResponse<byte[]> theirs = new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null).download(href,
                null, "Accept", BROWSER);
        assertThat(theirs.statusCode()).isEqualTo(200);
        List<Map<String, String>> rows;
        try {
            assertThat(ExportIntegrationTests.rows(theirs.body())).as("another station's officer: none of these")
                    .extracting(r -> r.get("名称")).doesNotContain(word + "小店");
            rows = ExportIntegrationTests.rows(file.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(rows).extracting(r -> r.get("名称")).containsExactly(word + "小店");

        // an empty list offers nothing to export
        assertThat(browser.get("/organisations?q=" + AddressApiIntegrationTests.enc(word + "无此店"), null,
                "Accept", BROWSER).body()).doesNotContain("organisations-export");
    }
}
