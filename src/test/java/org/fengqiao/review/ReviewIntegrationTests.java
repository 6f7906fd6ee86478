package org.fengqiao.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.PublicClient;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 群众评议 end to end: a resident's review from the officer's public link with its abuse limits, refusals in both
 * languages, the results per officer and unit in the caller's scope only, a comment hidden by the station chief, and
 * a low month in the chief's inbox. Each test reviews on a village of its own (code IT-REV-…) under 房山中心警务室
 * whose officer is the demo's 李建国, from network addresses of its own.
 */
class ReviewIntegrationTests extends IntegrationTest {

    static final Random RANDOM = new Random();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;

    ApiClient api;
    String chief;
    String officer;
    String officer2;
    String n;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        chief = api.token("chief", DEMO_PASSWORD);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        n = String.valueOf(100000 + RANDOM.nextInt(899999));
    }

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    UUID office() {
        return jdbc.sql("SELECT id FROM unit WHERE code = '320722010100'").query(UUID.class).single();
    }

    /** A village of the test's own under 房山中心警务室, officer 李建国, and its card made by the chief: the code. */
    String village(String name) {
        UUID id = jurisdictions.createCommunity(new UnitId(office()), CommunityKind.VILLAGE, "IT-REV-" + n + name,
                name + n, null, null, null).id().value();
        jurisdictions.assignCommunityOfficers(new CommunityId(id), staff("officer"), null, null);
        HttpResponse<String> made = api.send("POST", "/api/v1/reviews/cards", chief, Map.of("communityId", id));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        return ApiClient.json(made).get("code").asText();
    }

    static String address() {
        return "10." + RANDOM.nextInt(250) + "." + RANDOM.nextInt(250) + "." + (1 + RANDOM.nextInt(250));
    }

    static Map<String, String> answers(String seen, String matter, String score, String comment) {
        Map<String, String> f = new HashMap<>();
        f.put("knows", "true");
        f.put("seen", seen);
        f.put("matter", matter);
        f.put("score", score);
        if (comment != null) {
            f.put("comment", comment);
        }
        return f;
    }

    long reviews(String code) {
        return jdbc.sql("SELECT count(*) FROM review r JOIN review_card c ON c.id = r.card_id WHERE c.code = ?")
                .param(code).query(Long.class).single();
    }

    HttpResponse<String> review(PublicClient resident, String code, Map<String, String> answers) {
        return resident.post("/review/" + code, "/review/" + code, answers, List.of());
    }

    @Test
    void aResidentReviewsHisOfficerOnceAMonthFromOnePhoneAndARobotIsRefused() {
        String code = village("评议村");
        PublicClient resident = new PublicClient(port, address(), null);
        HttpResponse<String> page = resident.get("/review/" + code);
        assertThat(page.statusCode()).isEqualTo(200);
        String name = jdbc.sql("SELECT name FROM staff WHERE username = 'officer'").query(String.class).single();
        assertThat(page.body()).contains(name, "001102", "房山中心警务室", "评议村" + n, "您知道本村（社区）的包村（社区）民警是谁吗？")
                .as("nothing private of the officer: no phone").doesNotContain("13805180001");

        HttpResponse<String> sent = review(resident, code, answers("true", "HANDLED", "5", "民警很负责"));
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(resident.follow(sent).body()).contains("谢谢您的评议");
        HttpResponse<String> again = review(resident, code, answers("true", "NONE", "4", null));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("这部手机本月已经评议过");

        Map<String, String> robot = answers("true", "NONE", "5", "广告");
        robot.put("website", "http://spam.example");
        assertThat(review(new PublicClient(port, address(), null), code, robot).statusCode()).isEqualTo(400);
        assertThat(reviews(code)).isEqualTo(1);

        // the public API: the card as the page shows it, a review, the same device refused a second one
        ApiClient app = new ApiClient(port);
        JsonNode card = ApiClient.json(app.get("/api/public/v1/review/" + code, null, "X-Forwarded-For", address()));
        assertThat(card.get("officerName").asText()).isEqualTo(name);
        assertThat(card.toString()).doesNotContain("13805180001");
        Map<String, Object> body = Map.of("knows", true, "seen", false, "matter", "NONE", "score", 4);
        String from = address();
        assertThat(app.send("POST", "/api/public/v1/review/" + code, null, body, "X-Forwarded-For", from).statusCode())
                .isEqualTo(201);
        HttpResponse<String> second = app.send("POST", "/api/public/v1/review/" + code, null, body,
                "X-Forwarded-For", from, "Accept-Language", "en");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("This phone has already reviewed officer");
        assertThat(reviews(code)).isEqualTo(2);
        assertThat(app.get("/api/public/v1/review/NOSUCHCODE", null).statusCode()).isEqualTo(404);
        assertThat(new PublicClient(port, address(), null).get("/review/NOSUCHCODE").statusCode()).isEqualTo(404);
    }

    @Test
    void oneNetworkMaySendItsShareOfReviewsAnHourAndIsToldSoInItsLanguage() {
        String code = village("频率村");
        String shared = address();
        for (int i = 0; i < 10; i++) {
            assertThat(review(new PublicClient(port, shared, null), code, answers("true", "NONE", "5", null))
                    .statusCode()).isEqualTo(302);
        }
        HttpResponse<String> refused = review(new PublicClient(port, shared, null), code,
                answers("true", "NONE", "5", null));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("同一网络每小时最多提交10次评议");
        HttpResponse<String> english = review(new PublicClient(port, shared, "en"), code,
                answers("true", "NONE", "5", null));
        assertThat(english.statusCode()).isEqualTo(429);
        assertThat(english.body()).contains("at most 10 per hour from one network");
        assertThat(reviews(code)).isEqualTo(10);
        assertThat(review(new PublicClient(port, address(), null), code, answers("true", "NONE", "5", null))
                .statusCode()).as("another network is not held back").isEqualTo(302);
    }

    @Test
    void badAnswersAreRefusedWholeInChineseAndInEnglishAndNothingIsSaved() {
        String code = village("坏输入村");
        HttpResponse<String> zh = review(new PublicClient(port, address(), null), code, Map.of("score", "9"));
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("请回答：您知道本村（社区）的包村（社区）民警是谁吗？", "请回答：本月您在村里（社区里）见过他吗？",
                "请回答：您有事找过他吗？他管了没有？", "请选择满意程度（1到5分）");
        HttpResponse<String> en = review(new PublicClient(port, address(), "en"), code,
                answers("true", "SOMETIMES", "4", "长".repeat(501)));
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("Please answer: Did you go to him with a matter?",
                "The comment may have at most 500 characters");
        assertThat(en.body()).as("the resident's words come back as typed").contains("长".repeat(501));

        ApiClient app = new ApiClient(port);
        HttpResponse<String> api = app.send("POST", "/api/public/v1/review/" + code, null, Map.of("score", 0),
                "X-Forwarded-For", address(), "Accept-Language", "en");
        assertThat(api.statusCode()).isEqualTo(400);
        JsonNode problem = ApiClient.json(api);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("knows", "seen", "matter", "score");
        assertThat(api.body()).contains("Please choose how satisfied you are (1 to 5)");
        assertThat(reviews(code)).isZero();
    }

    @Test
    void aRefusedReviewComesBackWithEveryAnswerTheResidentHadChosen() {
        String code = village("重填村");
        HttpResponse<String> refused = review(new PublicClient(port, address(), null), code,
                Map.of("knows", "true", "seen", "false", "matter", "NONE", "score", "9"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).as("the yes/no answers stay chosen: the resident answers only what was refused")
                .containsPattern("<input[^>]*id=\"knows-true\"[^>]*checked")
                .containsPattern("<input[^>]*id=\"seen-false\"[^>]*checked")
                .containsPattern("<input[^>]*id=\"matter-NONE\"[^>]*checked")
                .doesNotContainPattern("<input[^>]*id=\"knows-false\"[^>]*checked");
    }

    /** A phone that reviewed its officer this month is told so as the page opens, not after answering everything. */
    @Test
    void aPhoneThatReviewedThisMonthIsToldSoBeforeTheQuestions() {
        String code = village("再扫村");
        PublicClient resident = new PublicClient(port, address(), null);
        assertThat(resident.follow(review(resident, code, answers("true", "NONE", "5", null))).body())
                .contains("谢谢您的评议");
        String again = resident.get("/review/" + code).body();
        assertThat(again).contains("id=\"review-already\"", "这部手机本月已经评议过").doesNotContain("id=\"review-form\"");
        assertThat(resident.get("/review/" + code + "?lang=en").body())
                .contains("This phone has already reviewed officer").doesNotContain("id=\"review-form\"");
        assertThat(new PublicClient(port, address(), null).get("/review/" + code).body())
                .as("another phone reviews as ever").contains("id=\"review-form\"").doesNotContain("review-already");
        assertThat(reviews(code)).isEqualTo(1);
    }

    /**
     * A resident who left the review page open on his phone past the session's idle time and sends it then is told
     * the page expired and asked to check his answers and send again: they are there, his words too, nothing saved.
     */
    @Test
    void aReviewSentAfterThePageExpiredComesBackWithItsAnswersToSendAgain() {
        String code = village("过期村");
        Map<String, String> typed = answers("false", "UNFINISHED", "2", "电动车被盗的事还没有消息" + n);
        typed.put("_csrf", "expired-" + UUID.randomUUID());
        PublicClient resident = new PublicClient(port, address(), null);
        HttpResponse<String> refused = review(resident, code, typed);
        assertThat(refused.statusCode()).isEqualTo(302);
        String page = resident.follow(refused).body();
        assertThat(page).contains("页面已过期", ">电动车被盗的事还没有消息" + n + "</textarea>")
                .containsPattern("<input[^>]*id=\"knows-true\"[^>]*checked")
                .containsPattern("<input[^>]*id=\"seen-false\"[^>]*checked")
                .containsPattern("<input[^>]*id=\"matter-UNFINISHED\"[^>]*checked")
                .containsPattern("<input[^>]*id=\"score-2\"[^>]*checked");
        assertThat(reviews(code)).as("nothing saved").isZero();
        typed.remove("_csrf");
        assertThat(review(resident, code, typed).statusCode()).as("sent again from there").isEqualTo(302);
        assertThat(reviews(code)).isEqualTo(1);
    }

    @Test
    void resultsCardsAndCommentsOutsideTheCallersScopeAreNotFound() {
        String code = village("范围村");
        String review = ApiClient.json(new ApiClient(port).send("POST", "/api/public/v1/review/" + code, null,
                Map.of("knows", true, "seen", true, "matter", "NONE", "score", 5, "comment", "好"),
                "X-Forwarded-For", address())).get("id").asText();
        UUID community = jdbc.sql("SELECT community_id FROM review_card WHERE code = ?").param(code).query(UUID.class)
                .single();
        // officer2 (牛山派出所) reads nothing of 房山's
        assertThat(api.get("/api/v1/reviews/results?unitId=" + office(), officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/reviews/results?officerId=" + staff("officer"), officer2).statusCode())
                .isEqualTo(404);
        assertThat(api.download("/api/v1/reviews/cards/" + code + "/qr.png", officer2).statusCode()).isEqualTo(404);
        assertThat(api.download("/api/v1/reviews/cards/" + code + "/card.pdf", officer2).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/reviews/cards", officer2, Map.of("communityId", community)).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/reviews/results", officer2).body()).doesNotContain(code, "范围村" + n);
        assertThat(api.get("/api/v1/reviews/cards", officer2).body()).doesNotContain("范围村" + n);
        // a community officer reads his own results only
        assertThat(api.get("/api/v1/reviews/results?officerId=" + staff("officer2"), officer).statusCode())
                .isEqualTo(404);
        JsonNode own = ApiClient.json(api.get("/api/v1/reviews/results", officer));
        assertThat(own.get("ownOnly").asBoolean()).isTrue();
        own.get("officers").forEach(o -> assertThat(o.get("id").asText()).isEqualTo(staff("officer").toString()));
        // the chief of 房山 hides nothing of 牛山's: a review of officer2's community is not found for him
        String heping = jdbc.sql("""
                SELECT c.code FROM review_card c JOIN staff s ON s.id = c.officer_id WHERE s.username = 'officer2'
                ORDER BY c.code LIMIT 1""").query(String.class).single();
        String theirs = ApiClient.json(new ApiClient(port).send("POST", "/api/public/v1/review/" + heping, null,
                Map.of("knows", true, "seen", true, "matter", "NONE", "score", 5, "comment", "牛山的留言" + n),
                "X-Forwarded-For", address())).get("id").asText();
        assertThat(api.send("POST", "/api/v1/reviews/" + theirs + "/hide", chief, Map.of("reason", "含个人信息"))
                .statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/reviews/" + UUID.randomUUID() + "/hide", chief, Map.of("reason", "x"))
                .statusCode()).isEqualTo(404);
        // 牛山's station chief reads, prints and hides nothing of 房山's, and hides a comment of his own station's
        staff.register(jurisdictions.unitByCode("320722020000").orElseThrow().id(), StaffRole.STATION_CHIEF,
                "牛山所长" + n, null, null, "所长", "chief2r" + n, DEMO_PASSWORD);
        String chief2 = api.token("chief2r" + n, DEMO_PASSWORD);
        assertThat(api.get("/api/v1/reviews/results?unitId=" + office(), chief2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/reviews/results?officerId=" + staff("officer"), chief2).statusCode())
                .isEqualTo(404);
        assertThat(api.download("/api/v1/reviews/cards/" + code + "/card.pdf", chief2).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/reviews/cards", chief2, Map.of("communityId", community)).statusCode())
                .isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/reviews/" + review + "/hide", chief2, Map.of("reason", "含个人信息"))
                .statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/reviews/results", chief2).body()).contains("牛山的留言" + n)
                .doesNotContain("范围村" + n);
        assertThat(api.send("POST", "/api/v1/reviews/" + theirs + "/hide", chief2, Map.of("reason", "含个人信息"))
                .statusCode()).isEqualTo(204);
        // the pages answer the same to officer2 signed in
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer2", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/reviews?unit=" + office(), null).statusCode()).isEqualTo(404);
        assertThat(browser.download("/reviews/cards/" + code + "/card.pdf", null).statusCode()).isEqualTo(404);
        assertThat(browser.get("/reviews/cards", null).body()).doesNotContain("范围村" + n);
    }

    /**
     * The chief's work figures carry the public review (群众评议) of his office: as many reviews as its results
     * count this month, with the same satisfaction rate, in the API and on the page in his language.
     */
    @Test
    void theWorkFiguresCountTheReviewsAndTheirSatisfactionAsTheResultsDo() {
        String code = village("统计村");
        for (int score : new int[] {5, 4, 2}) {
            assertThat(new ApiClient(port).send("POST", "/api/public/v1/review/" + code, null, Map.of("knows", true,
                    "seen", true, "matter", "NONE", "score", score), "X-Forwarded-For", address()).statusCode())
                    .isEqualTo(201);
        }
        JsonNode total = ApiClient.json(api.get("/api/v1/reviews/results?unitId=" + office(), chief)).get("total");
        JsonNode figures = ApiClient.json(api.get("/api/v1/figures?unitId=" + office(), chief)).get("sections")
                .get("review");
        assertThat(figures).as("the review's section of the figures").isNotNull();
        assertThat(figures.findParents("key")).filteredOn(f -> f.get("key").asText().equals("reviews"))
                .extracting(f -> f.get("value").asLong())
                .containsExactly(total.get("counts").get("reviews").asLong());
        assertThat(total.get("counts").get("reviews").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(figures.findParents("key")).filteredOn(f -> f.get("key").asText().equals("reviewSatisfaction"))
                .extracting(f -> f.get("rate").asDouble()).singleElement()
                .satisfies(rate -> assertThat(rate).as("the results' rate, which they round to a tenth of a percent")
                        .isCloseTo(total.get("rates").get("satisfaction").asDouble(), within(0.0005)));

        assertThat(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null).get("/figures?unit=" + office(), null)
                .body()).contains("群众评议满意率");
        assertThat(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en").get("/figures?unit=" + office(), null)
                .body()).contains("Public review satisfaction rate");
    }

    /**
     * A reason for hiding pasted with a control character inside it (from another program) is refused in the reader's language
     * and the comment stays shown, nothing audited; the same reason typed clean hides it.
     */
    @Test
    void aHidingReasonWithAControlCharacterIsRefusedAndTheCommentStaysShown() {
        String code = village("控制村");
        String words = "派出所民警态度很好" + n;
        UUID id = UUID.fromString(ApiClient.json(new ApiClient(port).send("POST", "/api/public/v1/review/" + code,
                null, Map.of("knows", true, "seen", true, "matter", "HANDLED", "score", 5, "comment", words),
                "X-Forwarded-For", address())).get("id").asText());

        HttpResponse<String> zh = api.send("POST", "/api/v1/reviews/" + id + "/hide", chief,
                Map.of("reason", "含个人\u0007信息"));
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
        assertThat(zh.body()).contains("隐藏原因含有无法显示的控制字符");
        HttpResponse<String> en = api.send("POST", "/api/v1/reviews/" + id + "/hide", chief,
                Map.of("reason", "personal\u001bdata"), "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("The reason for hiding contains control characters");
        assertThat(jdbc.sql("SELECT comment_hidden_at IS NULL FROM review WHERE id = ?").param(id)
                .query(Boolean.class).single()).as("still shown").isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'review' AND record_id = ?"
                + " AND action = 'UPDATE'").param(id.toString()).query(Long.class).single()).isZero();

        assertThat(api.send("POST", "/api/v1/reviews/" + id + "/hide", chief, Map.of("reason", "含个人信息\n（电话）"))
                .statusCode()).as("a line break is no control character to refuse").isEqualTo(204);
    }

    @Test
    void theStationChiefHidesACommentWithAReasonThatIsAuditedAndTheWordsStayInTheRecord() throws Exception {
        String code = village("留言村");
        String words = "我的电话13912345678，身份证320722198805061234" + n;
        UUID id = UUID.fromString(ApiClient.json(new ApiClient(port).send("POST", "/api/public/v1/review/" + code,
                null, Map.of("knows", true, "seen", true, "matter", "HANDLED", "score", 5, "comment", words),
                "X-Forwarded-For", address())).get("id").asText());
        String results = "/api/v1/reviews/results?unitId=" + office();
        assertThat(api.get(results, chief).body()).contains(words);

        HttpResponse<String> noReason = api.send("POST", "/api/v1/reviews/" + id + "/hide", chief,
                Map.of("reason", " "));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("请填写隐藏原因");
        assertThat(api.send("POST", "/api/v1/reviews/" + id + "/hide", chief, Map.of(), "Accept-Language", "en")
                .body()).contains("Please give the reason for hiding");
        assertThat(api.send("POST", "/api/v1/reviews/" + id + "/hide", officer, Map.of("reason", "不想看"))
                .statusCode()).as("the officer may not hide what residents say of him").isEqualTo(403);

        assertThat(api.send("POST", "/api/v1/reviews/" + id + "/hide", chief, Map.of("reason", "含手机号和身份证号"))
                .statusCode()).isEqualTo(204);
        String after = api.get(results, chief).body();
        assertThat(after).doesNotContain(words).contains("含手机号和身份证号");
        assertThat(api.get("/api/v1/reviews/results", officer).body()).doesNotContain(words);
        assertThat(api.send("POST", "/api/v1/reviews/" + id + "/hide", chief, Map.of("reason", "再藏一次"))
                .statusCode()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT comment FROM review WHERE id = ?").param(id).query(String.class).single())
                .as("hidden, never deleted").isEqualTo(words);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'review' AND record_id = ? AND action = 'UPDATE'
                  AND after::text LIKE '%含手机号和身份证号%'""").param(id.toString()).query(Long.class).single())
                .isEqualTo(1);

        // the xlsx of the same results, audited as an export, holds no comment
        HttpResponse<byte[]> xlsx = api.download("/api/v1/reviews/results.xlsx?unitId=" + office(), chief);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            StringBuilder text = new StringBuilder();
            book.getSheetAt(0).forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('|')));
            assertThat(text).contains("房山中心警务室", "满意率").doesNotContain("13912345678");
        }
    }

    @Test
    void aNumberAResidentWroteInHisCommentIsMaskedForAllButTheChiefWhoDecidesToHideIt() {
        String code = village("号码村");
        String words = "邻居电话139 1234 5678，身份证320722198805061234，请多巡逻" + n;
        HttpResponse<String> sent = new ApiClient(port).send("POST", "/api/public/v1/review/" + code, null,
                Map.of("knows", true, "seen", true, "matter", "NONE", "score", 4, "comment", words),
                "X-Forwarded-For", address());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String masked = "邻居电话139****5678，身份证320722********1234，请多巡逻" + n;

        assertThat(api.get("/api/v1/reviews/results?unitId=" + office(), chief).body())
                .as("the chief reads it whole, to judge whether to hide it").contains(words);
        for (String reader : List.of(officer, api.token("bureau", DEMO_PASSWORD),
                api.token("inspector", DEMO_PASSWORD))) {
            String results = api.get("/api/v1/reviews/results?unitId=" + office(), reader).body();
            assertThat(results).contains(masked).doesNotContain("1234 5678", "198805061234");
        }
        String page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null).get("/reviews", null).body();
        assertThat(page).contains(masked).doesNotContain("1234 5678", "198805061234");
    }

    @Test
    void aLowMonthReachesTheStationChiefsInboxOnceAndTheResultsCountEveryReview() {
        String code = village("低分村");
        UUID chiefId = staff("chief");
        JsonNode before = ApiClient.json(api.get("/api/v1/reviews/results?unitId=" + office(), chief)).get("total");
        for (int i = 0; i < 4; i++) {
            review(new PublicClient(port, address(), null), code, answers("false", "IGNORED", "2", null));
        }
        assertThat(lowEntries(code, chiefId)).as("four reviews are too few to judge").isZero();
        review(new PublicClient(port, address(), null), code, answers("false", "IGNORED", "1", null));
        assertThat(lowEntries(code, chiefId)).isEqualTo(1);
        review(new PublicClient(port, address(), null), code, answers("false", "NONE", "2", null));
        assertThat(lowEntries(code, chiefId)).as("once a month").isEqualTo(1);
        String inbox = api.get("/api/v1/inbox", chief).body();
        assertThat(inbox).contains("群众评议结果偏低", "低分村" + n, "满意率低于要求");

        JsonNode after = ApiClient.json(api.get("/api/v1/reviews/results?unitId=" + office(), chief)).get("total");
        assertThat(after.get("counts").get("reviews").asLong() - before.get("counts").get("reviews").asLong())
                .isEqualTo(6);
        assertThat(after.get("counts").get("withMatter").asLong() - before.get("counts").get("withMatter").asLong())
                .isEqualTo(5);
        assertThat(after.get("counts").get("satisfied").asLong()).isEqualTo(before.get("counts").get("satisfied")
                .asLong());
        assertThat(after.get("rates").get("satisfaction").isNumber()).isTrue();
    }

    /**
     * A low month is judged per officer and village; the chief's inbox entry links to the officer's results of the
     * month, whose totals run over all his villages: the village's own row there shows the rate that fell low.
     */
    @Test
    void theLowResultsLinkShowsTheVillagesOwnRatesThatTheOfficersTotalsHide() {
        String code = village("少见村");
        for (int i = 0; i < 5; i++) {
            review(new PublicClient(port, address(), null), code, answers("false", "NONE", "5", null));
        }
        String link = jdbc.sql("""
                SELECT e.link FROM inbox_entry e JOIN review_alert a ON a.id = e.record_id
                JOIN review_card c ON c.officer_id = a.officer_id AND c.community_id = a.community_id
                WHERE e.kind = 'REVIEW_RESULT_LOW' AND c.code = ? AND e.recipient_id = ?""")
                .params(code, staff("chief")).query(String.class).single();
        UUID village = jdbc.sql("SELECT community_id FROM review_card WHERE code = ?").param(code)
                .query(UUID.class).single();

        String page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null).get(link, null).body();
        assertThat(page).contains("各村（社区）", "id=\"results-communities\"");
        String table = page.substring(page.indexOf("id=\"results-communities\""));
        String row = java.util.Arrays.stream(table.substring(0, table.indexOf("</table>")).split("<tr"))
                .filter(r -> r.contains("少见村" + n)).findFirst().orElseThrow(() -> new AssertionError(table));
        assertThat(row).contains("data-reviews=\"5\"").containsPattern("class=\"rate seen\"[^>]*>0.0%<")
                .containsPattern("class=\"rate satisfaction\"[^>]*>100.0%<");

        JsonNode results = ApiClient.json(api.get("/api/v1/reviews/results?officerId=" + staff("officer"), chief));
        JsonNode own = null;
        for (JsonNode c : results.get("communities")) {
            if (c.get("id").asText().equals(village.toString())) {
                own = c;
            }
        }
        assertThat(own).as(results.get("communities").toString()).isNotNull();
        assertThat(own.get("counts").get("reviews").asLong()).isEqualTo(5);
        assertThat(own.get("rates").get("seen").asDouble()).isZero();
        assertThat(own.get("code").asText()).isEqualTo("IT-REV-" + n + "少见村");
    }

    @Test
    void theOfficerPrintsHisCardWithTheQrCodeOfItsPublicLinkAndNoPhone() throws Exception {
        String code = village("卡片村");
        HttpResponse<byte[]> pdf = api.download("/api/v1/reviews/cards/" + code + "/card.pdf", officer);
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            String name = jdbc.sql("SELECT name FROM staff WHERE username = 'officer'").query(String.class).single();
            assertThat(text).contains("群众评议", name, "001102", "房山中心警务室", "卡片村" + n, "/review/" + code)
                    .doesNotContain("13805180001");
        }
        HttpResponse<byte[]> png = api.download("/api/v1/reviews/cards/" + code + "/qr.png", chief);
        assertThat(png.statusCode()).isEqualTo(200);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png.body()));
        String link = "http://localhost:" + port + "/review/" + code;
        assertThat(image.getWidth()).as("the code of the public link, 10 pixels a module")
                .isEqualTo((org.fengqiao.platform.QrCode.encode(link).size() + 8) * 10);
        // the cards page lists the village with its link, the card the same for the officer and his chief
        JsonNode cards = ApiClient.json(api.get("/api/v1/reviews/cards", officer));
        List<String> codes = new ArrayList<>();
        cards.forEach(c -> codes.add(c.path("card").path("code").asText()));
        assertThat(codes).contains(code);
        UUID village = jdbc.sql("SELECT community_id FROM review_card WHERE code = ?").param(code).query(UUID.class)
                .single();
        assertThat(ApiClient.json(api.send("POST", "/api/v1/reviews/cards", officer, Map.of("communityId", village)))
                .get("code").asText()).as("one stable link per officer and village").isEqualTo(code);
    }

    /**
     * The export of a period that is no period, from the results page's link with the period changed by hand, said
     * only 输入有误: the reason the page itself gives (“2026-13”不是一个期间…) was left out, in either language.
     */
    @Test
    void anExportOfAPeriodThatIsNoPeriodSaysWhyInTheReadersLanguage() {
        ApiClient browser = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        HttpResponse<String> zh = browser.get("/reviews/export.xlsx?period=2026-13&lang=zh-CN", null, "Accept", HTML);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("“2026-13”不是一个期间，请按 2026-11、2026-Q4 或 2026 填写");
        HttpResponse<String> en = browser.get("/reviews/export.xlsx?period=2999-01&lang=en", null, "Accept", HTML);
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("The period &quot;2999-01&quot; has not begun");
        browser.get("/?lang=zh-CN", null, "Accept", HTML);
    }

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /**
     * An officer who moved on to another station stays in the officers' rows of the village he was reviewed in, and
     * the chief follows the row's link to his results there: it answered 404, as for an officer never of the station.
     * The chief of the station he moved to reads none of his reviews of before.
     */
    @Test
    void theChiefReadsTheResultsOfAnOfficerWhoMovedOnWhereHeWasReviewed() {
        UUID moved = staff.register(new UnitId(office()), StaffRole.COMMUNITY_OFFICER, "调走民警" + n, null, null,
                "社区民警", null, null).id().value();
        UUID village = jurisdictions.createCommunity(new UnitId(office()), CommunityKind.VILLAGE, "IT-REV-" + n + "调走村",
                "调走村" + n, null, null, null).id().value();
        jurisdictions.assignCommunityOfficers(new CommunityId(village), moved, null, null);
        HttpResponse<String> made = api.send("POST", "/api/v1/reviews/cards", chief, Map.of("communityId", village));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        String code = ApiClient.json(made).get("code").asText();
        review(new PublicClient(port, address(), null), code, answers("true", "HANDLED", "5", null));
        UUID niushan = jurisdictions.unitByCode("320722020000").orElseThrow().id().value();
        jdbc.sql("UPDATE staff SET unit_id = ? WHERE id = ?").params(niushan, moved).update();

        JsonNode all = ApiClient.json(api.get("/api/v1/reviews/results?unitId=" + office(), chief));
        assertThat(all.get("officers").findValuesAsText("id")).contains(moved.toString());
        HttpResponse<String> his = api.get("/api/v1/reviews/results?officerId=" + moved, chief);
        assertThat(his.statusCode()).as(his.body()).isEqualTo(200);
        JsonNode results = ApiClient.json(his);
        assertThat(results.get("officerName").asText()).isEqualTo("调走民警" + n);
        assertThat(results.get("total").get("counts").get("reviews").asLong()).isEqualTo(1);
        ApiClient browser = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        String page = browser.get("/reviews?unit=" + office(), null, "Accept", HTML).body();
        assertThat(page).contains("officer=" + moved);
        HttpResponse<String> linked = browser.get("/reviews?unit=&officer=" + moved, null, "Accept", HTML);
        assertThat(linked.statusCode()).isEqualTo(200);
        assertThat(linked.body()).contains("调走民警" + n, "调走村" + n);
        // where he is now, his reviews of before are not read; an officer never reviewed in 房山 stays not found
        staff.register(new UnitId(niushan), StaffRole.STATION_CHIEF, "牛山所长" + n, null, null, "所长", "chief2m" + n,
                DEMO_PASSWORD);
        JsonNode there = ApiClient.json(api.get("/api/v1/reviews/results?officerId=" + moved,
                api.token("chief2m" + n, DEMO_PASSWORD)));
        assertThat(there.get("total").get("counts").get("reviews").asLong()).isZero();
        assertThat(api.get("/api/v1/reviews/results?officerId=" + staff("officer2"), chief).statusCode())
                .isEqualTo(404);
    }

    /**
     * The results' xlsx, sent on to the bureau, said "reviews", "reviews before" and the rates, but of which months
     * and beside which months before only its file name told; and of the period before it left out the 知晓率 and the
     * 办结率 the page's sheet has for the period. Each row now names both periods and has every rate of both.
     */
    @Test
    void theResultsXlsxNamesOnEachRowTheMonthsItCountsAndTheMonthsBeforeWithEveryRateOfBoth() throws Exception {
        String code = village("期间村");
        review(new PublicClient(port, address(), null), code, answers("true", "HANDLED", "5", null));
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"));
        HttpResponse<byte[]> xlsx = api.download("/api/v1/reviews/results.xlsx?period=" + month + "&unitId="
                + office(), chief);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = book.getSheetAt(0);
            List<String> head = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> head.add(cell.getStringCellValue()));
            assertThat(head).containsExactly("层级", "名称", "编码/警号", "期间", "本期状态", "评议数", "知晓率", "见警率",
                    "管事率", "办结率", "满意率", "上期期间", "上期评议数", "上期知晓率", "上期见警率", "上期管事率", "上期办结率",
                    "上期满意率");
            assertThat(sheet.getLastRowNum()).isGreaterThanOrEqualTo(3);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                assertThat(sheet.getRow(r).getCell(3).getStringCellValue()).isEqualTo(month.toString());
                assertThat(sheet.getRow(r).getCell(11).getStringCellValue()).isEqualTo(month.minusMonths(1).toString());
            }
        }
    }

    /**
     * The results page says a month not over yet is partial (本期尚未结束（截至 …）), so that its fewer reviews beside the
     * whole month before are not read as a fall; the xlsx, sent on without the page, said nothing of it. Each of its
     * rows now says so in the reader's language, and a month that is over reads as over.
     */
    @Test
    void theResultsXlsxSaysOnEachRowThatAMonthNotOverYetIsCountedOnlyToToday() throws Exception {
        String code = village("未完期村");
        review(new PublicClient(port, address(), null), code, answers("true", "HANDLED", "5", null));
        java.time.ZoneId china = java.time.ZoneId.of("Asia/Shanghai");
        java.time.YearMonth month = java.time.YearMonth.now(china);
        String today = java.time.LocalDate.now(china).toString();
        for (String language : List.of("zh-CN", "en")) {
            boolean en = language.equals("en");
            ApiClient browser = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, language);
            List<List<String>> now = sheet(browser.download("/reviews/export.xlsx?period=" + month + "&unit="
                    + office(), null));
            assertThat(now.get(0).get(4)).isEqualTo(en ? "Period state" : "本期状态");
            assertThat(now.size()).isGreaterThanOrEqualTo(3);
            for (List<String> row : now.subList(1, now.size())) {
                assertThat(row.get(4)).isEqualTo(en ? "Not over yet (so far up to " + today
                        + "): its reviews are of the days so far" : "本期尚未结束（截至 " + today + "）：评议数只是至今的");
            }
            List<List<String>> last = sheet(browser.download("/reviews/export.xlsx?period=" + month.minusMonths(1)
                    + "&unit=" + office(), null));
            for (List<String> row : last.subList(1, last.size())) {
                assertThat(row.get(4)).isEqualTo(en ? "Over" : "已结束");
            }
        }
    }

    static List<List<String>> sheet(HttpResponse<byte[]> xlsx) throws java.io.IOException {
        assertThat(xlsx.statusCode()).isEqualTo(200);
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            book.getSheetAt(0).forEach(row -> {
                // by position: an empty cell (the total's code) is no cell to iterate
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    var cell = row.getCell(c);
                    cells.add(cell == null ? "" : cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                            ? cell.getStringCellValue() : String.valueOf(cell.getNumericCellValue()));
                }
                rows.add(cells);
            });
        }
        return rows;
    }

    long lowEntries(String code, UUID chief) {
        return jdbc.sql("""
                SELECT count(*) FROM inbox_entry e JOIN review_alert a ON a.id = e.record_id
                JOIN review_card c ON c.officer_id = a.officer_id AND c.community_id = a.community_id
                WHERE e.kind = 'REVIEW_RESULT_LOW' AND c.code = ? AND e.recipient_id = ?""")
                .params(code, chief).query(Long.class).single();
    }
}
