package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The floor plan (居民信息平面图) as the server's PDF, read back with PDFBox: a demo building on one A4 page with every
 * room's number, the heads of its households as the HTML plan shows them and the marks' legend; a 33-floor building
 * of 4 units × 4 rooms still on one page in type no smaller than the readable minimum; in English too; 404 for an
 * officer of another station; the page's 打印 button opens it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FloorPlanPdfIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final List<String> LEGEND = List.of("重点人员", "出租房", "留守儿童", "独居老人", "困难户", "放心户", "空置");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    /** The largest demo building of 和平社区 (牛山派出所), officer2's workstation. */
    UUID demo;
    /** 33 floors × 4 units × 4 rooms in a grid of the test's own under officer's workstation (枫桥). */
    UUID tower;
    String towerHead;

    @BeforeAll
    void buildings() {
        demo = jdbc.sql("""
                SELECT b.id FROM building b JOIN grid g ON g.id = b.grid_id JOIN community c ON c.id = g.community_id
                JOIN unit u ON u.id = c.unit_id
                WHERE u.code = '320722020100' AND b.name LIKE '%号楼'
                ORDER BY b.floors * b.units * b.rooms_per_floor DESC, b.id LIMIT 1""").query(UUID.class).single();

        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "IT-FP-" + n + "-V",
                "平面图村" + n, null, null, null);
        double lon = 104 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,25],[%s,25],[%s,25.005],[%s,25.005],[%s,25]]]}"
                .formatted(lon, lon + 0.005, lon + 0.005, lon, lon);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-FP-" + n, "平面图网格" + n, square,
                null, null, null);
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/buildings", Map.of("gridId",
                grid.id().value(), "name", "高层" + n, "floors", 33, "units", 4, "roomsPerFloor", 4));
        assertThat(created.status()).isEqualTo(201);
        tower = UUID.fromString(created.body().get("id").asText());
        // a household on every fourth floor of each unit, some with several marks: the rooms' cells grow
        String[] names = {"欧阳振华", "司马相如", "诸葛明远", "上官婉清"};
        for (int floor = 1; floor <= 33; floor += 4) {
            for (int unit = 1; unit <= 4; unit++) {
                UUID household = fx.household(grid.id().value(), fx.room(tower, unit, floor * 100 + unit + ""),
                        floor % 8 == 1, floor % 3 == 0);
                String name = names[unit - 1].substring(0, 2) + (char) ('甲' + floor % 10);
                fx.person(grid.id().value(), household, name, "HEAD", floor % 12 == 1 ? "KEY_PERSON" : null,
                        floor % 12 == 1 ? "DRUG" : null);
                fx.person(grid.id().value(), household, "小" + name, "CHILD", "LEFT_BEHIND_CHILD", null);
            }
        }
        towerHead = "上官" + (char) ('甲' + 33 % 10);
        UUID top = fx.household(grid.id().value(), fx.room(tower, 4, "3303"), false, true);
        fx.person(grid.id().value(), top, towerHead, "HEAD", "ELDERLY_ALONE", null);
    }

    ApiClient signedIn(String username, String language) {
        return new ApiClient(port).signedIn(username, DEMO_PASSWORD, language);
    }

    record Read(int pages, PDRectangle size, String text, float smallestInBody) {
    }

    /** The PDF read back: its pages, the first page's size, its text, and the smallest type above the footer. */
    static Read read(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument doc = Loader.loadPDF(response.body())) {
            PDRectangle box = doc.getPage(0).getMediaBox();
            float[] smallest = {Float.MAX_VALUE};
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        // the footer's band: the bottom 56 pt of the page (margin and band), whose type may shrink
                        if (p.getPageHeight() - p.getYDirAdj() > 56 && !p.getUnicode().isBlank()) {
                            smallest[0] = Math.min(smallest[0], p.getFontSizeInPt());
                        }
                    }
                    super.writeString(text, positions);
                }
            };
            return new Read(doc.getNumberOfPages(), box, stripper.getText(doc), smallest[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean a4(PDRectangle box) {
        float shorter = Math.min(box.getWidth(), box.getHeight());
        float longer = Math.max(box.getWidth(), box.getHeight());
        return Math.abs(shorter - PDRectangle.A4.getWidth()) < 1 && Math.abs(longer - PDRectangle.A4.getHeight()) < 1;
    }

    /** The room number as a number of its own in the text, not inside a longer one. */
    static boolean hasNumber(String text, String number) {
        return Pattern.compile("(?<!\\d)" + number + "(?!\\d)").matcher(text).find();
    }

    @Test
    void aDemoBuildingPrintsOnOneA4PageWithEveryRoomItsHeadsAndTheLegend() {
        ApiClient officer2 = signedIn("officer2", null);
        String printed = "SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'building' "
                + "AND record_id = ? AND actor_id = (SELECT id FROM staff WHERE username = 'officer2')";
        long before = jdbc.sql(printed).param(demo.toString()).query(Long.class).single();
        Read pdf = read(officer2.download("/buildings/" + demo + "/floor-plan.pdf", null));
        // the sheet names every head of a household in the building: who printed it is on the audit trail
        assertThat(jdbc.sql(printed).param(demo.toString()).query(Long.class).single()).isEqualTo(before + 1);
        assertThat(pdf.pages()).isEqualTo(1);
        assertThat(a4(pdf.size())).as(pdf.size().toString()).isTrue();
        String joined = pdf.text().replaceAll("\\s*\\R\\s*", "");
        var building = jdbc.sql("""
                SELECT b.name, g.code, a.full_text FROM building b JOIN grid g ON g.id = b.grid_id
                LEFT JOIN address a ON a.id = b.address_id WHERE b.id = ?""").param(demo)
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), String.valueOf(rs.getString(3)))).single();
        assertThat(joined).contains(building.get(0) + " 居民信息平面图").contains("（" + building.get(1) + "）")
                .contains("打印日期 " + LocalDate.now(ZoneId.of("Asia/Shanghai")))
                .contains("图例").containsSubsequence(LEGEND)
                .contains("涉及个人信息，注意保密").contains("1 / 1");
        if (!"null".equals(building.get(2))) {
            assertThat(joined).contains(building.get(2));
        }
        List<String> numbers = jdbc.sql("SELECT number FROM room WHERE building_id = ?").param(demo).query(String.class)
                .list();
        assertThat(numbers).hasSizeGreaterThan(10)
                .allSatisfy(number -> assertThat(hasNumber(pdf.text(), number)).as(number).isTrue());
        // the heads as the HTML plan shows them to the same officer: in full, each in his room's cell
        List<String> heads = jdbc.sql("""
                SELECT min(p.name) FILTER (WHERE p.relation = 'HEAD') FROM household h JOIN room r ON r.id = h.room_id
                JOIN person p ON p.household_id = h.id WHERE r.building_id = ? GROUP BY h.id""").param(demo)
                .query(String.class).list();
        assertThat(heads).isNotEmpty();
        String html = officer2.get("/buildings/" + demo, null, "Accept", BROWSER).body();
        for (String head : heads.stream().filter(h -> h != null).toList()) {
            assertThat(html).contains(">" + head + "<");
            assertThat(joined).as(head).contains(head);
        }
        assertThat(pdf.smallestInBody()).isGreaterThanOrEqualTo(6f);
    }

    @Test
    void aThirtyThreeFloorBuildingOfSixteenRoomsAFloorStillFitsOnePageInReadableType() {
        Read pdf = read(signedIn("officer", null).download("/buildings/" + tower + "/floor-plan.pdf", null));
        assertThat(pdf.pages()).isEqualTo(1);
        assertThat(a4(pdf.size())).isTrue();
        for (String number : List.of("3301", "3304", "1701", "1703", "101", "104")) {
            assertThat(hasNumber(pdf.text(), number)).as(number).isTrue();
        }
        String joined = pdf.text().replaceAll("\\s*\\R\\s*", "");
        assertThat(joined).contains(towerHead).contains("欧阳" + (char) ('甲' + 1)).containsSubsequence(LEGEND);
        assertThat(pdf.smallestInBody()).as("no room set below the readable minimum").isGreaterThanOrEqualTo(6f);
        // every floor, the top one first, as the building stands
        Matcher floors = Pattern.compile("(?<!\\d)(\\d+)层").matcher(pdf.text());
        List<Integer> order = new ArrayList<>();
        while (floors.find()) {
            order.add(Integer.parseInt(floors.group(1)));
        }
        assertThat(order).hasSize(33).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void aBuildingTooTallForOnePageContinuesOnTheNextWithNothingCut() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = jdbc.sql("SELECT grid_id FROM building WHERE id = ?").param(tower).query(UUID.class).single();
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/buildings", Map.of("gridId", grid,
                "name", HousingFixtures.unique("超高层"), "floors", 90, "units", 2, "roomsPerFloor", 4));
        assertThat(created.status()).isEqualTo(201);
        UUID building = UUID.fromString(created.body().get("id").asText());
        Read pdf = read(signedIn("officer", null).download("/buildings/" + building + "/floor-plan.pdf", null));
        assertThat(pdf.pages()).isEqualTo(2);
        assertThat(pdf.text()).contains("（续）").contains("1 / 2").contains("2 / 2");
        Matcher floors = Pattern.compile("(?<!\\d)(\\d+)层").matcher(pdf.text());
        List<Integer> order = new ArrayList<>();
        while (floors.find()) {
            order.add(Integer.parseInt(floors.group(1)));
        }
        assertThat(order).as("every floor once, the top one first").hasSize(90)
                .isSortedAccordingTo((a, b) -> Integer.compare(b, a)).doesNotHaveDuplicates();
        for (String number : List.of("9001", "9004", "4501", "101", "104")) {
            assertThat(hasNumber(pdf.text(), number)).as(number).isTrue();
        }
        assertThat(pdf.smallestInBody()).isGreaterThanOrEqualTo(6f);
    }

    @Test
    void itReadsInEnglish() {
        Read pdf = read(signedIn("officer", "en").download("/buildings/" + tower + "/floor-plan.pdf", null));
        String joined = pdf.text().replaceAll("\\s*\\R\\s*", " ");
        assertThat(joined).contains("Floor plan of residents: 高层").contains("Legend").contains("Key person")
                .contains("Left-behind child").contains("Elderly living alone").contains("Vacant").contains("Floor 33")
                .contains("Unit 4").contains("personal data, confidential").doesNotContain("居民信息平面图");
        assertThat(pdf.pages()).isEqualTo(1);
    }

    @Test
    void anOfficerOfAnotherStationGetsNotFound() {
        HttpResponse<byte[]> theirs = signedIn("officer", null).download("/buildings/" + demo + "/floor-plan.pdf", null);
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(theirs.headers().firstValue("Content-Type")).isNotEqualTo(java.util.Optional.of("application/pdf"));
        assertThat(signedIn("officer2", null).download("/buildings/" + tower + "/floor-plan.pdf", null).statusCode())
                .isEqualTo(404);
        assertThat(signedIn("officer2", null).download("/buildings/" + UUID.randomUUID() + "/floor-plan.pdf", null)
                .statusCode()).isEqualTo(404);
        // the volunteer reads no population records at all
        assertThat(signedIn("volunteer", null).download("/buildings/" + tower + "/floor-plan.pdf", null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void thePagesPrintButtonOpensThePdf() {
        String html = signedIn("officer", null).get("/buildings/" + tower, null, "Accept", BROWSER).body();
        Matcher button = Pattern.compile("<a[^>]*id=\"print-plan\"[^>]*>").matcher(html);
        assertThat(button.find()).isTrue();
        assertThat(button.group()).contains("href=\"/buildings/" + tower + "/floor-plan.pdf\"");
        assertThat(html).doesNotContain("<button type=\"button\" id=\"print-plan\"");
    }
}
