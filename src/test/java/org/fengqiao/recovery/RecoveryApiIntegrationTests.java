package org.fengqiao.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

class RecoveryApiIntegrationTests extends IntegrationTest {

    /**
     * The desk's today: China's date, not the test machine's (from 16:00 UTC they differ, and a receipt signed on
     * the machine's date would be "before the return").
     */
    static LocalDate today() {
        return LocalDate.now(org.fengqiao.recovery.internal.RecoveryDesk.ZONE);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;

    ApiClient api;
    RecoveryFixtures fx;
    String officer;
    String officer2;
    String bureau;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        fx = new RecoveryFixtures(api, jdbc, port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
    }

    long returnedOf(String file) {
        return jdbc.sql("SELECT coalesce(sum(amount_fen), 0) FROM recovery_return WHERE file_id = ?")
                .param(UUID.fromString(file)).query(Long.class).single();
    }

    @Test
    void aFileOutsideTheSubtreeIsNotFoundOnEveryEndpointAndTheBureauSeesBoth() {
        String n = RecoveryFixtures.n();
        String mine = fx.file(officer, "FS-1-03", "officer", "范围甲" + n, null);
        String theirs = fx.file(officer2, "NS-1-01", "officer2", "范围乙" + n, null);
        Map<String, String[]> ids = new HashMap<>();
        for (String[] f : new String[][] {{mine, officer}, {theirs, officer2}}) {
            String victim = fx.victim(f[1], f[0], "受害" + n, 50_000);
            String asset = fx.asset(f[1], f[0], "扣押现金" + n, 50_000, "SEIZED");
            String ret = ApiClient.json(fx.returned(f[1], f[0], victim, asset, 10_000)).get("id").asText();
            JsonNode d = fx.send("POST", "/api/v1/recovery/files/" + f[0] + "/suspects", f[1], Map.of("name", "嫌疑" + n,
                    "idNumber", "320722199003151237"), 200);
            ids.put(f[0], new String[] {victim, asset, ret, d.get("suspects").get(0).get("id").asText()});
        }
        for (String[] pair : new String[][] {{mine, officer2}, {theirs, officer}}) {
            String base = "/api/v1/recovery/files/" + pair[0];
            String[] i = ids.get(pair[0]);
            String t = pair[1];
            assertThat(api.get(base, t).statusCode()).isEqualTo(404);
            assertThat(api.send("PUT", base + "/verification", t, Map.of("department", "CRIMINAL", "verifierName", "某",
                    "verifiedOn", today().toString(), "result", "属实")).statusCode()).isEqualTo(404);
            assertThat(api.send("PUT", base + "/owner", t, Map.of("ownerId", fx.staff("officer"))).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/close", t, null).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/reopen", t, null).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/victims", t, Map.of("name", "丙")).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/victims/" + i[0] + "/losses", t, Map.of("description", "x", "amountFen", 1))
                    .statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/suspects", t, Map.of("name", "丁")).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/suspects/" + i[3] + "/reveal", t, Map.of("reason", "核对身份信息"))
                    .statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/assets", t, Map.of("kind", "CASH", "description", "x", "valueFen", 1))
                    .statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/assets/" + i[1] + "/state", t, Map.of("state", "CONFISCATED"))
                    .statusCode()).isEqualTo(404);
            assertThat(api.send("PUT", base + "/assets/" + i[1] + "/value", t, Map.of("valueFen", 60_000)).statusCode())
                    .isEqualTo(404);
            assertThat(fx.returned(t, pair[0], i[0], i[1], 100).statusCode()).isEqualTo(404);
            assertThat(fx.bytes(base + "/returns/" + i[2] + "/receipt.pdf", t).statusCode()).isEqualTo(404);
            assertThat(fx.upload(base + "/returns/" + i[2] + "/receipt", t, null, null, null).statusCode()).isEqualTo(404);
            assertThat(fx.bytes(base + "/returns/" + i[2] + "/scan", t).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/revisits", t, Map.of("victimId", i[0], "visitedOn",
                    today().toString(), "said", "满意", "satisfied", true)).statusCode()).isEqualTo(404);
        }
        // the pages answer the same, to a signed-in officer of the other station
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer2", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String csrf = browser.csrfFrom("/recovery");
        String[] m = ids.get(mine);
        assertThat(browser.get("/recovery/" + mine, null).statusCode()).isEqualTo(404);
        assertThat(browser.get("/recovery/" + theirs, null).statusCode()).isEqualTo(200);
        assertThat(browser.get("/recovery/" + mine + "/returns/" + m[2] + "/receipt.pdf", null).statusCode()).isEqualTo(404);
        assertThat(browser.form("/recovery/" + mine + "/return", Map.of("_csrf", csrf, "victimId", m[0], "assetId", m[1],
                "amountYuan", "1")).statusCode()).isEqualTo(404);
        assertThat(browser.form("/recovery/" + mine + "/close", Map.of("_csrf", csrf)).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/recovery/files/" + UUID.randomUUID(), bureau).statusCode()).isEqualTo(404);
        assertThat(fx.detail(bureau, mine).get("file").get("title").asText()).isEqualTo("范围甲" + n);
        assertThat(fx.detail(bureau, theirs).get("file").get("title").asText()).isEqualTo("范围乙" + n);
        assertThat(api.get("/api/v1/recovery/files?status=OPEN&size=100&q=" + n, officer).body())
                .contains("范围甲" + n).doesNotContain("范围乙" + n);
        // nothing changed by the refused attempts
        for (String f : List.of(mine, theirs)) {
            JsonNode d = fx.detail(bureau, f);
            assertThat(d.get("victims")).hasSize(1);
            assertThat(d.get("assets")).hasSize(1);
            assertThat(d.get("returns")).hasSize(1);
            assertThat(d.get("revisits")).isEmpty();
            assertThat(d.get("file").get("status").asText()).isEqualTo("OPEN");
            assertThat(d.get("file").has("verifyDepartment")).isFalse();
            assertThat(returnedOf(f)).isEqualTo(10_000);
        }

        // collective return events: scoped by the unit that held them
        UUID station2 = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer2'").query(UUID.class).single();
        String event = fx.send("POST", "/api/v1/recovery/events", officer2, Map.of("unitId", station2, "heldOn",
                today().toString(), "place", "牛山派出所" + n, "officerId", fx.staff("officer2")), 201).get("id").asText();
        assertThat(api.get("/api/v1/recovery/events/" + event, officer).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/recovery/events/" + event, bureau).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/recovery/events", officer).body()).doesNotContain("牛山派出所" + n);
        assertThat(api.send("POST", "/api/v1/recovery/events", officer, Map.of("unitId", station2, "heldOn",
                today().toString(), "place", "x", "officerId", fx.staff("officer"))).statusCode())
                .as("another station's unit").isEqualTo(400);
        String[] i = ids.get(mine);
        HttpResponse<String> wrongEvent = api.send("POST", "/api/v1/recovery/files/" + mine + "/returns", bureau,
                Map.of("victimId", i[0], "assetId", i[1], "amountFen", 100, "eventId", event), "Accept-Language", "en");
        assertThat(wrongEvent.statusCode()).as("an event of another station").isEqualTo(400);
        assertThat(wrongEvent.body()).contains("was not held by a unit above this file");
    }

    @Test
    void aFileIsOwnedOnlyByPoliceWhoSeeItNeitherByAVolunteerNorByAnOfficerOfAnotherStation() {
        String n = RecoveryFixtures.n();
        // the bureau sees every station, yet a file of 房山 is not owned by 牛山's officer (he could never open it),
        // nor by the volunteer seated at the file's own office (谁主办、谁负责 names a policeman)
        for (String owner : List.of("officer2", "volunteer")) {
            HttpResponse<String> refused = api.send("POST", "/api/v1/recovery/files", bureau, Map.of("caseNumber",
                    "主-" + n, "title", "主办" + owner + n, "gridId", fx.grid("FS-1-03"), "ownerId", fx.staff(owner)),
                    "Accept-Language", "en");
            assertThat(refused.statusCode()).as(owner).isEqualTo(400);
            assertThat(ApiClient.json(refused).get("errors").findValuesAsText("field")).containsExactly("ownerId");
            assertThat(refused.body()).contains("someone who sees the file");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_file WHERE title LIKE ?").param("主办%" + n)
                .query(Long.class).single()).as("nothing opened").isZero();

        String file = fx.file(bureau, "FS-1-03", "officer", "主办" + n, null);
        for (String owner : List.of("officer2", "volunteer")) {
            HttpResponse<String> handed = api.send("PUT", "/api/v1/recovery/files/" + file + "/owner", bureau,
                    Map.of("ownerId", fx.staff(owner)));
            assertThat(handed.statusCode()).as(owner).isEqualTo(400);
            assertThat(handed.body()).contains("能看到本档案");
        }
        assertThat(fx.detail(bureau, file).get("file").get("ownerId").asText()).isEqualTo(fx.staff("officer").toString());
        // the officer who owns it opens it; the page offers to hand it only to police who would see it
        assertThat(api.get("/api/v1/recovery/files/" + file, officer).statusCode()).isEqualTo(200);
        String page = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, null).get("/recovery/" + file, null).body();
        String choices = page.substring(page.indexOf("id=\"owner-select\""), page.indexOf("</select>",
                page.indexOf("id=\"owner-select\"")));
        assertThat(choices).contains(fx.staff("officer").toString()).doesNotContain(fx.staff("officer2").toString())
                .doesNotContain(fx.staff("volunteer").toString());
    }

    /** An asset seized {@code daysAgo}, so that returns may be dated from then on; returns its id. */
    String seizedSince(String token, String file, String description, long valueFen, int daysAgo) {
        JsonNode d = fx.send("POST", "/api/v1/recovery/files/" + file + "/assets", token, Map.of("kind", "CASH",
                "description", description, "valueFen", valueFen, "state", "SEIZED", "tracedOn",
                today().minusDays(daysAgo).toString()), 200);
        for (JsonNode a : d.get("assets")) {
            if (a.get("description").asText().equals(description)) {
                return a.get("id").asText();
            }
        }
        throw new IllegalStateException("asset not added");
    }

    @Test
    void aReturnAtACollectiveEventIsDatedTheEventsDayAndNoneIsRecordedAtAnEventStillAhead() {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-2-01", "officer", "活动日" + n, today().minusDays(30).toString());
        String victim = fx.victim(officer, file, "活动甲" + n, 100_000);
        String cash = seizedSince(officer, file, "活动现金" + n, 100_000, 20);
        UUID office = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        LocalDate held = today().minusDays(5);
        String past = fx.send("POST", "/api/v1/recovery/events", officer, Map.of("unitId", office, "heldOn",
                held.toString(), "place", "活动院内" + n, "officerId", fx.staff("officer")), 201).get("id").asText();
        String ahead = fx.send("POST", "/api/v1/recovery/events", officer, Map.of("unitId", office, "heldOn",
                today().plusDays(3).toString(), "place", "下周活动" + n, "officerId", fx.staff("officer")), 201)
                .get("id").asText();

        Map<String, Object> body = new HashMap<>(Map.of("victimId", victim, "assetId", cash, "amountFen", 30_000,
                "eventId", past, "returnedOn", today().toString()));
        HttpResponse<String> otherDay = api.send("POST", "/api/v1/recovery/files/" + file + "/returns", officer, body,
                "Accept-Language", "en");
        assertThat(otherDay.statusCode()).as(otherDay.body()).isEqualTo(400);
        assertThat(ApiClient.json(otherDay).get("errors").findValuesAsText("field")).containsExactly("returnedOn");
        assertThat(otherDay.body()).contains("dated the day of the event (" + held + ")");
        body.remove("returnedOn");
        body.put("eventId", ahead);
        HttpResponse<String> notYet = api.send("POST", "/api/v1/recovery/files/" + file + "/returns", officer, body);
        assertThat(notYet.statusCode()).as(notYet.body()).isEqualTo(400);
        assertThat(ApiClient.json(notYet).get("errors").findValuesAsText("field")).containsExactly("eventId");
        assertThat(notYet.body()).contains("尚未举行");
        assertThat(returnedOf(file)).as("nothing returned by the refusals").isZero();

        // the event's return without a date is the event's day, on the file, its receipt and the event alike
        body.put("eventId", past);
        JsonNode made = fx.send("POST", "/api/v1/recovery/files/" + file + "/returns", officer, body, 201);
        assertThat(made.get("returnedOn").asText()).isEqualTo(held.toString());
        assertThat(fx.send("GET", "/api/v1/recovery/events/" + ahead, officer, null, 200).get("event").get("returns")
                .asLong()).isZero();
    }

    @Test
    void anEventOfTheStationShowsEachOfficeTheTotalOfItsOwnReturnsNotTheOtherOffices() {
        String n = RecoveryFixtures.n();
        String chief = api.token("chief", DEMO_PASSWORD);
        String stationCode = jdbc.sql("SELECT u.code FROM unit u JOIN staff s ON s.unit_id = u.id WHERE s.username = 'chief'")
                .query(String.class).single();
        Grid stationGrid = SatisfactionPageIntegrationTests.testGrid(jurisdictions,
                jurisdictions.unitByCode(stationCode).orElseThrow(), "IT-RE-" + n, "返赃范围", 93);
        String event = fx.send("POST", "/api/v1/recovery/events", chief, Map.of("unitId",
                jurisdictions.unitByCode(stationCode).orElseThrow().id().value(), "heldOn", today().toString(),
                "place", "所院内" + n, "officerId", fx.staff("chief")), 201).get("id").asText();

        String mine = fx.file(officer, "FS-1-03", "officer", "本室" + n, null);
        String v1 = fx.victim(officer, mine, "本室甲" + n, 50_000);
        String a1 = fx.asset(officer, mine, "本室现金" + n, 50_000, "SEIZED");
        fx.send("POST", "/api/v1/recovery/files/" + mine + "/returns", officer, Map.of("victimId", v1, "assetId", a1,
                "amountFen", 10_000, "eventId", event), 201);
        String theirs = fx.file(chief, stationGrid.code(), "chief", "所里" + n, null);
        String v2 = fx.victim(chief, theirs, "所里乙" + n, 90_000);
        String a2 = fx.asset(chief, theirs, "所里现金" + n, 90_000, "SEIZED");
        fx.send("POST", "/api/v1/recovery/files/" + theirs + "/returns", chief, Map.of("victimId", v2, "assetId", a2,
                "amountFen", 25_000, "eventId", event), 201);
        assertThat(api.get("/api/v1/recovery/files/" + theirs, officer).statusCode()).as("not the office's file")
                .isEqualTo(404);

        // the office reads the station's event with its own return and that return's total only
        JsonNode seen = fx.send("GET", "/api/v1/recovery/events/" + event, officer, null, 200);
        assertThat(seen.get("returns")).hasSize(1);
        assertThat(seen.get("event").get("returns").asLong()).isEqualTo(1);
        assertThat(seen.get("event").get("amountFen").asLong()).isEqualTo(10_000);
        JsonNode listed = null;
        for (JsonNode e : fx.send("GET", "/api/v1/recovery/events", officer, null, 200)) {
            if (e.get("id").asText().equals(event)) {
                listed = e;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("amountFen").asLong()).isEqualTo(10_000);
        String page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null).get("/recovery/events/" + event, null)
                .body();
        assertThat(page).contains("100.00").doesNotContain("350.00").doesNotContain("所里乙" + n);
        // the station reads both
        JsonNode whole = fx.send("GET", "/api/v1/recovery/events/" + event, chief, null, 200);
        assertThat(whole.get("returns")).hasSize(2);
        assertThat(whole.get("event").get("returns").asLong()).isEqualTo(2);
        assertThat(whole.get("event").get("amountFen").asLong()).isEqualTo(35_000);
    }

    @Test
    void aReceiptPrintedAfterLaterReturnsStatesWhatTheVictimHadBackWhenThisOneWasMade() throws IOException {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-3-01", "officer", "累计" + n, null);
        String victim = fx.victim(officer, file, "累计甲" + n, 50_000);
        String cash = fx.asset(officer, file, "累计现金" + n, 50_000, "SEIZED");
        String first = ApiClient.json(fx.returned(officer, file, victim, cash, 10_000)).get("id").asText();
        String second = ApiClient.json(fx.returned(officer, file, victim, cash, 20_000)).get("id").asText();
        for (String[] expected : new String[][] {{first, "累计已发还500.00/100.00元"}, {second, "累计已发还500.00/300.00元"}}) {
            HttpResponse<byte[]> pdf = fx.bytes("/api/v1/recovery/files/" + file + "/returns/" + expected[0]
                    + "/receipt.pdf", officer);
            assertThat(pdf.statusCode()).isEqualTo(200);
            try (PDDocument doc = Loader.loadPDF(pdf.body())) {
                // the victim's losses are headed as what he lost, not as what is returned to him
                assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", "")).contains(expected[1])
                        .contains("被害人损失情况损失物品数量金额（元）");
            }
        }
    }

    @Test
    void anAssetAllReturnedIsMarkedReturnedOnTheDayOfItsLastReturnNotOnTheDayItWasRecorded() {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-2-02", "officer", "返还日" + n, today().minusDays(30).toString());
        String victim = fx.victim(officer, file, "返还日甲" + n, 40_000);
        String cash = seizedSince(officer, file, "返还日现金" + n, 40_000, 20);
        for (Object[] ret : new Object[][] {{15_000, today().minusDays(10)}, {25_000, today().minusDays(12)}}) {
            fx.send("POST", "/api/v1/recovery/files/" + file + "/returns", officer, Map.of("victimId", victim,
                    "assetId", cash, "amountFen", ret[0], "returnedOn", ret[1].toString()), 201);
        }
        JsonNode d = fx.detail(officer, file);
        assertThat(d.get("assets").get(0).get("state").asText()).isEqualTo("RETURNED");
        List<String> returnedOn = new ArrayList<>();
        for (JsonNode step : d.get("assetSteps")) {
            if (step.get("to").asText().equals("RETURNED")) {
                returnedOn.add(step.get("onDay").asText());
            }
        }
        assertThat(returnedOn).containsExactly(today().minusDays(10).toString());
    }

    @Test
    void nothingIsReturnedThatWasNotRecoveredAndEveryRefusalSaysWhyInTheCallersLanguageAndChangesNothing() {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-2-01", "officer", "对账" + n, null);
        String a = fx.victim(officer, file, "甲" + n, 100_000);
        String b = fx.victim(officer, file, "乙" + n, 30_000);
        String traced = fx.asset(officer, file, "追查" + n, 500_000, "TRACED");
        String cash = fx.asset(officer, file, "现金" + n, 80_000, "SEIZED");

        HttpResponse<String> notRecovered = fx.returned(officer, file, a, traced, 1_000, "Accept-Language", "en");
        assertThat(notRecovered.statusCode()).isEqualTo(400);
        assertThat(notRecovered.body()).contains("not seized or frozen yet");
        assertThat(fx.returned(officer, file, a, traced, 1_000).body()).contains("尚未扣押或冻结");

        HttpResponse<String> overAsset = fx.returned(officer, file, a, cash, 80_001, "Accept-Language", "en");
        assertThat(overAsset.statusCode()).isEqualTo(400);
        assertThat(overAsset.body()).contains("More than is left of the asset (at most 800.00 yuan");
        HttpResponse<String> overLoss = fx.returned(officer, file, b, cash, 30_001, "Accept-Language", "en");
        assertThat(overLoss.body()).contains("More than the victim still misses (at most 300.00 yuan)");
        assertThat(fx.returned(officer, file, b, cash, 30_001).body()).contains("超出该被害人尚未挽回的损失（还差 300.00 元）");
        HttpResponse<String> negative = fx.returned(officer, file, b, cash, -5, "Accept-Language", "en");
        assertThat(negative.body()).contains("The amount must be more than 0");
        assertThat(returnedOf(file)).isZero();

        assertThat(fx.returned(officer, file, b, cash, 30_000).statusCode()).isEqualTo(201);
        assertThat(fx.returned(officer, file, a, cash, 50_000).statusCode()).isEqualTo(201);
        JsonNode d = fx.detail(officer, file);
        assertThat(d.get("assets").findValuesAsText("state")).containsExactly("TRACED", "RETURNED");
        assertThat(fx.returned(officer, file, a, cash, 1).body()).as("returned in full").contains("该财物已全部返还");

        // the file recovered 800 yuan, returned all of it; a frozen 200 yuan more lets 200 more go back, no more
        String frozen = fx.asset(officer, file, "冻结" + n, 20_000, "FROZEN");
        HttpResponse<String> overVictim = fx.returned(officer, file, b, frozen, 1, "Accept-Language", "en");
        assertThat(overVictim.body()).contains("More than the victim still misses (at most 0.00 yuan)");
        assertThat(fx.returned(officer, file, a, frozen, 20_000).statusCode()).isEqualTo(201);
        assertThat(returnedOf(file)).isEqualTo(100_000);

        // an asset's value never drops below what was returned of it; a returned asset is never confiscated
        HttpResponse<String> lower = api.send("PUT", "/api/v1/recovery/files/" + file + "/assets/" + cash + "/value",
                officer, Map.of("valueFen", 79_999), "Accept-Language", "en");
        assertThat(lower.statusCode()).isEqualTo(400);
        assertThat(lower.body()).contains("cannot be below the 800.00 yuan already returned");
        HttpResponse<String> negativeValue = api.send("POST", "/api/v1/recovery/files/" + file + "/assets", officer,
                Map.of("kind", "CASH", "description", "负" + n, "valueFen", -1), "Accept-Language", "en");
        assertThat(negativeValue.body()).contains("Amounts cannot be negative");
        HttpResponse<String> confiscate = api.send("POST", "/api/v1/recovery/files/" + file + "/assets/" + frozen + "/state",
                officer, Map.of("state", "CONFISCATED"), "Accept-Language", "en");
        assertThat(confiscate.statusCode()).isEqualTo(400);
        HttpResponse<String> back = api.send("POST", "/api/v1/recovery/files/" + file + "/assets/" + traced + "/state",
                officer, Map.of("state", "RETURNED"), "Accept-Language", "en");
        assertThat(back.body()).contains("cannot make that change");
        JsonNode after = fx.detail(officer, file);
        assertThat(after.get("assets").findValuesAsText("valueFen")).containsExactly("500000", "80000", "20000");
        assertThat(after.get("assets").findValuesAsText("state")).containsExactly("TRACED", "RETURNED", "RETURNED");
        assertThat(after.get("figures").get("recoveredFen").asLong()).isEqualTo(100_000);
        assertThat(after.get("figures").get("returnedFen").asLong()).isEqualTo(100_000);
        assertThat(after.get("figures").get("lostFen").asLong()).isEqualTo(130_000);

        // the database refuses what slips past the application: a return over the asset's value, written directly
        UUID f = UUID.fromString(file);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql("""
                INSERT INTO recovery_return (id, file_id, victim_id, asset_id, amount_fen, returned_on, returned_by)
                VALUES (?, ?, ?, ?, 1, current_date, ?)""").params(UUID.randomUUID(), f, UUID.fromString(b),
                UUID.fromString(cash), fx.staff("officer")).update())).hasMessageContaining("recovery_");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql(
                "UPDATE recovery_asset SET state = 'CONFISCATED' WHERE id = ?").param(UUID.fromString(cash)).update()))
                .hasMessageContaining("recovery_");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql(
                "UPDATE recovery_loss SET amount_fen = 0 WHERE victim_id = ?").param(UUID.fromString(a)).update()))
                .hasMessageContaining("recovery_victim_returned_within_loss");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql(
                "UPDATE recovery_loss SET amount_fen = -1 WHERE victim_id = ?").param(UUID.fromString(a)).update()))
                .hasMessageContaining("check");
        assertThat(returnedOf(file)).isEqualTo(100_000);
    }

    /**
     * 追赃必还: a file does not close while money recovered for it (seized or frozen, not yet returned) could still
     * go back to a victim who misses some; the refusal says how much in the caller's language and the file stays
     * open. What no victim can take (an asset worth more than the losses) and an asset only traced do not hold it.
     */
    @Test
    void aFileDoesNotCloseWhileRecoveredMoneyCouldStillGoBackToAVictim() {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-2-01", "officer", "结档" + n, null);
        String victim = fx.victim(officer, file, "结" + n, 50_000);
        fx.asset(officer, file, "在逃赃车" + n, 300_000, "TRACED");
        String cash = fx.asset(officer, file, "扣押现金" + n, 80_000, "SEIZED");
        String close = "/api/v1/recovery/files/" + file + "/close";

        HttpResponse<String> owed = api.send("POST", close, officer, null, "Accept-Language", "en");
        assertThat(owed.statusCode()).isEqualTo(409);
        assertThat(owed.body()).contains("500.00 yuan recovered can still go back to victims");
        assertThat(api.send("POST", close, officer, null).body()).contains("还有 500.00 元可返还");
        assertThat(fx.detail(officer, file).get("file").get("status").asText()).isEqualTo("OPEN");

        assertThat(fx.returned(officer, file, victim, cash, 30_000).statusCode()).isEqualTo(201);
        HttpResponse<String> partly = api.send("POST", close, officer, null, "Accept-Language", "en");
        assertThat(partly.statusCode()).isEqualTo(409);
        assertThat(partly.body()).contains("200.00 yuan recovered can still go back to victims");

        assertThat(fx.returned(officer, file, victim, cash, 20_000).statusCode()).isEqualTo(201);
        assertThat(fx.send("POST", close, officer, Map.of("outcome", "RECOVERED_IN_FULL", "note", "赃款已全部返还"), 200)
                .get("file").get("status").asText()).isEqualTo("CLOSED");
    }

    /**
     * A file whose assets were traced and never recovered (the money spent, the car abroad) still closes: no state
     * says an asset is lost for good, so refusing would keep such a file open for ever.
     */
    @Test
    void aFileWhoseTracedAssetsWereNeverRecoveredStillCloses() {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-2-01", "officer", "未追回" + n, today().minusDays(10).toString());
        fx.victim(officer, file, "查" + n, 50_000);
        fx.asset(officer, file, "在逃赃车" + n, 50_000, "TRACED");
        assertThat(fx.send("POST", "/api/v1/recovery/files/" + file + "/close", officer, Map.of("outcome",
                "NOTHING_RECOVERABLE", "note", "赃车已出境，无法追回"), 200).get("file").get("status").asText())
                .isEqualTo("CLOSED");
    }

    /**
     * Closing a file says how it ended (结档结论): a conclusion chosen and a note, both required, refused in the
     * caller's language when missing or when the file's own figures contradict it (in full while losses are not
     * returned, nothing recoverable once something was recovered), nothing changed; once closed, the conclusion
     * shows on the file, in its list and in the trail, and reopening clears it. Another station's officer gets 404.
     */
    @Test
    void closingAFileTakesHowItEndedWithANoteShownOnItAndItsListAndAudited() {
        String n = RecoveryFixtures.n();
        String title = "结论" + n;
        String file = fx.file(officer, "FS-2-01", "officer", title, null);
        String victim = fx.victim(officer, file, "论" + n, 50_000);
        String cash = fx.asset(officer, file, "扣押现金" + n, 30_000, "SEIZED");
        assertThat(fx.returned(officer, file, victim, cash, 30_000).statusCode()).isEqualTo(201);
        String close = "/api/v1/recovery/files/" + file + "/close";

        HttpResponse<String> bare = api.send("POST", close, officer, null, "Accept-Language", "en");
        assertThat(bare.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(bare).get("errors").findValuesAsText("field")).containsExactly("outcome",
                "outcomeNote");
        HttpResponse<String> full = api.send("POST", close, officer, Map.of("outcome", "RECOVERED_IN_FULL", "note",
                "已全部返还"), "Accept-Language", "en");
        assertThat(full.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(full).get("errors").findValuesAsText("message")).containsExactly("200.00 yuan of the"
                + " victims' losses has not been returned: the file cannot be closed as recovered in full");
        assertThat(api.send("POST", close, officer, Map.of("outcome", "NOTHING_RECOVERABLE", "note", "无"))
                .body()).contains("本案已追缴 300.00 元，不能以“无可追缴”结档");
        assertThat(fx.detail(officer, file).get("file").get("status").asText()).isEqualTo("OPEN");
        assertThat(api.send("POST", close, officer2, Map.of("outcome", "RECOVERED_IN_PART", "note", "部分"))
                .statusCode()).isEqualTo(404);

        JsonNode closed = fx.send("POST", close, officer, Map.of("outcome", "RECOVERED_IN_PART", "note",
                "嫌疑人已挥霍余款，" + n), 200).get("file");
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("outcome").asText()).isEqualTo("RECOVERED_IN_PART");
        assertThat(closed.get("outcomeNote").asText()).isEqualTo("嫌疑人已挥霍余款，" + n);
        assertThat(jdbc.sql("""
                SELECT after ->> 'outcome' FROM audit_entry WHERE record_type = 'recovery-file' AND record_id = ?
                   AND action = 'UPDATE' ORDER BY seq DESC LIMIT 1""").param(file).query(String.class).single())
                .isEqualTo("RECOVERED_IN_PART");
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/recovery/" + file, null).body()).contains("部分挽损", "嫌疑人已挥霍余款，" + n);
        assertThat(browser.get("/recovery?show=closed&q=" + java.net.URLEncoder.encode(title,
                java.nio.charset.StandardCharsets.UTF_8), null).body()).contains(title, "部分挽损");

        JsonNode reopened = fx.send("POST", "/api/v1/recovery/files/" + file + "/reopen", officer, null, 200)
                .get("file");
        assertThat(reopened.path("outcome").asText(null)).as("no conclusion once reopened").isNull();
        assertThat(browser.get("/recovery/" + file, null).body()).doesNotContain("嫌疑人已挥霍余款，" + n);
    }

    /** A revisit dated before the file was registered is refused, naming that day, and nothing is recorded. */
    @Test
    void aRevisitIsNotDatedBeforeTheFileWasRegistered() {
        String n = RecoveryFixtures.n();
        LocalDate registered = today().minusDays(10);
        String file = fx.file(officer, "FS-2-01", "officer", "回访日期" + n, registered.toString());
        String victim = fx.victim(officer, file, "访" + n, 50_000);
        String revisits = "/api/v1/recovery/files/" + file + "/revisits";
        Map<String, Object> early = Map.of("victimId", victim, "visitedOn", registered.minusDays(1).toString(),
                "said", "满意", "satisfied", true);
        HttpResponse<String> before = api.send("POST", revisits, officer, early);
        assertThat(before.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(before).get("errors").findValuesAsText("field")).containsExactly("visitedOn");
        assertThat(ApiClient.json(before).get("errors").findValuesAsText("message"))
                .containsExactly("回访日期不能早于档案立案日期（" + registered + "）");
        assertThat(ApiClient.json(api.send("POST", revisits, officer, early, "Accept-Language", "en")).get("errors")
                .findValuesAsText("message"))
                .containsExactly("A revisit cannot be dated before the file was registered (" + registered + ")");
        assertThat(fx.detail(officer, file).get("revisits")).isEmpty();
        fx.send("POST", revisits, officer, Map.of("victimId", victim, "visitedOn", registered.toString(), "said",
                "满意", "satisfied", true), 200);
    }

    /**
     * A year of registration out of range is refused on the list, the ledger and the rates, API and page alike, in
     * the caller's language: the rates page does not show every year instead, nor the list fail on the database.
     */
    @Test
    void aYearOutOfRangeIsRefusedNotReadAsEveryYear() {
        for (String path : List.of("/api/v1/recovery/files?year=0", "/api/v1/recovery/rates?year=2150",
                "/api/v1/recovery/files/export?year=-3")) {
            HttpResponse<String> refused = api.send("GET", path, officer, null, "Accept-Language", "en");
            assertThat(refused.statusCode()).as(path + " " + refused.body()).isEqualTo(400);
            assertThat(ApiClient.json(refused).get("errors").findValuesAsText("message"))
                    .containsExactly("The year of registration must be between 1949 and 2099");
        }
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        for (String path : List.of("/recovery/rates?year=2150", "/recovery?show=all&year=0",
                "/recovery?show=closed&year=99999")) {
            HttpResponse<String> page = browser.get(path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(400);
            // said on the page itself, above its filters, not on the error page
            assertThat(page.body()).contains("立案年度须在 1949 至 2099 之间", "class=\"problems\"",
                    "class=\"page recovery-page\"");
            assertThat(english.get(path, null).body())
                    .contains("The year of registration must be between 1949 and 2099", "class=\"page recovery-page\"");
        }
        assertThat(browser.get("/recovery/rates?year=2025", null).statusCode()).isEqualTo(200);
        assertThat(fx.send("GET", "/api/v1/recovery/rates?year=1990", officer, null, 200).get("files").asLong())
                .isZero();
    }

    /**
     * An asset's history and its returns read in order: a change of state dated before the one it follows, or a
     * return dated before the asset was seized or frozen, is refused naming that day, and nothing is written.
     */
    @Test
    void anAssetsChangesAndReturnsAreNotDatedBeforeWhatTheyFollow() {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-2-01", "officer", "日期顺序" + n, today().minusDays(20).toString());
        String victim = fx.victim(officer, file, "序" + n, 50_000);
        String description = "现金" + n;
        JsonNode d = fx.send("POST", "/api/v1/recovery/files/" + file + "/assets", officer, Map.of("kind", "CASH",
                "description", description, "valueFen", 50_000, "tracedOn", today().minusDays(10).toString()), 200);
        String cash = d.get("assets").get(0).get("id").asText();
        String move = "/api/v1/recovery/files/" + file + "/assets/" + cash + "/state";

        HttpResponse<String> early = api.send("POST", move, officer, Map.of("state", "SEIZED", "on",
                today().minusDays(12).toString()));
        assertThat(early.statusCode()).as(early.body()).isEqualTo(400);
        assertThat(ApiClient.json(early).get("errors").findValuesAsText("field")).containsExactly("on");
        assertThat(ApiClient.json(early).get("errors").findValuesAsText("message"))
                .containsExactly("日期不能早于该财物上一次状态变化的日期（" + today().minusDays(10) + "）");
        assertThat(fx.detail(officer, file).get("assets").get(0).get("state").asText()).isEqualTo("TRACED");
        fx.send("POST", move, officer, Map.of("state", "SEIZED", "on", today().minusDays(5).toString()), 200);

        Map<String, Object> back = new HashMap<>();
        back.put("victimId", victim);
        back.put("assetId", cash);
        back.put("amountFen", 50_000);
        back.put("returnedOn", today().minusDays(6).toString());
        String returns = "/api/v1/recovery/files/" + file + "/returns";
        HttpResponse<String> before = api.send("POST", returns, officer, back, "Accept-Language", "en");
        assertThat(before.statusCode()).as(before.body()).isEqualTo(400);
        assertThat(ApiClient.json(before).get("errors").findValuesAsText("message")).containsExactly(
                "The return cannot be dated before the asset was seized or frozen (" + today().minusDays(5) + ")");
        assertThat(returnedOf(file)).isZero();
        back.put("returnedOn", today().minusDays(5).toString());
        assertThat(api.send("POST", returns, officer, back).statusCode()).isEqualTo(201);
        assertThat(returnedOf(file)).isEqualTo(50_000);
    }

    @Test
    void concurrentReturnsCanNeverTogetherExceedWhatWasRecovered() throws Exception {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-2-02", "officer", "并发" + n, null);
        String victim = fx.victim(officer, file, "并发甲" + n, 10_000_000);
        String asset = fx.asset(officer, file, "并发现金" + n, 100_000, "SEIZED");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return fx.returned(officer, file, victim, asset, 30_000).statusCode();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> r : results) {
                codes.add(r.get());
            }
            assertThat(codes).as("1000 yuan recovered: three returns of 300 fit, a fourth would not")
                    .containsOnly(201, 400).filteredOn(c -> c == 201).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(returnedOf(file)).isEqualTo(90_000);
        JsonNode d = fx.detail(officer, file);
        assertThat(d.get("returns")).hasSize(3);
        assertThat(d.get("assets").get(0).get("returnedFen").asLong()).isEqualTo(90_000);
    }

    @Test
    void ratesPerFileStationAndYearAddUpTheFilesOfThatYearInScope() {
        String n = RecoveryFixtures.n();
        // 2011: a year no demo file and no other test uses, in 石榴派出所, owned by its workstation's officer
        UUID shiliu = jdbc.sql("SELECT id FROM staff WHERE police_number = '003101'").query(UUID.class).single();
        String one = fx.file(bureau, "SL-1-01", shiliu, "率一" + n, "2011-03-01");
        String v1 = fx.victim(bureau, one, "率甲" + n, 300_000);
        String a1 = fx.asset(bureau, one, "率现金" + n, 200_000, "SEIZED");
        fx.asset(bureau, one, "率追查" + n, 90_000, "TRACED");
        assertThat(fx.returned(bureau, one, v1, a1, 150_000).statusCode()).isEqualTo(201);
        String two = fx.file(bureau, "SL-2-01", shiliu, "率二" + n, "2011-11-30");
        fx.victim(bureau, two, "率乙" + n, 100_000);
        fx.asset(bureau, two, "率冻结" + n, 70_000, "FROZEN");
        String other = fx.file(bureau, "SL-1-02", shiliu, "率三" + n, "2012-01-01");
        fx.victim(bureau, other, "率丙" + n, 999_900);

        JsonNode fileOne = fx.detail(bureau, one).get("figures");
        assertThat(fileOne.get("recoveryRate").decimalValue()).isEqualByComparingTo("66.7");
        assertThat(fileOne.get("returnRate").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(fileOne.get("returnOfRecovered").decimalValue()).isEqualByComparingTo("75.0");

        JsonNode table = fx.send("GET", "/api/v1/recovery/rates?year=2011", bureau, null, 200);
        assertThat(table.get("rows")).hasSize(1);
        JsonNode row = table.get("rows").get(0);
        assertThat(row.get("unitCode").asText()).isEqualTo("320722030000");
        assertThat(row.get("year").asInt()).isEqualTo(2011);
        assertThat(row.get("files").asLong()).isEqualTo(2);
        JsonNode g = row.get("figures");
        assertThat(g.get("lostFen").asLong()).isEqualTo(400_000);
        assertThat(g.get("recoveredFen").asLong()).isEqualTo(270_000);
        assertThat(g.get("returnedFen").asLong()).isEqualTo(150_000);
        assertThat(g.get("recoveryRate").decimalValue()).isEqualByComparingTo("67.5");
        assertThat(g.get("returnRate").decimalValue()).isEqualByComparingTo("37.5");
        assertThat(g.get("returnOfRecovered").decimalValue()).isEqualByComparingTo("55.6");
        assertThat(table.get("total").get("lostFen").asLong()).isEqualTo(400_000);

        JsonNode all = fx.send("GET", "/api/v1/recovery/rates", bureau, null, 200);
        assertThat(all.get("rows").findValuesAsText("year")).contains("2011", "2012");
        assertThat(fx.send("GET", "/api/v1/recovery/rates?year=2011", officer, null, 200).get("rows"))
                .as("the rural officer sees no file of 石榴派出所").isEmpty();
        assertThat(fx.send("GET", "/api/v1/recovery/files?year=2011&size=100", bureau, null, 200).get("items")
                .findValuesAsText("title")).contains("率一" + n, "率二" + n).doesNotContain("率三" + n);
    }

    /**
     * A file whose seized assets are worth more than its victims lost (a car for a fraud of a quarter of its price)
     * reads a recovery rate of 100 %, not 400 %, and shows the part beyond the loss; a station's rate adds up what
     * each file recovered up to its own loss, so one file's surplus hides no other file's shortfall (50 %, not 150 %).
     */
    @Test
    void aRecoveryRateNeverReadsAboveAHundredPercentAndShowsWhatWasRecoveredBeyondTheLoss() {
        String n = RecoveryFixtures.n();
        // 2008: a year no demo file and no other test uses, in 石榴派出所
        UUID shiliu = jdbc.sql("SELECT id FROM staff WHERE police_number = '003101'").query(UUID.class).single();
        String car = fx.file(bureau, "SL-1-01", shiliu, "超额" + n, "2008-05-01");
        fx.victim(bureau, car, "超甲" + n, 100_000);
        fx.asset(bureau, car, "扣押车辆" + n, 400_000, "SEIZED");
        String shortfall = fx.file(bureau, "SL-2-01", shiliu, "不足" + n, "2008-06-01");
        fx.victim(bureau, shortfall, "超乙" + n, 200_000);
        fx.asset(bureau, shortfall, "冻结存款" + n, 50_000, "FROZEN");

        JsonNode one = fx.detail(bureau, car).get("figures");
        assertThat(one.get("recoveredFen").asLong()).isEqualTo(400_000);
        assertThat(one.get("recoveryRate").decimalValue()).isEqualByComparingTo("100.0");
        assertThat(one.get("recoveredBeyondLossFen").asLong()).isEqualTo(300_000);

        JsonNode g = fx.send("GET", "/api/v1/recovery/rates?year=2008", bureau, null, 200).get("rows").get(0)
                .get("figures");
        assertThat(g.get("lostFen").asLong()).isEqualTo(300_000);
        assertThat(g.get("recoveredFen").asLong()).isEqualTo(450_000);
        assertThat(g.get("recoveredBeyondLossFen").asLong()).isEqualTo(300_000);
        assertThat(g.get("recoveryRate").decimalValue()).isEqualByComparingTo("50.0");

        ApiClient browser = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, null);
        assertThat(browser.get("/recovery/" + car, null).body()).contains("100.0%")
                .contains("其中 3000.00 元超出损失，不计入挽损率").doesNotContain("400.0%");
        assertThat(browser.get("/recovery/rates?year=2008", null).body()).contains("50.0%")
                .contains("其中 3000.00 元超出损失，不计入挽损率").doesNotContain("150.0%");
    }

    /**
     * The year box of the list takes the years the server counts files under: paper files back to 1949, as the
     * server accepts, not from 2000 only.
     */
    @Test
    void theListsYearBoxTakesTheYearsTheServerAccepts() {
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        assertThat(browser.get("/recovery", null).body()).contains("id=\"year\" name=\"year\" type=\"number\" min=\"1949\" max=\"2099\"");
        assertThat(fx.send("GET", "/api/v1/recovery/files?year=1949", officer, null, 200).get("items")).isEmpty();
        assertThat(api.send("GET", "/api/v1/recovery/files?year=1948", officer, null).statusCode()).isEqualTo(400);
    }

    /**
     * The officer who owns a file calls its victims back (谁主办谁负责): an auxiliary who owns it reads a victim's full
     * phone with a stated reason, audited, though he reveals nothing else in full; another auxiliary of the same unit
     * may not, an officer who may reveal personal data may, and outside the subtree the victim is not found. The
     * file itself keeps showing the phone masked.
     */
    @Test
    void theOwnerOfAFileRevealsAVictimsPhoneWithAReasonAuditedAndNobodyElseWithoutTheRightTo() {
        String n = RecoveryFixtures.n();
        UUID unit = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        String ownerName = TestStaff.uniqueUsername("rcown");
        String otherName = TestStaff.uniqueUsername("rcaux");
        UUID owner = directory.register(new UnitId(unit), StaffRole.AUXILIARY_POLICE, "主办辅警" + n, null, null, "辅警",
                ownerName, TestStaff.PASSWORD).id().value();
        directory.register(new UnitId(unit), StaffRole.AUXILIARY_POLICE, "同所辅警" + n, null, null, "辅警", otherName,
                TestStaff.PASSWORD);
        String file = fx.file(officer, "FS-4-01", owner, "回访" + n, null);
        String victim = fx.victim(officer, file, "被害" + n, 10_000);
        String reveal = "/api/v1/recovery/files/" + file + "/victims/" + victim + "/reveal";
        String ownerToken = api.token(ownerName, TestStaff.PASSWORD);

        assertThat(ApiClient.json(api.send("POST", reveal, ownerToken, Map.of("reason", "回访"))).get("errors")
                .findValuesAsText("message")).containsExactly("请说明查看被害人完整电话的事由（至少 4 个字）");
        assertThat(fx.send("POST", reveal, ownerToken, Map.of("reason", "电话回访被害人"), 200).get("phone").asText())
                .isEqualTo("13912340000");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'recovery-victim' AND action = 'REVEAL'
                AND record_id = ? AND after->>'reason' = '电话回访被害人'""").param(victim).query(Long.class).single())
                .isEqualTo(1);
        assertThat(api.send("POST", reveal, api.token(otherName, TestStaff.PASSWORD), Map.of("reason", "电话回访被害人"))
                .statusCode()).isEqualTo(403);
        assertThat(fx.send("POST", reveal, officer, Map.of("reason", "核实被害人联系方式"), 200).get("phone").asText())
                .isEqualTo("13912340000");
        assertThat(api.send("POST", reveal, officer2, Map.of("reason", "电话回访被害人")).statusCode()).isEqualTo(404);
        assertThat(fx.detail(ownerToken, file).toString()).contains("139****0000").doesNotContain("13912340000");

        // on the page, as the owner meets it
        ApiClient browser = new ApiClient(port).signedIn(ownerName, TestStaff.PASSWORD, null);
        String page = "/recovery/" + file;
        assertThat(browser.get(page, null).body()).contains("查看完整电话").doesNotContain("13912340000");
        HttpResponse<String> shown = browser.form(page + "/victims/" + victim + "/reveal",
                Map.of("_csrf", browser.csrfFrom(page), "reason", "电话回访被害人"));
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("13912340000");
        HttpResponse<String> refused = browser.form(page + "/victims/" + victim + "/reveal",
                Map.of("_csrf", browser.csrfFrom(page), "reason", "x"));
        assertThat(refused.body()).contains("请说明查看被害人完整电话的事由").doesNotContain("13912340000");
        ApiClient other = new ApiClient(port).signedIn(otherName, TestStaff.PASSWORD, null);
        assertThat(other.get(page, null).body()).doesNotContain("查看完整电话");
    }

    @Test
    void aVictimNamedByHandTwiceOnOneFileIsRefusedWithNothingSaved() {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-3-01", "officer", "重复被害人" + n, null);
        String path = "/api/v1/recovery/files/" + file + "/victims";
        Map<String, Object> victim = Map.of("name", "重复" + n, "phone", "13812345678",
                "losses", List.of(Map.of("description", "电动车" + n, "amountFen", 320_000)));
        fx.send("POST", path, officer, victim, 200);

        // sent again (a second click, a second officer): the same victim and his losses counted twice in the rates
        HttpResponse<String> again = api.send("POST", path, officer, victim);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("同名同电话的被害人已在本案登记");
        Map<String, Object> spaced = Map.of("name", " 重复" + n + " ", "phone", "138 1234 5678");
        HttpResponse<String> en = api.send("POST", path, officer, spaced, "Accept-Language", "en");
        assertThat(en.statusCode()).as(en.body()).isEqualTo(409);
        assertThat(en.body()).contains("A victim of the same name and phone is on this file already");
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_victim WHERE file_id = ?").param(UUID.fromString(file))
                .query(Long.class).single()).as("one victim").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_loss WHERE file_id = ?").param(UUID.fromString(file))
                .query(Long.class).single()).as("his loss once").isEqualTo(1);

        // namesakes are different people when their phones differ; one without a phone is told apart by none
        fx.send("POST", path, officer, Map.of("name", "重复" + n, "phone", "13912345678"), 200);
        fx.send("POST", path, officer, Map.of("name", "重复" + n), 200);
        assertThat(api.send("POST", path, officer, Map.of("name", "重复" + n)).statusCode()).isEqualTo(409);
        assertThat(fx.detail(officer, file).get("victims")).hasSize(3);
    }

    @Test
    void theReceiptPrintsTheVictimTheAmountInYuanAndTheItemsAndIsRecordedSignedWithAScanCheckedByItsBytes()
            throws IOException {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-3-01", "officer", "凭证" + n, null);
        JsonNode d = fx.send("POST", "/api/v1/recovery/files/" + file + "/victims", officer, Map.of("name", "收条人" + n,
                "phone", "13812345678", "losses", List.of(Map.of("description", "金戒指" + n, "quantity", 2, "amountFen", 523_456),
                        Map.of("description", "现金" + n, "amountFen", 100_000))), 200);
        String victim = d.get("victims").get(0).get("id").asText();
        assertThat(d.get("victims").get(0).get("phoneMasked").asText()).isEqualTo("138****5678");
        assertThat(d.toString()).doesNotContain("13812345678");
        String asset = fx.asset(officer, file, "追回金戒指" + n, 523_456, "SEIZED");
        Map<String, Object> body = new HashMap<>();
        body.put("victimId", victim);
        body.put("assetId", asset);
        body.put("amountFen", 523_456);
        body.put("items", "金戒指2枚" + n);
        String ret = fx.send("POST", "/api/v1/recovery/files/" + file + "/returns", officer, body, 201).get("id").asText();

        HttpResponse<byte[]> pdf = fx.bytes("/api/v1/recovery/files/" + file + "/returns/" + ret + "/receipt.pdf", officer);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(text).contains("发还赃款赃物领取凭证", "收条人" + n, "5234.56", "金戒指2枚" + n, "金戒指" + n,
                    "138****5678", "领取人").doesNotContain("13812345678");
            // the sum in capitals too, as a Chinese receipt states it, and still in figures
            assertThat(text).contains("本次发还金额合计人民币（大写）伍仟贰佰叁拾肆元伍角陆分（小写）5234.56元");
        }
        HttpResponse<byte[]> english = fx.bytes("/api/v1/recovery/files/" + file + "/returns/" + ret + "/receipt.pdf",
                officer, "Accept-Language", "en");
        // each saved under a name in its reader's language, as it is written (RFC 5987 filename*)
        assertThat(savedAs(pdf)).startsWith("赃款赃物领取凭证-").endsWith(".pdf");
        assertThat(savedAs(english)).startsWith("receipt-").endsWith(".pdf");
        try (PDDocument doc = Loader.loadPDF(english.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Total returned now 5234.56 yuan")
                    .doesNotContain("伍仟");
        }

        String receipt = "/api/v1/recovery/files/" + file + "/returns/" + ret + "/receipt";
        HttpResponse<String> text = fx.upload(receipt, officer, "not a scan".getBytes(), "scan.txt", null,
                "Accept-Language", "en");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("must be a PDF, JPEG or PNG");
        HttpResponse<String> early = fx.upload(receipt, officer, null, null, today().minusDays(1).toString(),
                "Accept-Language", "en");
        assertThat(early.body()).contains("cannot be signed before the return");
        assertThat(fx.detail(officer, file).get("returns").get(0).has("receiptSignedOn")).isFalse();

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        HttpResponse<String> signed = fx.upload(receipt, officer, png, "scan.png", today().toString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        JsonNode r = ApiClient.json(signed).get("returns").get(0);
        assertThat(r.get("receiptSignedOn").asText()).isEqualTo(today().toString());
        assertThat(r.get("scanType").asText()).isEqualTo("image/png");
        HttpResponse<byte[]> scan = fx.bytes("/api/v1/recovery/files/" + file + "/returns/" + ret + "/scan", officer);
        assertThat(scan.statusCode()).isEqualTo(200);
        assertThat(scan.body()).isEqualTo(png);
        assertThat(savedAs(scan)).isEqualTo("领取凭证扫描件-" + ret + ".png");
        assertThat(savedAs(fx.bytes("/api/v1/recovery/files/" + file + "/returns/" + ret + "/scan", officer,
                "Accept-Language", "en"))).isEqualTo("receipt-scan-" + ret + ".png");
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE record_type = 'recovery-file' AND record_id = ? ORDER BY seq")
                .param(file).query(String.class).list()).startsWith("CREATE", "UPDATE").contains("READ");
    }

    /**
     * A receipt recorded signed stays as signed: a second "signed" (a form posted twice, two officers at once) is
     * refused in the caller's language and the victim's signed scan is kept, not wiped by a post without one.
     */
    @Test
    void aSignedReceiptIsNotSignedAgainAndItsScanIsKept() {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-2-01", "officer", "签收" + n, null);
        String victim = fx.victim(officer, file, "签" + n, 10_000);
        String asset = fx.asset(officer, file, "现金" + n, 10_000, "SEIZED");
        String ret = ApiClient.json(fx.returned(officer, file, victim, asset, 10_000)).get("id").asText();
        String receipt = "/api/v1/recovery/files/" + file + "/returns/" + ret + "/receipt";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(fx.upload(receipt, officer, png, "scan.png", today().toString()).statusCode()).isEqualTo(200);

        HttpResponse<String> again = fx.upload(receipt, officer, null, null, today().toString(), "Accept-Language", "en");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("The receipt was recorded signed on " + today() + " already");
        assertThat(fx.upload(receipt, officer, null, null, null).body()).contains("该凭证已于 " + today() + " 登记签收");
        HttpResponse<byte[]> scan = fx.bytes("/api/v1/recovery/files/" + file + "/returns/" + ret + "/scan", officer);
        assertThat(scan.statusCode()).isEqualTo(200);
        assertThat(scan.body()).isEqualTo(png);
    }

    @Test
    void aVictimFromThePopulationRecordsMustBeInScopeAndASuspectsNumberIsMaskedAndRevealedOnlyWithAReason() {
        String n = RecoveryFixtures.n();
        String file = fx.file(officer, "FS-4-01", "officer", "人口" + n, null);
        UUID mine = jdbc.sql("SELECT p.id FROM person p JOIN grid g ON g.id = p.grid_id WHERE g.code = 'FS-4-01' LIMIT 1")
                .query(UUID.class).single();
        UUID theirs = jdbc.sql("SELECT p.id FROM person p JOIN grid g ON g.id = p.grid_id WHERE g.code LIKE 'NS-%' LIMIT 1")
                .query(UUID.class).single();
        String name = jdbc.sql("SELECT name FROM person WHERE id = ?").param(mine).query(String.class).single();
        HttpResponse<String> out = api.send("POST", "/api/v1/recovery/files/" + file + "/victims", officer,
                Map.of("personId", theirs), "Accept-Language", "en");
        assertThat(out.statusCode()).isEqualTo(400);
        assertThat(out.body()).contains("outside your jurisdiction");
        JsonNode d = fx.send("POST", "/api/v1/recovery/files/" + file + "/victims", officer, Map.of("personId", mine,
                "losses", List.of(Map.of("description", "手机", "amountFen", 299_900))), 200);
        assertThat(d.get("victims").get(0).get("name").asText()).isEqualTo(name);
        assertThat(d.get("victims").get(0).get("personId").asText()).isEqualTo(mine.toString());
        assertThat(api.send("POST", "/api/v1/recovery/files/" + file + "/victims", officer, Map.of("personId", mine))
                .statusCode()).as("the same person twice").isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'person' AND record_id = ? AND action = 'READ'")
                .param(mine.toString()).query(Long.class).single()).isPositive();

        HttpResponse<String> badNumber = api.send("POST", "/api/v1/recovery/files/" + file + "/suspects", officer,
                Map.of("name", "嫌" + n, "idNumber", "320722199003151238"));
        assertThat(badNumber.statusCode()).isEqualTo(400);
        JsonNode s = fx.send("POST", "/api/v1/recovery/files/" + file + "/suspects", officer, Map.of("name", "嫌" + n,
                "idNumber", "320722199003151237", "caughtOn", today().toString()), 200).get("suspects").get(0);
        assertThat(s.get("idMasked").asText()).isEqualTo("320722********1237");
        assertThat(fx.detail(officer, file).toString()).doesNotContain("320722199003151237");
        String reveal = "/api/v1/recovery/files/" + file + "/suspects/" + s.get("id").asText() + "/reveal";
        assertThat(api.send("POST", reveal, officer, Map.of("reason", "x")).statusCode()).isEqualTo(400);
        assertThat(fx.send("POST", reveal, officer, Map.of("reason", "核对在逃人员信息"), 200).get("idNumber").asText())
                .isEqualTo("320722199003151237");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'recovery-suspect' AND action = 'REVEAL' AND record_id = ?")
                .param(s.get("id").asText()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aFileFromAnIncidentTakesItsGridAndTheInvestigatorsVerificationAndARevisitAreRecorded() {
        String n = RecoveryFixtures.n();
        Map<String, Object> report = new HashMap<>();
        report.put("source", "FIELD");
        report.put("category", "CASE");
        report.put("subtype", "CRIMINAL");
        report.put("description", "村民家中被盗现金" + n);
        report.put("gridId", fx.grid("FS-5-02"));
        report.put("address", "林疃村二组");
        JsonNode incident = fx.send("POST", "/api/v1/incidents", officer, report, 201);
        String incidentId = incident.has("incident") ? incident.get("incident").get("id").asText() : incident.get("id").asText();
        assertThat(api.send("POST", "/api/v1/recovery/files", officer2, Map.of("caseNumber", "x", "title", "x",
                "incidentId", incidentId, "ownerId", fx.staff("officer2"))).statusCode())
                .as("another station's incident").isEqualTo(400);
        JsonNode d = fx.send("POST", "/api/v1/recovery/files", officer, Map.of("caseNumber", "事-" + n, "title",
                "入室盗窃" + n, "incidentId", incidentId, "ownerId", fx.staff("officer")), 201);
        String file = d.get("file").get("id").asText();
        assertThat(d.get("file").get("gridCode").asText()).isEqualTo("FS-5-02");
        assertThat(d.get("file").get("incidentCode").asText()).startsWith("FQ");
        assertThat(d.get("file").get("ownerName").asText()).isNotBlank();

        HttpResponse<String> noResult = api.send("PUT", "/api/v1/recovery/files/" + file + "/verification", officer,
                Map.of("department", "CYBER", "verifierName", "网安大队", "verifiedOn", today().toString()),
                "Accept-Language", "en");
        assertThat(ApiClient.json(noResult).get("errors").findValuesAsText("field")).containsExactly("result");
        JsonNode v = fx.send("PUT", "/api/v1/recovery/files/" + file + "/verification", officer, Map.of("department",
                "CRIMINAL", "verifierName", "刑侦大队 孙某", "verifiedOn", today().toString(), "result", "损失属实"), 200);
        assertThat(v.get("file").get("verifyDepartment").asText()).isEqualTo("CRIMINAL");
        String victim = fx.victim(officer, file, "回访" + n, 10_000);
        fx.send("POST", "/api/v1/recovery/files/" + file + "/revisits", officer, Map.of("victimId", victim, "visitedOn",
                today().toString(), "said", "希望尽快追回", "satisfied", false), 200);
        fx.send("POST", "/api/v1/recovery/files/" + file + "/close", officer, Map.of("outcome", "TRANSFERRED", "note",
                "移交经侦大队"), 200);
        assertThat(api.send("POST", "/api/v1/recovery/files/" + file + "/assets", officer, Map.of("kind", "CASH",
                "description", "x", "valueFen", 1)).statusCode()).as("a closed file takes no more").isEqualTo(409);
        JsonNode closed = fx.send("POST", "/api/v1/recovery/files/" + file + "/revisits", officer, Map.of("victimId",
                victim, "visitedOn", today().toString(), "said", "已满意", "satisfied", true), 200);
        assertThat(closed.get("revisits").findValuesAsText("satisfied")).containsExactly("false", "true");
    }

    @Test
    void permissionsNotRolesGuardTheApi() {
        String auditor = api.token("auditor", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/recovery/files", auditor).statusCode()).isEqualTo(403);
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/recovery/files", volunteer).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/recovery/rates", volunteer).statusCode()).isEqualTo(403);
        String admin = api.token("admin", DEMO_PASSWORD);
        assertThat(api.send("POST", "/api/v1/recovery/files", admin, Map.of("title", "x")).statusCode()).isEqualTo(403);
    }

    @Test
    void theDemoDistrictHoldsSeed001sFileWithACollectiveReturnAndRevisits() throws IOException {
        JsonNode list = fx.send("GET", "/api/v1/recovery/files?q=" + java.net.URLEncoder.encode("系列入户盗窃",
                java.nio.charset.StandardCharsets.UTF_8), bureau, null, 200).get("items");
        assertThat(list).hasSize(1);
        JsonNode d = fx.detail(officer, list.get(0).get("id").asText());
        assertThat(d.get("victims")).hasSize(3);
        assertThat(d.get("suspects")).hasSize(2);
        assertThat(d.get("assets").findValuesAsText("state")).contains("RETURNED", "FROZEN", "CONFISCATED", "TRACED");
        assertThat(d.get("returns")).hasSize(4);
        assertThat(d.get("returns").findValuesAsText("eventId")).hasSize(4).doesNotContain("null");
        assertThat(d.get("revisits").findValuesAsText("satisfied")).contains("true", "false");
        assertThat(d.get("file").get("verifyDepartment").asText()).isEqualTo("CRIMINAL");
        JsonNode f = d.get("figures");
        assertThat(f.get("returnedFen").asLong()).isLessThanOrEqualTo(f.get("recoveredFen").asLong());
        assertThat(api.get("/api/v1/recovery/files/" + list.get(0).get("id").asText(), officer2).statusCode()).isEqualTo(404);

        // the station's collective return is seen from the office under it, not from another station
        String eventId = d.get("returns").get(0).get("eventId").asText();
        JsonNode event = fx.send("GET", "/api/v1/recovery/events/" + eventId, officer, null, 200);
        assertThat(event.get("event").get("place").asText()).isEqualTo("房山派出所院内");
        assertThat(event.get("returns")).hasSize(4);
        assertThat(api.get("/api/v1/recovery/events/" + eventId, officer2).statusCode()).isEqualTo(404);
        assertThat(fx.send("GET", "/api/v1/recovery/events", officer, null, 200).findValuesAsText("id")).contains(eventId);

        // a receipt of the collective return names the event, in the reader's language
        String file = list.get(0).get("id").asText();
        String ret = d.get("returns").get(0).get("id").asText();
        HttpResponse<byte[]> pdf = fx.bytes("/api/v1/recovery/files/" + file + "/returns/" + ret + "/receipt.pdf", officer);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", "")).contains("集中返赃活动", "房山派出所院内",
                    "8000.00", "现金8000元");
        }
        HttpResponse<byte[]> english = fx.bytes("/api/v1/recovery/files/" + file + "/returns/" + ret + "/receipt.pdf?lang=en",
                officer);
        try (PDDocument doc = Loader.loadPDF(english.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Receipt for returned stolen property", "Received by");
        }
    }

    /** The name a browser saves a download under: its UTF-8 form (filename*=UTF-8''…), decoded. */
    private static String savedAs(HttpResponse<byte[]> download) {
        String header = download.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(header).contains("filename*=UTF-8''");
        return java.net.URLDecoder.decode(header.substring(header.indexOf("''") + 2), java.nio.charset.StandardCharsets.UTF_8);
    }
}
