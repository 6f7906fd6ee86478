package org.fengqiao.points;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.forces.InformantFixture;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An informant's identity shows only to his handler and the station chief (issue 4), in the points too: an award
 * he holds names him on the approvals page, in the API, the ledger, the boards and the exports to those two only;
 * anyone else in scope sees "信息员" with no name and no link, and still decides the award if it is his to decide.
 */
class InformantHolderIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    PointsLoader loader;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    Unit office;
    /** The grid of the informant's handler (its chief handles him). */
    NotificationFixtures.TestGrid mine;
    /** Another grid of the same office: its chief neither handles the informant nor is the station chief. */
    NotificationFixtures.TestGrid other;
    InformantFixture fixture;
    UUID informant;
    String name;
    String handler;
    String chief;
    String stranger;

    @BeforeEach
    void informant() {
        api = new ApiClient(port);
        office = PointsFixtures.office(jurisdictions);
        mine = NotificationFixtures.grid(jurisdictions, staff, office);
        other = NotificationFixtures.grid(jurisdictions, staff, office);
        fixture = InformantFixture.handledBy(mine, "线人", api, staff);
        informant = fixture.id();
        name = fixture.name();
        chief = api.token("chief", DEMO_PASSWORD);
        handler = fixture.handler(api);
        stranger = api.token(other.chiefLogin(), DEMO_PASSWORD);
    }

    /**
     * The station chief proposes an award for the informant's clue in the other grid, whose chief decides it. The note
     * is made unique without digits: a UUID now and then holds eleven digits in a row that read as a mobile number,
     * which a note refuses.
     */
    JsonNode proposed() {
        Map<String, Object> body = new HashMap<>(Map.of("holderId", informant, "rule", "verified-clue",
                "gridId", other.grid().id().value(),
                "note", "线索核实 " + UUID.randomUUID().toString().replaceAll("[0-9]", "")));
        HttpResponse<String> r = api.send("POST", "/api/v1/points/awards", chief, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r);
    }

    String row(String page, String source) {
        String row = page.substring(page.indexOf("data-source=\"" + source + "\""));
        return row.substring(0, row.indexOf("</tr>"));
    }

    @Test
    void theApprovalsPageAndTheApiNameTheInformantToHisHandlerAndTheStationChiefOnly() {
        JsonNode award = proposed();
        String id = award.get("id").asText();
        String source = award.get("sourceId").asText();

        for (String knower : new String[] {handler, chief}) {
            String row = row(api.get("/points/approvals", knower, "Accept", "text/html").body(), source);
            assertThat(row).contains(name).contains("/points/holders/" + informant);
            JsonNode shown = ApiClient.json(api.get("/api/v1/points/awards/" + id, knower));
            assertThat(shown.get("holderName").asText()).isEqualTo(name);
            assertThat(api.get("/api/v1/points/awards?status=PENDING&size=100", knower).body()).contains(name);
        }

        String row = row(api.get("/points/approvals", stranger, "Accept", "text/html").body(), source);
        assertThat(row).doesNotContain(name).doesNotContain(informant.toString()).contains("信息员")
                .as("still his to decide").contains("class=\"primary approve\"");
        assertThat(row(api.get("/points/approvals", stranger, "Accept", "text/html", "Accept-Language", "en").body(),
                source)).contains("Informant");
        JsonNode hidden = ApiClient.json(api.get("/api/v1/points/awards/" + id, stranger));
        assertThat(hidden.get("holderName").asText()).isEqualTo("信息员");
        assertThat(hidden.path("holderId").isMissingNode() || hidden.get("holderId").isNull()).isTrue();
        assertThat(api.get("/api/v1/points/awards?status=PENDING&size=100", stranger).body()).doesNotContain(name)
                .doesNotContain(informant.toString());
        assertThat(api.get("/points/approvals", stranger, "Accept", "text/html").body())
                .as("nor does the award form offer him").doesNotContain(informant.toString());
        assertThat(api.get("/api/v1/points/holders/" + informant, stranger).statusCode()).isEqualTo(404);
        assertThat(api.get("/points/holders/" + informant, stranger, "Accept", "text/html").statusCode())
                .isEqualTo(404);

        // the other grid's chief decides the award without knowing whose it is
        HttpResponse<String> approved = api.send("POST", "/api/v1/points/awards/" + id + "/approve", stranger, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).doesNotContain(name).doesNotContain(informant.toString());
        assertThat(api.get("/points/approvals", stranger, "Accept", "text/html").body()).doesNotContain(name);
        assertThat(api.get("/points/approvals", handler, "Accept", "text/html").body()).contains(name);
        assertThat(api.get("/api/v1/points/holders/" + informant, handler).statusCode()).isEqualTo(200);
        assertThat(api.get("/points/holders/" + informant, chief, "Accept", "text/html").body()).contains(name);
    }

    @Test
    void theBoardsAndTheExportsNameTheInformantToHisHandlerAndTheStationChiefOnly() throws IOException {
        String id = proposed().get("id").asText();
        HttpResponse<String> approved = api.send("POST", "/api/v1/points/awards/" + id + "/approve", stranger, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        String period = "&from=" + today + "&to=" + today;
        String board = "/points/leaderboard?unitId=" + office.id().value() + period;
        String boardApi = "/api/v1/points/leaderboard?unitId=" + office.id().value() + period + "&top=1000";
        String boardXlsx = "/points/leaderboard.xlsx?unitId=" + office.id().value() + period;
        String ledgerXlsx = "/points/ledger.xlsx?from=" + today + "&to=" + today;

        for (String knower : new String[] {handler, chief}) {
            assertThat(api.get(board, knower, "Accept", "text/html").body()).contains(name);
            assertThat(api.get(boardApi, knower).body()).contains(name);
            assertThat(cells(api.download(boardXlsx, knower).body())).contains(name);
            assertThat(cells(api.download(ledgerXlsx, knower).body())).contains(name);
        }
        String page = api.get(board, stranger, "Accept", "text/html").body();
        assertThat(page).doesNotContain(name).doesNotContain(informant.toString());
        HttpResponse<String> json = api.get(boardApi, stranger);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(json.body()).doesNotContain(name).doesNotContain(informant.toString()).contains("信息员");
        assertThat(cells(api.download(boardXlsx, stranger).body())).doesNotContain(name).contains("信息员");
        assertThat(cells(api.download(ledgerXlsx, stranger).body())).doesNotContain(name).contains("信息员");
    }

    @Test
    void theInboxNamesTheInformantToNoApproverWhoMayNotKnowHim() {
        proposed();
        assertThat(api.get("/api/v1/inbox?size=100", stranger).body()).contains("信息员").doesNotContain(name);
        assertThat(api.get("/inbox", stranger, "Accept", "text/html").body()).contains("信息员")
                .doesNotContain(name);
    }

    @Test
    void theVoucherScanNamesTheInformantToHisHandlerAndTheStationChiefOnlyAndTheStoreRedeemsItAllTheSame() {
        UUID chiefId = PointsFixtures.staffId(jdbc, "chief");
        loader.awardApproved(informant, mine.grid().id().value(), "verified-clue", "线索核实", null,
                mine.chief().id().value(), chiefId);
        UUID item = loader.stock(office.id().value(), "洗衣液" + UUID.randomUUID(), "DONATED", "房山镇测试商贸有限公司", 5,
                3, 0, chiefId);
        HttpResponse<String> redeemed = api.send("POST", "/api/v1/points/store/items/" + item + "/redeem",
                fixture.himself(api), null);
        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);
        String code = ApiClient.json(redeemed).get("voucher").get("code").asText();
        String scan = "/points/vouchers/" + code + "/scan";

        for (String knower : new String[] {handler, chief}) {
            assertThat(api.get(scan, knower, "Accept", "text/html").body()).contains(name);
            JsonNode shown = ApiClient.json(api.get("/api/v1/points/vouchers/" + code, knower));
            assertThat(shown.get("voucher").get("holderName").asText()).isEqualTo(name);
            assertThat(shown.get("voucher").get("holderId").asText()).isEqualTo(informant.toString());
        }

        HttpResponse<String> page = api.get(scan, stranger, "Accept", "text/html");
        assertThat(page.statusCode()).as("the other grid's chief keeps the office's store").isEqualTo(200);
        assertThat(page.body()).doesNotContain(name).doesNotContain(informant.toString()).contains("信息员")
                .contains("id=\"scan-confirm\"");
        assertThat(api.get(scan, stranger, "Accept", "text/html", "Accept-Language", "en").body())
                .doesNotContain(name).contains("Informant");
        HttpResponse<String> json = api.get("/api/v1/points/vouchers/" + code, stranger);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).doesNotContain(name).doesNotContain(informant.toString());
        assertThat(ApiClient.json(json).get("voucher").get("holderName").asText()).isEqualTo("信息员");

        // the store hands the item over all the same, still without learning whose voucher it was
        HttpResponse<String> used = api.send("POST", "/api/v1/points/vouchers/" + code + "/scan", stranger, null);
        assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
        assertThat(used.body()).doesNotContain(name).doesNotContain(informant.toString());
        assertThat(ApiClient.json(used).get("voucher").get("usedAt").isNull()).isFalse();
        assertThat(api.get(scan, stranger, "Accept", "text/html").body()).doesNotContain(name);
        assertThat(api.get(scan, handler, "Accept", "text/html").body()).contains(name);
    }

    static String cells(byte[] xlsx) throws IOException {
        StringBuilder text = new StringBuilder();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        text.append(cell.toString()).append('\t');
                    }
                }
            }
        }
        return text.toString();
    }
}
