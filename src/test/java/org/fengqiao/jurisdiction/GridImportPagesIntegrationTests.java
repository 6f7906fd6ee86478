package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The grid import page (/grids/import): a signed-in station chief uploads a GeoJSON file of grids of a village,
 * checks it (nothing saved) and imports it; the import's refusals come back listed in the reader's language with
 * nothing saved; a bad file gets its own message; a community of another station is refused; those who may not
 * manage the jurisdiction get 403 and no link. The suite shares the demo database, so the grids go to a village of
 * this test's own under the rural central office (the demo's village would gain grids the demo's own tests count);
 * they lie south of the demo district (lat 33.1–33.2), each test in a square of its own, away from the other import
 * tests' grids.
 */
class GridImportPagesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Jurisdictions jurisdictions;

    /** The village of this test's grids, under the rural central office the chief manages. */
    static final String VILLAGE = "T-IMPORT-PAGE-VILLAGE";

    String n;
    String village = VILLAGE;

    @BeforeEach
    void setUp() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        if (jurisdictions.communityByCode(VILLAGE).isEmpty()) {
            Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
            jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, VILLAGE, "页面导入测试村", null, null, null);
        }
    }

    ApiClient signedIn(String username, String language) {
        return new ApiClient(port).signedIn(username, DEMO_PASSWORD, language);
    }

    /** A square south of the demo district; {@code slot} keeps each test's grids apart from another test's. */
    static String square(int slot, double lonOffset) {
        return GridImportPolicyTests.square(119.10 + slot * 0.05 + lonOffset, 33.10, 0.01);
    }

    static String collection(String... features) {
        return GridImportIntegrationTests.collection(features);
    }

    /** The file posted from the page's form as a browser does (multipart with the form's CSRF token). */
    HttpResponse<String> upload(ApiClient browser, String csrf, String action, String fileName, byte[] content) {
        String boundary = "----fq" + UUID.randomUUID();
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(part(boundary, "_csrf", csrf));
            body.write(part(boundary, "action", action));
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/geo+json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpClient http = HttpClient.newBuilder().cookieHandler(browser.cookies())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/grids/import"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] part(String boundary, String name, String value) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads the file and answers the page the redirect leads to, carrying the outcome. */
    String uploaded(ApiClient browser, String action, String file) {
        return uploaded(browser, action, "grids.geojson", file.getBytes(StandardCharsets.UTF_8));
    }

    String uploaded(ApiClient browser, String action, String fileName, byte[] file) {
        HttpResponse<String> posted = upload(browser, browser.csrfFrom("/grids/import"), action, fileName, file);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(URI.create(location).getPath()).isEqualTo("/grids/import");
        return browser.get("/grids/import", null).body();
    }

    long grids(String code) {
        return jdbc.sql("SELECT count(*) FROM grid WHERE code = ?").param(code).query(Long.class).single();
    }

    String gridTable() {
        return JurisdictionApi.gridTable(jdbc);
    }

    long audited(UUID grid, String action) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'grid' AND record_id = ? AND action = ?
                AND actor = 'chief'""").params(grid.toString(), action).query(Long.class).single();
    }

    @Test
    void theChiefChecksAFileWithoutSavingThenImportsItAuditedAndTheGridIsLocatedAndShown() {
        ApiClient chief = signedIn("chief", null);
        assertThat(chief.get("/map", null).body()).contains("id=\"grid-import-link\"")
                .contains("href=\"/grids/import\"");
        assertThat(chief.get("/units", null).body()).contains("id=\"grid-import-link\"");
        String page = chief.get("/grids/import", null).body();
        assertThat(page).contains("导入网格").contains("enctype=\"multipart/form-data\"").contains("不超过 20 MB")
                .contains("value=\"check\"").contains("value=\"import\"");

        String code = "IT-PAGE-" + n;
        String file = collection(GridImportPolicyTests.feature(code, village, square(0, 0)));
        String checked = uploaded(chief, "check", file);
        assertThat(checked).contains("检查通过（grids.geojson）：导入将新建 1 个网格，替换 0 个网格的边界。尚未保存。")
                .contains(code).contains("网格" + code).contains("新建");
        assertThat(grids(code)).isZero();

        String imported = uploaded(chief, "import", file);
        UUID id = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class)
                .single();
        assertThat(imported).contains("已导入（grids.geojson）：新建 1 个网格，替换 0 个网格的边界。网格地图上已显示这些网格。")
                .contains("href=\"/grids/" + id + "\"").contains("href=\"/map\"");
        assertThat(audited(id, "CREATE")).isEqualTo(1);
        // the spatial index knows it at once, and its page shows it
        HttpResponse<String> located = chief.get("/api/v1/grids/locate?lat=33.105&lon=119.105", null,
                "Accept", "application/json");
        assertThat(located.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(located).get("grids").get(0).get("id").asText()).isEqualTo(id.toString());
        assertThat(chief.get("/grids/" + id, null).body()).contains("网格" + code).contains(code);

        // checked again, the same file holds that grid as stored: the row links to it and says it is unchanged
        String before = gridTable();
        String again = uploaded(chief, "check", file);
        assertThat(again).contains("导入将新建 0 个网格，替换 0 个网格的边界，未变 1 个。尚未保存。")
                .contains("href=\"/grids/" + id + "\"").contains("<td>未变</td>").doesNotContain("替换边界</td>");
        assertThat(gridTable()).isEqualTo(before);
        assertThat(audited(id, "UPDATE")).isZero();
        // and imported again it changes nothing either: not the grid, its version, nor the audit trail
        String reimported = uploaded(chief, "import", file);
        assertThat(reimported).contains("已导入（grids.geojson）：新建 0 个网格，替换 0 个网格的边界，未变 1 个。");
        assertThat(gridTable()).isEqualTo(before);
        assertThat(audited(id, "UPDATE")).isZero();
    }

    /** A bow-tie, and two grids of the file over each other. */
    String badFile(String prefix) {
        return collection(
                GridImportPolicyTests.feature(prefix + "-BOW", village, "{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[119.15,33.13],[119.16,33.14],[119.16,33.13],[119.15,33.14],[119.15,33.13]]]}"),
                GridImportPolicyTests.feature(prefix + "-A", village, square(1, 0)),
                GridImportPolicyTests.feature(prefix + "-B", village, square(1, 0.005)));
    }

    @Test
    void aRefusedFileShowsEveryProblemInChineseAndInEnglishAndSavesNothing() {
        String prefix = "IT-PBAD-" + n;
        String before = gridTable();
        String zh = uploaded(signedIn("chief", null), "import", badFile(prefix));
        assertThat(zh).contains("网格导入被拒绝，未保存任何内容")
                .contains("第 1 个要素（网格 " + prefix + "-BOW）：边界自相交")
                .contains("第 3 个要素（网格 " + prefix + "-B）：与文件中第 2 个要素（网格 " + prefix + "-A）重叠")
                .doesNotContain("已导入");
        String en = uploaded(signedIn("chief", "en"), "check", badFile(prefix));
        assertThat(en).contains("Grid import refused; nothing was saved")
                .contains("Feature 1 (grid " + prefix + "-BOW): the boundary intersects itself")
                .contains("Feature 3 (grid " + prefix + "-B): overlaps feature 2 (grid " + prefix + "-A) by ")
                .doesNotContain("Check passed");
        assertThat(gridTable()).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotAnImportableCollectionGetsAClearMessageAndSavesNothing() {
        ApiClient chief = signedIn("chief", null);
        String before = gridTable();
        assertThat(uploaded(chief, "import", "{\"type\":\"FeatureCollection\",\"features\":["))
                .contains("文件不是有效的 JSON（第 1 行第");
        assertThat(uploaded(chief, "import", "grids.geojson", new byte[0])).contains("未选择文件，或文件是空的");
        assertThat(uploaded(chief, "import", GridImportPolicyTests.feature("IT-PONE-" + n, village, square(2, 0))))
                .contains("导入内容须为 GeoJSON FeatureCollection");
        assertThat(uploaded(chief, "import", collection())).contains("FeatureCollection 中没有任何要素");
        byte[] large = new byte[20 * 1024 * 1024 + 1];
        java.util.Arrays.fill(large, (byte) ' ');
        assertThat(uploaded(chief, "import", "grids.geojson", large)).contains("文件超过 20 MB");
        ApiClient english = signedIn("chief", "en");
        assertThat(uploaded(english, "check", "not json")).contains("The file is not valid JSON (near line 1, column");
        assertThat(gridTable()).isEqualTo(before);
    }

    @Test
    void theChiefOfAnotherStationCannotImportAGridOfThisStationsVillage() {
        staff.register(new UnitId(jdbc.sql("SELECT id FROM unit WHERE code = '320722020000'")
                .query(UUID.class).single()), StaffRole.STATION_CHIEF, "城区所长" + n, null, null, "所长", "chiefgi" + n,
                DEMO_PASSWORD);
        String code = "IT-PFOREIGN-" + n;
        String before = gridTable();
        String page = uploaded(signedIn("chiefgi" + n, null), "import",
                collection(GridImportPolicyTests.feature(code, village, square(3, 0))));
        assertThat(page).contains("网格导入被拒绝，未保存任何内容")
                .contains("第 1 个要素（网格 " + code + "）：社区/村编码 " + village + " 不存在或不在您的辖区内");
        assertThat(gridTable()).isEqualTo(before);
        assertThat(grids(code)).isZero();
    }

    @Test
    void whoMayNotManageTheJurisdictionIsRefusedAndSeesNoLink() {
        ApiClient officer = signedIn("officer", null);
        assertThat(officer.get("/map", null).body()).contains("网格地图").doesNotContain("grid-import-link");
        assertThat(officer.get("/units", null).body()).contains("辖区结构").doesNotContain("grid-import-link");
        assertThat(officer.get("/grids/import", null).statusCode()).isEqualTo(403);
        String code = "IT-POFFICER-" + n;
        String file = collection(GridImportPolicyTests.feature(code, village, square(4, 0)));
        assertThat(upload(officer, officer.csrfFrom("/units"), "import", "g.geojson",
                file.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(grids(code)).isZero();
    }
}
