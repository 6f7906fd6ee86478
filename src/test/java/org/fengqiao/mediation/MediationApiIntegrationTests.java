package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

class MediationApiIntegrationTests extends IntegrationTest {

    /** The platform's days and weeks are Beijing's: between 16:00 and 24:00 UTC the JVM's default zone is a day behind. */
    static final java.time.ZoneId BEIJING = java.time.ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.fengqiao.jurisdiction.Jurisdictions jurisdictions;

    ApiClient api;
    String officer;
    String officer2;
    String bureau;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    static String n() {
        return String.valueOf(100000 + new Random().nextInt(899999));
    }

    Map<String, Object> dispute(UUID grid, String summary, String officerUsername) {
        Map<String, Object> body = new HashMap<>();
        body.put("origin", "WALK_IN");
        body.put("kind", "NEIGHBOURS");
        body.put("gridId", grid);
        body.put("summary", summary);
        body.put("parties", List.of(Map.of("name", "甲方" + summary, "phone", "13912345678"), Map.of("name", "乙方" + summary)));
        body.put("team", List.of(Map.of("staffId", staff(officerUsername), "role", "OFFICER")));
        return body;
    }

    JsonNode send(String method, String path, String token, Object body, int expected) {
        HttpResponse<String> r = api.send(method, path, token, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return ApiClient.json(r);
    }

    Map<String, Object> agreement(String text) {
        Map<String, Object> end = new HashMap<>();
        end.put("outcome", "AGREEMENT");
        end.put("level", "GRID");
        end.put("agreementText", text);
        end.put("officerWitness", true);
        end.put("partiesConsent", true);
        end.put("followUps", List.of(LocalDate.now(BEIJING).plusDays(10).toString()));
        return end;
    }

    /** The officer's request is refused (400) in each language, its first error on the field with the message. */
    void refusedInEachLanguage(String method, String path, Object body, String field, Map<String, String> expected) {
        for (String language : List.of("zh-CN", "en")) {
            HttpResponse<String> refused = api.send(method, path, officer, body, "Accept-Language", language);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode error = ApiClient.json(refused).get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).isEqualTo(expected.get(language));
        }
    }

    /** One mediation session recorded on the case, as an agreement follows one. */
    void session(String caseId, String token) {
        send("POST", "/api/v1/mediation/cases/" + caseId + "/sessions", token, Map.of("heldOn",
                LocalDate.now(BEIJING).toString(), "place", "村委会", "attendees", "双方", "said", "各自陈述"), 200);
    }

    /**
     * An agreement is what a mediation reached: a case with no session recorded is refused one, in the caller's
     * language, and stays open with nothing written; after a session the agreement is recorded.
     */
    @Test
    void anAgreementIsRecordedOnlyAfterAMediationSession() {
        String id = send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-02"), "未调解" + n(), "officer"),
                201).get("dispute").get("id").asText();
        String base = "/api/v1/mediation/cases/" + id;
        Map<String, Object> end = agreement("未经调解的协议");
        end.put("followUps", List.of(LocalDate.now(BEIJING).plusDays(30).toString()));
        refusedInEachLanguage("POST", base + "/end", end, "sessions", Map.of(
                "zh-CN", "本案尚未记录任何一次调解，不能记为达成协议；请先记录调解经过",
                "en", "No mediation session is recorded for this case: record one before the agreement"));
        assertThat(send("GET", base, officer, null, 200).get("dispute").get("status").asText()).isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_follow_up WHERE case_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).as("nothing half applied").isZero();

        session(id, officer);
        assertThat(send("POST", base + "/end", officer, end, 200).get("dispute").get("status").asText())
                .isEqualTo("AGREED");
    }

    /** The ladder's period ending before it starts is refused on the API, not answered with an empty ladder. */
    /** An agreed case of the officer's with two named parties and one follow-up visit due in ten days; its id. */
    String agreedCase(String summary) {
        String id = send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-05"), summary, "officer"), 201)
                .get("dispute").get("id").asText();
        session(id, officer);
        send("PUT", "/api/v1/mediation/cases/" + id + "/kind", officer, Map.of("kind", "LAND"), 200);
        send("POST", "/api/v1/mediation/cases/" + id + "/end", officer, agreement("协议" + summary), 200);
        return id;
    }

    /**
     * The English case page and agreement read as English: "Land dispute" as the page's heading, "Party 1" before
     * each party in the agreement, not the words run together ("Landdispute", "Party1"); the Chinese read as before.
     */
    @Test
    void theCasePageAndTheAgreementInEnglishKeepTheSpaceBetweenTheirWords() throws IOException {
        String n = n();
        String id = agreedCase("英文页面" + n);
        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        String page = english.get("/mediation/" + id, null, "Accept", "text/html").body();
        assertThat(page).contains("<span>Land dispute</span>");
        ApiClient chinese = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        assertThat(chinese.get("/mediation/" + id, null, "Accept", "text/html").body()).contains("<span>土地纠纷</span>");
        for (String[] language : new String[][] {{"en", "Party 1", "Party 2"}, {"zh-CN", "当事人1", "当事人2"}}) {
            HttpResponse<byte[]> pdf = api.download("/api/v1/mediation/cases/" + id + "/agreement.pdf", officer,
                    "Accept-Language", language[0]);
            // saved under a name in the reader's language, as the agreement is written (RFC 5987 filename*)
            assertThat(java.net.URLDecoder.decode(pdf.headers().firstValue("Content-Disposition").orElseThrow(),
                    java.nio.charset.StandardCharsets.UTF_8)).as(language[0]).containsPattern(
                    "filename\\*=UTF-8''" + (language[0].equals("en") ? "agreement" : "人民调解协议书") + "-.+\\.pdf$");
            try (PDDocument doc = Loader.loadPDF(pdf.body())) {
                String read = new PDFTextStripper().getText(doc);
                assertThat(read).as(language[0]).contains(language[1] + " 甲方英文页面" + n,
                        language[2] + " 乙方英文页面" + n);
            }
        }
    }

    /**
     * The agreement speaks of the parties as many as they are: 双方 ("both parties") for two, 各方 ("the parties") for
     * three or more, in each language; never "both" for three people who are to sign it.
     */
    @Test
    void theAgreementSaysBothPartiesForTwoAndAllThePartiesForThreeOrMore() throws IOException {
        String two = agreedCase("两方协议" + n());
        String three = send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-05"), "三方协议" + n(),
                "officer"), 201).get("dispute").get("id").asText();
        send("POST", "/api/v1/mediation/cases/" + three + "/parties", officer,
                Map.of("parties", List.of(Map.of("name", "丙方"))), 200);
        session(three, officer);
        send("POST", "/api/v1/mediation/cases/" + three + "/end", officer, agreement("三方各让一步"), 200);

        // the heading and the closing clause (when it binds, who keeps a copy) both: "各方" anywhere in a two-party
        // agreement, or "every party" in its English, is wrong
        Map<String, String[]> expected = Map.of(
                two + " zh-CN", new String[] {"经调解，双方自愿达成如下协议", "各方",
                        "本协议经双方当事人签字后生效，双方应当按照约定履行。本协议一式三份，双方各执一份"},
                three + " zh-CN", new String[] {"经调解，各方自愿达成如下协议", "双方",
                        "本协议经各方当事人签字后生效，各方应当按照约定履行。"},
                two + " en", new String[] {"Through mediation both parties freely agree as follows", "every party",
                        "takes effect when both parties have signed it"},
                three + " en", new String[] {"Through mediation the parties freely agree as follows", "both parties",
                        "takes effect when every party has signed it"});
        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            String[] caseAndLanguage = e.getKey().split(" ");
            HttpResponse<byte[]> pdf = api.download("/api/v1/mediation/cases/" + caseAndLanguage[0] + "/agreement.pdf",
                    officer, "Accept-Language", caseAndLanguage[1]);
            assertThat(pdf.statusCode()).isEqualTo(200);
            try (PDDocument doc = Loader.loadPDF(pdf.body())) {
                String read = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
                // a Chinese line wrapped inside a sentence reads back with a space in it
                read = caseAndLanguage[1].equals("zh-CN") ? read.replace(" ", "") : read;
                assertThat(read).as(e.getKey()).contains(e.getValue()[0], e.getValue()[2])
                        .doesNotContain(e.getValue()[1]);
            }
        }
    }

    /**
     * The weekly screening is of a police grid (警务网格): one of the other networks' grids (综治, 城管, 创城), though in
     * the officer's jurisdiction, is refused in the caller's language, and neither the screening nor the disputes it
     * found are saved.
     */
    @Test
    void aScreeningOfAGridOfAnotherNetworkIsRefusedInTheCallersLanguageAndNothingIsSaved() {
        String n = n();
        UUID other = gridOfAnotherNetwork(org.fengqiao.jurisdiction.GridNetwork.COMPREHENSIVE, "IT-SCR-", "综治", n, 33);
        Map<String, Object> screening = new HashMap<>();
        screening.put("gridId", other);
        screening.put("participants", "网格员");
        screening.put("findings", "发现一起纠纷");
        screening.put("disputes", List.of(Map.of("kind", "LAND", "summary", "综治网格的地界纠纷" + n)));
        refusedInEachLanguage("POST", "/api/v1/mediation/screenings", screening, "gridId", Map.of(
                "zh-CN", "矛盾纠纷排查只能登记在警务网格，请选择警务网格",
                "en", "Screenings are recorded for police grids only: choose a police grid"));
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_screening WHERE grid_id = ?").param(other).query(Long.class)
                .single()).as("no screening saved").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_case WHERE grid_id = ?").param(other).query(Long.class)
                .single()).as("no case opened").isZero();
    }

    /**
     * A grid of another network in a village of its own under the police grid FS-1-02's unit, so in the officer's
     * jurisdiction, on a small square at a random longitude of latitude {@code lat}, clear of the demo's grids.
     */
    UUID gridOfAnotherNetwork(org.fengqiao.jurisdiction.GridNetwork network, String codePrefix, String namePrefix,
            String n, int lat) {
        org.fengqiao.jurisdiction.Grid police = jurisdictions.grid(new org.fengqiao.jurisdiction.GridId(grid("FS-1-02")))
                .orElseThrow();
        org.fengqiao.jurisdiction.Community village = jurisdictions.createCommunity(police.unitId(),
                org.fengqiao.jurisdiction.CommunityKind.VILLAGE, codePrefix + "V-" + n, namePrefix + "村" + n, null,
                null, null);
        double lon = 100 + new Random().nextInt(800) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%d],[%s,%d],[%s,%d.004],[%s,%d.004],[%s,%d]]]}"
                .formatted(lon, lat, lon + 0.004, lat, lon + 0.004, lat, lon, lat, lon, lat);
        return jurisdictions.createGrid(village.id(), network, codePrefix + "G-" + n, namePrefix + "网格" + n, square,
                null, null, null).id().value();
    }

    /**
     * A case is opened on a police grid (警务网格), as the new-case page offers only those: one of another network's
     * grid (综治, 城管, 创城), though in the officer's jurisdiction, is refused on gridId in the caller's language and no
     * case is opened; its officer and its parties are no one's to serve.
     */
    @Test
    void aCaseOpenedOnAGridOfAnotherNetworkIsRefusedInTheCallersLanguageAndNothingIsSaved() {
        String n = n();
        UUID other = gridOfAnotherNetwork(org.fengqiao.jurisdiction.GridNetwork.URBAN, "IT-CASE-", "城管", n, 34);
        refusedInEachLanguage("POST", "/api/v1/mediation/cases", dispute(other, "城管网格的纠纷" + n, "officer"), "gridId",
                Map.of("zh-CN", "调解案件只能登记在警务网格，请选择警务网格",
                        "en", "Cases are opened on police grids only: choose a police grid"));
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_case WHERE grid_id = ?").param(other).query(Long.class)
                .single()).as("no case opened").isZero();
    }

    /**
     * A follow-up visit recorded twice (a second click, or two people at once) is refused as already recorded, in
     * the caller's language, keeping the first record; it is not answered as a record that does not exist.
     */
    @Test
    void aFollowUpVisitRecordedTwiceIsRefusedAsAlreadyRecordedAndKeepsTheFirstNote() {
        String id = agreedCase("回访两次" + n());
        String base = "/api/v1/mediation/cases/" + id;
        String followUp = send("GET", base, officer, null, 200).get("followUps").get(0).get("id").asText();
        send("POST", base + "/follow-ups/" + followUp + "/done", officer, Map.of("note", "第一次"), 200);
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        for (String[] language : new String[][] {{"zh-CN", "这次回访已于 " + today + " 记录，不能重复记录"},
                {"en", "This follow-up visit was already recorded on " + today}}) {
            HttpResponse<String> again = api.send("POST", base + "/follow-ups/" + followUp + "/done", officer,
                    Map.of("note", "第二次"), "Accept-Language", language[0]);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            assertThat(ApiClient.json(again).get("detail").asText()).isEqualTo(language[1]);
        }
        assertThat(send("GET", base, officer, null, 200).get("followUps").get(0).get("note").asText())
                .isEqualTo("第一次");
        assertThat(api.send("POST", base + "/follow-ups/" + UUID.randomUUID() + "/done", officer, null).statusCode())
                .as("a follow-up the case does not have").isEqualTo(404);
    }

    /**
     * A tab that is none of the list's (a mistyped or stale link) is refused with the tabs there are, on the list
     * page and for the ledger, never read as "all": whoever followed it would be shown, or export, every case of
     * his jurisdiction without knowing. Nothing is exported, nor audited as exported.
     */
    @Test
    void anUnknownTabIsRefusedOnTheListPageAndForTheLedgerNotTakenForAll() {
        long exports = jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'dispute'")
                .query(Long.class).single();
        // English first: signing in to the pages in a language keeps it as the officer's, Chinese as the demo has it
        for (String[] language : new String[][] {{"en", "There is no tab \"closed\": choose open, due, risk or all."},
                {"zh-CN", "没有“closed”这个页签：请选择调解中（open）、回访到期（due）、民转刑风险（risk）或全部（all）。"}}) {
            HttpResponse<String> ledger = api.send("GET", "/api/v1/mediation/cases/export?show=closed", officer, null,
                    "Accept-Language", language[0]);
            assertThat(ledger.statusCode()).as(ledger.body()).isEqualTo(400);
            JsonNode error = ApiClient.json(ledger).get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("show");
            assertThat(error.get("message").asText()).isEqualTo(language[1]);
            ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, language[0]);
            HttpResponse<String> page = browser.get("/mediation?show=closed", null, "Accept", "text/html");
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains(language[1].replace("\"", "&quot;")).doesNotContain("id=\"dispute-list\"");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'dispute'")
                .query(Long.class).single()).as("nothing exported").isEqualTo(exports);
        for (String tab : List.of("open", "risk", "all")) {
            assertThat(api.download("/api/v1/mediation/cases/export?show=" + tab, officer).statusCode()).isEqualTo(200);
        }
    }

    /**
     * Informants (信息员) and security guards neither read nor mediate disputes: they are not offered for a case's team
     * and are refused on it, so an informant's name is never put before the parties and volunteers who read the case
     * and its agreement, nor listed to whoever names a team. The team stays as it was.
     */
    @Test
    void anInformantIsNeitherOfferedForATeamNorSeatedOnOne() {
        String id = send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-02"), "信息员" + n(), "officer"),
                201).get("dispute").get("id").asText();
        Map<String, Object> informant = jdbc.sql("""
                SELECT s.id, s.name FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.role = 'INFORMANT' AND s.active AND u.name = '房山中心警务室'
                  AND NOT EXISTS (SELECT 1 FROM staff o WHERE o.name = s.name AND o.id <> s.id)
                ORDER BY s.name LIMIT 1""")
                .query().singleRow();
        Map<String, Object> team = Map.of("team", List.of(Map.of("staffId", staff("officer"), "role", "OFFICER"),
                Map.of("staffId", informant.get("id"), "role", "COMMUNITY_MEDIATOR")));
        refusedInEachLanguage("PUT", "/api/v1/mediation/cases/" + id + "/team", team, "team[1]", Map.of(
                "zh-CN", "人员不存在或不能参加本案调解",
                "en", "No such person, or not one who may mediate this case"));
        assertThat(send("GET", "/api/v1/mediation/cases/" + id, officer, null, 200).get("team").findValuesAsText("name"))
                .doesNotContain((String) informant.get("name"));
        String page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN")
                .get("/mediation/" + id, null, "Accept", "text/html").body();
        assertThat(page).as("the team form's choices").contains("id=\"team-staff-0\"")
                .doesNotContain(">" + informant.get("name") + "（");
    }

    @Test
    void theLadderRefusesAPeriodEndingBeforeItStarts() {
        refusedInEachLanguage("GET", "/api/v1/mediation/ladder?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                null, "to", Map.of("zh-CN", "统计时段的结束时间须晚于开始时间",
                        "en", "The end of the period must come after its start"));
    }

    /** The ladder page counts the year asked for, and refuses one out of range rather than show this year's. */
    @Test
    void theLadderPageRefusesAYearOutOfRange() {
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        for (String year : List.of("1999", "2100", "0")) {
            HttpResponse<String> page = browser.get("/mediation/ladder?year=" + year, null);
            assertThat(page.statusCode()).as(year).isEqualTo(400);
            assertThat(page.body()).contains("年度须在 2001 至 2099 之间");
        }
        HttpResponse<String> asked = browser.get("/mediation/ladder?year=2025", null);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("value=\"2025\"");
    }

    @Test
    void aCaseOutsideTheSubtreeIsNotFoundOnEveryEndpointAndTheBureauSeesBoth() {
        String n = n();
        String mine = send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-04"), "范围甲" + n, "officer"), 201)
                .get("dispute").get("id").asText();
        String theirs = send("POST", "/api/v1/mediation/cases", officer2, dispute(grid("NS-1-01"), "范围乙" + n, "officer2"),
                201).get("dispute").get("id").asText();
        Map<String, Object> session = Map.of("heldOn", LocalDate.now(BEIJING).toString(), "place", "村委会", "attendees", "双方",
                "said", "劝说");
        for (String[] pair : new String[][] {{mine, officer2}, {theirs, officer}}) {
            String base = "/api/v1/mediation/cases/" + pair[0];
            assertThat(api.get(base, pair[1]).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/sessions", pair[1], session).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/parties", pair[1], Map.of("parties", List.of(Map.of("name", "丙"))))
                    .statusCode()).isEqualTo(404);
            assertThat(api.send("PUT", base + "/team", pair[1], Map.of("team", List.of())).statusCode()).isEqualTo(404);
            assertThat(api.send("PUT", base + "/kind", pair[1], Map.of("kind", "LAND")).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/risk", pair[1], Map.of("note", "风险")).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/end", pair[1], agreement("协议")).statusCode()).isEqualTo(404);
            assertThat(api.get(base + "/agreement.pdf", pair[1]).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", base + "/follow-ups/" + UUID.randomUUID() + "/done", pair[1], null).statusCode())
                    .isEqualTo(404);
        }
        assertThat(api.get("/api/v1/mediation/cases/" + UUID.randomUUID(), bureau).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/mediation/cases/" + mine, bureau, null, 200).get("dispute").get("summary").asText())
                .isEqualTo("范围甲" + n);
        assertThat(send("GET", "/api/v1/mediation/cases/" + theirs, bureau, null, 200).get("dispute").get("summary").asText())
                .isEqualTo("范围乙" + n);
        String officersList = api.get("/api/v1/mediation/cases?status=OPEN&size=100", officer).body();
        assertThat(officersList).contains("范围甲" + n).doesNotContain("范围乙" + n);
        // nothing changed by the refused attempts
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_session WHERE case_id IN (?, ?)")
                .params(UUID.fromString(mine), UUID.fromString(theirs)).query(Long.class).single()).isZero();

        Map<String, Object> screening = Map.of("gridId", grid("NS-1-02"), "participants", "网格员", "findings", "无");
        String screeningId = send("POST", "/api/v1/mediation/screenings", officer2, screening, 201).get("id").asText();
        assertThat(api.get("/api/v1/mediation/screenings/" + screeningId, officer).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/mediation/screenings/" + screeningId, bureau).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/mediation/screenings", officer, screening).statusCode()).as("another's grid")
                .isEqualTo(400);
    }

    /**
     * The team's officer (民警) is the police officer who may witness the agreement: a volunteer or an auxiliary
     * policeman named as the officer is refused in the reader's language, the team stays as it was, and the
     * agreement is never witnessed by someone who is not police.
     */
    @Test
    void onlyAPoliceOfficerSitsOnTheTeamAsItsOfficer() {
        String id = send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-02"), "民警" + n(), "officer"),
                201).get("dispute").get("id").asText();
        String name = jdbc.sql("SELECT name FROM staff WHERE username = 'volunteer'").query(String.class).single();
        Map<String, Object> team = Map.of("team", List.of(Map.of("staffId", staff("volunteer"), "role", "OFFICER"),
                Map.of("staffId", staff("officer"), "role", "COMMUNITY_MEDIATOR")));
        Map<String, String> expected = Map.of("zh-CN", name + " 不是民警，不能担任调解组的民警",
                "en", name + " is not a police officer, so cannot be the team's officer");
        refusedInEachLanguage("PUT", "/api/v1/mediation/cases/" + id + "/team", team, "team[0]", expected);
        assertThat(jdbc.sql("SELECT staff_id FROM dispute_team WHERE case_id = ? AND role = 'OFFICER'")
                .param(UUID.fromString(id)).query(UUID.class).list()).containsExactly(staff("officer"));
    }

    /**
     * The team's village police (村警, seed 003) is an auxiliary policeman of the village: the volunteer or the
     * community officer named as the village police is refused in the reader's language and the team stays as it
     * was; the grid's manager (an auxiliary policeman) is taken.
     */
    @Test
    void onlyAnAuxiliaryPolicemanSitsOnTheTeamAsItsVillagePolice() {
        UUID grid = grid("FS-1-02");
        String id = send("POST", "/api/v1/mediation/cases", officer, dispute(grid, "村警" + n(), "officer"),
                201).get("dispute").get("id").asText();
        String name = jdbc.sql("SELECT name FROM staff WHERE username = 'volunteer'").query(String.class).single();
        Map<String, Object> team = Map.of("team", List.of(Map.of("staffId", staff("officer"), "role", "OFFICER"),
                Map.of("staffId", staff("volunteer"), "role", "VILLAGE_POLICE")));
        Map<String, String> expected = Map.of("zh-CN", name + " 不是辅警，不能担任调解组的村警",
                "en", name + " is not an auxiliary policeman, so cannot be the team's village police");
        refusedInEachLanguage("PUT", "/api/v1/mediation/cases/" + id + "/team", team, "team[1]", expected);
        assertThat(jdbc.sql("SELECT staff_id FROM dispute_team WHERE case_id = ?").param(UUID.fromString(id))
                .query(UUID.class).list()).as("the team as it was").containsExactly(staff("officer"));

        UUID manager = jdbc.sql("""
                SELECT r.staff_id FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.grid_id = ? AND r.role = 'MANAGER' AND r.ended_on IS NULL AND s.role = 'AUXILIARY_POLICE'
                ORDER BY r.started_on LIMIT 1""").param(grid).query(UUID.class).single();
        send("PUT", "/api/v1/mediation/cases/" + id + "/team", officer, Map.of("team", List.of(
                Map.of("staffId", staff("officer"), "role", "OFFICER"),
                Map.of("staffId", manager, "role", "VILLAGE_POLICE"))), 200);
        assertThat(jdbc.sql("SELECT role FROM dispute_team WHERE case_id = ? AND staff_id = ?")
                .params(UUID.fromString(id), manager).query(String.class).list()).containsExactly("VILLAGE_POLICE");
    }

    /**
     * 人民调解 rests on the parties' free consent: an agreement the parties have not each accepted is refused, in the
     * reader's language, and the case stays open with nothing announced; with their consent it is recorded.
     */
    @Test
    void anAgreementWithoutThePartiesConsentIsRefusedAndTheCaseStaysOpen() {
        String id = send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-02"), "同意" + n(), "officer"),
                201).get("dispute").get("id").asText();
        String base = "/api/v1/mediation/cases/" + id;
        Map<String, Object> end = agreement("双方各退一步");
        end.remove("partiesConsent");
        Map<String, String> expected = Map.of("zh-CN", "各方当事人均表示同意协议内容后，才能记为达成协议",
                "en", "An agreement is recorded only once every party has said they accept its terms");
        refusedInEachLanguage("POST", base + "/end", end, "partiesConsent", expected);
        end.put("partiesConsent", false);
        assertThat(api.send("POST", base + "/end", officer, end).statusCode()).isEqualTo(400);
        assertThat(send("GET", base, officer, null, 200).get("dispute").get("status").asText()).isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_follow_up WHERE case_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).as("nothing half applied").isZero();

        end.put("partiesConsent", true);
        session(id, officer);
        assertThat(send("POST", base + "/end", officer, end, 200).get("dispute").get("status").asText())
                .isEqualTo("AGREED");
    }

    @Test
    void aPartysPhoneIsStoredEncryptedShownMaskedAndReadsAndChangesAreAudited() {
        String n = n();
        JsonNode d = send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-02"), "电话" + n, "officer"), 201);
        String id = d.get("dispute").get("id").asText();
        assertThat(d.get("parties").get(0).get("phoneMasked").asText()).isEqualTo("139****5678");
        assertThat(d.toString()).doesNotContain("13912345678");
        byte[] stored = jdbc.sql("SELECT phone FROM dispute_party WHERE case_id = ? AND position = 1")
                .param(UUID.fromString(id)).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13912345678");
        send("GET", "/api/v1/mediation/cases/" + id, officer, null, 200);
        send("POST", "/api/v1/mediation/cases/" + id + "/risk", officer, Map.of("note", "扬言报复"), 200);
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE record_type = 'dispute' AND record_id = ? ORDER BY seq")
                .param(id).query(String.class).list()).containsExactly("CREATE", "READ", "UPDATE");
    }

    @Test
    void badInputIsRefusedInTheCallersLanguageAndAScreeningWithABadDisputeLeavesNothing() {
        Map<String, Object> bad = dispute(grid("FS-1-02"), "坏" + n(), "officer");
        bad.remove("summary");
        bad.put("parties", List.of(Map.of("name", "某", "phone", "12345")));
        HttpResponse<String> r = api.send("POST", "/api/v1/mediation/cases", officer, bad, "Accept-Language", "en");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode errors = ApiClient.json(r).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("summary", "parties[0].phone");
        assertThat(errors.toString()).contains("Not a valid phone number");
        HttpResponse<String> zh = api.send("POST", "/api/v1/mediation/cases", officer, bad);
        assertThat(ApiClient.json(zh).get("errors").toString()).contains("电话号码格式不正确");

        String findings = "排查" + n();
        Map<String, Object> screening = new HashMap<>();
        screening.put("gridId", grid("FS-2-01"));
        screening.put("participants", "网格员");
        screening.put("findings", findings);
        screening.put("disputes", List.of(Map.of("kind", "LAND", "summary", "地界"),
                Map.of("kind", "FAMILY", "summary", "家务", "parties", List.of(Map.of("name", "某", "phone", "1")))));
        assertThat(api.send("POST", "/api/v1/mediation/screenings", officer, screening).statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_screening WHERE findings = ?").param(findings).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_case WHERE summary IN ('地界', '家务') AND opened_at > now() - interval '1 minute'")
                .query(Long.class).single()).isZero();

        Map<String, Object> team = Map.of("team", List.of(Map.of("staffId", staff("officer2"), "role", "OFFICER")));
        String id = send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-02"), "组" + n(), "officer"), 201)
                .get("dispute").get("id").asText();
        assertThat(api.send("PUT", "/api/v1/mediation/cases/" + id + "/team", officer, team).statusCode())
                .as("an officer of another station is not offered").isEqualTo(400);
        HttpResponse<String> noLevel = api.send("POST", "/api/v1/mediation/cases/" + id + "/end", officer,
                Map.of("outcome", "AGREEMENT", "agreementText", "协议", "partiesConsent", true));
        assertThat(ApiClient.json(noLevel).get("errors").findValuesAsText("field")).containsExactly("level");
        assertThat(send("GET", "/api/v1/mediation/cases/" + id, officer, null, 200).get("dispute").get("status").asText())
                .isEqualTo("OPEN");
    }

    @Test
    void aDisputePushedBy110OpensOneCaseThatEndsInAnAgreementPrintedWithThePartiesAndTheText() throws IOException {
        String n = n();
        String caseNumber = "110-MED-" + UUID.randomUUID();
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", caseNumber);
        push.put("category", "DISPUTE");
        push.put("description", "110推送：邻里因排水沟堵塞争吵" + n);
        push.put("gridId", grid("FS-3-01"));
        push.put("address", "兴东村三组");
        assertThat(api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key").statusCode())
                .isEqualTo(201);
        assertThat(api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key").statusCode())
                .isEqualTo(200);
        JsonNode list = send("GET", "/api/v1/mediation/cases?status=OPEN&size=100", officer, null, 200).get("items");
        List<JsonNode> found = new java.util.ArrayList<>();
        list.forEach(c -> {
            if (c.get("summary").asText().endsWith(n)) {
                found.add(c);
            }
        });
        assertThat(found).hasSize(1);
        JsonNode c = found.get(0);
        assertThat(c.get("origin").asText()).isEqualTo("CALL_110");
        assertThat(c.get("incidentCode").asText()).startsWith("FQ");
        String id = c.get("id").asText();
        String base = "/api/v1/mediation/cases/" + id;
        JsonNode detail = send("GET", base, officer, null, 200);
        assertThat(detail.get("team").findValuesAsText("role")).as("the grid chief takes it up").containsExactly("OFFICER");
        assertThat(detail.get("dispute").get("kind").asText()).isEqualTo("OTHER");
        assertThat(send("PUT", base + "/kind", officer, Map.of("kind", "NEIGHBOURS"), 200).get("dispute").get("kind")
                .asText()).isEqualTo("NEIGHBOURS");
        assertThat(api.send("PUT", base + "/kind", officer2, Map.of("kind", "LAND")).statusCode()).isEqualTo(404);

        send("POST", base + "/parties", officer, Map.of("parties", List.of(Map.of("name", "兴东甲" + n, "phone",
                "13800001111"), Map.of("name", "兴东乙" + n))), 200);
        for (int i = 1; i <= 3; i++) {
            send("POST", base + "/sessions", officer, Map.of("heldOn", LocalDate.now(BEIJING).minusDays(3 - i).toString(),
                    "place", "兴东村委会", "attendees", "双方", "said", "第" + i + "次调解", "nextStep", "继续"), 200);
        }
        String text = "双方共同出资疏通排水沟，今后轮流清理。" + n;
        JsonNode ended = send("POST", base + "/end", officer, agreement(text), 200);
        assertThat(ended.get("dispute").get("status").asText()).isEqualTo("AGREED");
        assertThat(ended.get("dispute").get("sessions").asInt()).isEqualTo(3);
        assertThat(ended.get("dispute").get("witnessName").asText()).isNotBlank();
        assertThat(ended.get("followUps")).hasSize(1);
        assertThat(api.send("POST", base + "/sessions", officer, Map.of("heldOn", LocalDate.now(BEIJING).toString(), "place",
                "x", "attendees", "x", "said", "x")).statusCode()).as("an ended case does not change").isEqualTo(409);

        HttpResponse<byte[]> pdf = api.download(base + "/agreement.pdf", officer);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String read = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(read).contains("人民调解协议书", "兴东甲" + n, "兴东乙" + n, text, "138****1111")
                    .doesNotContain("13800001111");
        }
    }

    @Test
    void theLadderCountsWhereTheCasesOfAStationWereSettledInThePeriodAndOnlyInScope() {
        // counted in one station of the demo: compare before and after, so other tests' cases do not matter
        UUID g = grid("SL-1-02");
        JsonNode before = row(send("GET", "/api/v1/mediation/ladder", bureau, null, 200), "320722030000");
        String[] levels = {"GRID", "GRID", "VILLAGE", "STATION", "COUNTY"};
        for (String level : levels) {
            Map<String, Object> body = dispute(g, "层级" + n(), "officer");
            body.remove("team");
            String id = send("POST", "/api/v1/mediation/cases", bureau, body, 201).get("dispute").get("id").asText();
            Map<String, Object> end = agreement("协议" + level);
            end.put("level", level);
            end.put("officerWitness", false);
            session(id, bureau);
            send("POST", "/api/v1/mediation/cases/" + id + "/end", bureau, end, 200);
        }
        String failed = send("POST", "/api/v1/mediation/cases", bureau, Map.of("origin", "PATROL", "kind", "OTHER",
                "gridId", g, "summary", "失败" + n()), 201).get("dispute").get("id").asText();
        send("POST", "/api/v1/mediation/cases/" + failed + "/end", bureau, Map.of("outcome", "FAILURE", "note", "不成"), 200);
        String referred = send("POST", "/api/v1/mediation/cases", bureau, Map.of("origin", "PATROL", "kind", "OTHER",
                "gridId", g, "summary", "移交" + n()), 201).get("dispute").get("id").asText();
        send("POST", "/api/v1/mediation/cases/" + referred + "/end", bureau, Map.of("outcome", "REFERRAL",
                "referredTo", "COURT"), 200);

        JsonNode after = row(send("GET", "/api/v1/mediation/ladder", bureau, null, 200), "320722030000");
        assertThat(after.get("grid").asLong() - count(before, "grid")).isEqualTo(2);
        assertThat(after.get("village").asLong() - count(before, "village")).isEqualTo(1);
        assertThat(after.get("station").asLong() - count(before, "station")).isEqualTo(1);
        assertThat(after.get("county").asLong() - count(before, "county")).isEqualTo(1);
        assertThat(after.get("failed").asLong() - count(before, "failed")).isEqualTo(1);
        assertThat(after.get("referred").asLong() - count(before, "referred")).isEqualTo(1);

        JsonNode lastYear = send("GET", "/api/v1/mediation/ladder?from=2001-01-01T00:00:00Z&to=2002-01-01T00:00:00Z",
                bureau, null, 200);
        assertThat(lastYear.get("rows")).isEmpty();
        JsonNode officers = send("GET", "/api/v1/mediation/ladder", officer, null, 200);
        assertThat(officers.get("rows").findValuesAsText("unitCode")).doesNotContain("320722030000", "320722020000");
    }

    static JsonNode row(JsonNode ladder, String unitCode) {
        for (JsonNode r : ladder.get("rows")) {
            if (r.get("unitCode").asText().equals(unitCode)) {
                return r;
            }
        }
        return null;
    }

    static long count(JsonNode row, String field) {
        return row == null ? 0 : row.get(field).asLong();
    }

    @Test
    void aWeeksScreeningOpensTheDisputesItFoundAndTakesTheGridOffTheUnscreenedList() {
        UUID g = grid("SL-2-01");
        String week = LocalDate.now(BEIJING).toString();
        List<String> before = send("GET", "/api/v1/mediation/screenings/unscreened?week=" + week, bureau, null, 200)
                .findValuesAsText("gridCode");
        String n = n();
        Map<String, Object> screening = new HashMap<>();
        screening.put("gridId", g);
        screening.put("participants", "村警、网格员");
        screening.put("findings", "走访" + n);
        screening.put("disputes", List.of(Map.of("kind", "LAND", "summary", "地界" + n),
                Map.of("kind", "FAMILY", "summary", "赡养" + n)));
        JsonNode s = send("POST", "/api/v1/mediation/screenings", bureau, screening, 201);
        assertThat(s.get("disputesFound").asInt()).isEqualTo(2);
        assertThat(send("GET", "/api/v1/mediation/cases?screeningId=" + s.get("id").asText(), bureau, null, 200)
                .get("items").findValuesAsText("origin")).containsExactly("SCREENING", "SCREENING");
        List<String> after = send("GET", "/api/v1/mediation/screenings/unscreened?week=" + week, bureau, null, 200)
                .findValuesAsText("gridCode");
        assertThat(after).doesNotContain("SL-2-01");
        assertThat(before.size() - after.size()).isLessThanOrEqualTo(before.contains("SL-2-01") ? 1 : 0);
        assertThat(send("GET", "/api/v1/mediation/screenings/unscreened", officer2, null, 200).findValuesAsText("gridCode"))
                .anyMatch(code -> code.startsWith("NS-")).noneMatch(code -> code.startsWith("FS-"));
        assertThat(send("GET", "/api/v1/mediation/screenings?week=" + week, bureau, null, 200).findValuesAsText("findings"))
                .contains("走访" + n);
    }

    @Test
    void permissionsNotRolesGuardTheApi() {
        String auditor = api.token("auditor", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/mediation/cases", auditor).statusCode()).isEqualTo(403);
        String admin = api.token("admin", DEMO_PASSWORD);
        assertThat(api.send("POST", "/api/v1/mediation/cases", admin, dispute(grid("FS-1-01"), "管理员", "officer"))
                .statusCode()).isEqualTo(403);
    }

    /** The audit entries of a case, oldest first: action, before and after as JSON. */
    List<Map<String, Object>> audits(UUID caseId) {
        return jdbc.sql("""
                SELECT action, CAST(before AS text) AS before, CAST(after AS text) AS after FROM audit_entry
                WHERE record_type = 'dispute' AND record_id = ? AND action IN ('CREATE', 'UPDATE') ORDER BY seq""")
                .param(caseId.toString()).query().listOfRows();
    }

    @Test
    void aNewCaseIsAuditedAsItIsStoredWhetherOpenedAtTheDeskOrPushedBy110() throws IOException {
        // at the desk: parties and a team named; the next change's "before" is the case as read back then
        UUID desk = UUID.fromString(send("POST", "/api/v1/mediation/cases", officer, dispute(grid("FS-1-04"),
                "审计快照" + n(), "officer"), 201).get("dispute").get("id").asText());
        send("PUT", "/api/v1/mediation/cases/" + desk + "/kind", officer, Map.of("kind", "LAND"), 200);
        List<Map<String, Object>> deskAudits = audits(desk);
        assertThat(deskAudits).extracting(m -> m.get("action")).containsExactly("CREATE", "UPDATE");
        assertThat(ApiClient.JSON.readTree((String) deskAudits.get(1).get("before")))
                .isEqualTo(ApiClient.JSON.readTree((String) deskAudits.get(0).get("after")));

        // pushed by 110: no party, the grid chief on the team, the case written without reading it back
        Map<String, Object> chief = jdbc.sql("""
                SELECT r.grid_id, s.name FROM grid_role r JOIN staff s ON s.id = r.staff_id JOIN grid g ON g.id = r.grid_id
                WHERE r.role = 'GRID_CHIEF' AND r.ended_on IS NULL AND s.active AND g.network = 'POLICE'
                ORDER BY g.code LIMIT 1""").query().singleRow();
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", "110-AUDIT-" + UUID.randomUUID());
        push.put("category", "DISPUTE");
        push.put("description", "110推送：审计快照" + n());
        push.put("gridId", chief.get("grid_id"));
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        UUID pushed = jdbc.sql("SELECT id FROM dispute_case WHERE incident_id = ?")
                .param(UUID.fromString(ApiClient.json(r).get("incident").get("id").asText())).query(UUID.class).single();
        send("PUT", "/api/v1/mediation/cases/" + pushed + "/kind", bureau, Map.of("kind", "LAND"), 200);
        List<Map<String, Object>> pushedAudits = audits(pushed);
        assertThat(pushedAudits).extracting(m -> m.get("action")).containsExactly("CREATE", "UPDATE");
        JsonNode created = ApiClient.JSON.readTree((String) pushedAudits.get(0).get("after"));
        assertThat(created.get("origin").asText()).isEqualTo("CALL_110");
        assertThat(created.get("team").toString()).isEqualTo("[\"" + chief.get("name") + ":OFFICER\"]");
        assertThat(ApiClient.JSON.readTree((String) pushedAudits.get(1).get("before"))).isEqualTo(created);
    }
}
