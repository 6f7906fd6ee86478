package org.fengqiao.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.support.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The review results page beside the period before: the period before shows every figure the period shows (it had the
 * number of reviews and the satisfaction only), a period not over yet says so (its fewer reviews are the days so
 * far, not a fall), and the station chief's reading of a number a resident wrote into a comment, which he alone reads
 * whole, is audited. Each test reviews on a village of its own under 房山中心警务室, officer 李建国.
 */
class ReviewComparisonIntegrationTests extends IntegrationTest {

    static final Random RANDOM = new Random();
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    String chief;
    String n;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        chief = api.token("chief", DEMO_PASSWORD);
        n = String.valueOf(100000 + RANDOM.nextInt(899999));
    }

    UUID office() {
        return jdbc.sql("SELECT id FROM unit WHERE code = '320722010100'").query(UUID.class).single();
    }

    UUID officer() {
        return jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
    }

    /** A village of the test's own, its officer 李建国, and its card: the village's id and the card's code. */
    String[] village(String name) {
        UUID id = jurisdictions.createCommunity(new UnitId(office()), CommunityKind.VILLAGE, "IT-RVC-" + n + name,
                name + n, null, null, null).id().value();
        jurisdictions.assignCommunityOfficers(new CommunityId(id), officer(), null, null);
        HttpResponse<String> made = api.send("POST", "/api/v1/reviews/cards", chief, Map.of("communityId", id));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        return new String[] {id.toString(), ApiClient.json(made).get("code").asText()};
    }

    static String address() {
        return "10." + RANDOM.nextInt(250) + "." + RANDOM.nextInt(250) + "." + (1 + RANDOM.nextInt(250));
    }

    UUID review(String code, boolean seen, String matter, int score, String comment) {
        Map<String, Object> answers = comment == null
                ? Map.of("knows", true, "seen", seen, "matter", matter, "score", score)
                : Map.of("knows", true, "seen", seen, "matter", matter, "score", score, "comment", comment);
        HttpResponse<String> sent = new ApiClient(port).send("POST", "/api/public/v1/review/" + code, null, answers,
                "X-Forwarded-For", address());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        return UUID.fromString(ApiClient.json(sent).get("id").asText());
    }

    static List<String> cells(Element row) {
        return row.select("td").stream().map(Element::text).toList();
    }

    @Test
    void thePeriodBeforeShowsEveryFigureThePeriodShowsAndAPeriodNotOverSaysSo() {
        String[] village = village("上期村");
        // four reviews last month: all knew him, two had seen him, three had a matter of which he took up two and
        // handled one, three were satisfied
        review(village[1], true, "HANDLED", 5, null);
        review(village[1], false, "IGNORED", 2, null);
        review(village[1], true, "UNFINISHED", 4, null);
        review(village[1], false, "NONE", 5, null);
        jdbc.sql("""
                UPDATE review SET month = (month - interval '1 month')::date,
                                  submitted_at = submitted_at - interval '1 month'
                WHERE community_id = ?""").param(UUID.fromString(village[0])).update();
        // one this month
        review(village[1], true, "NONE", 4, null);
        ZoneId china = ZoneId.of("Asia/Shanghai");
        YearMonth month = YearMonth.now(china);

        ApiClient browser = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        Document page = Jsoup.parse(browser.get("/reviews?unit=" + office(), null, "Accept", BROWSER).body());
        Element now = page.selectFirst("#results-communities tr[data-id=" + village[0] + "]");
        assertThat(now).isNotNull();
        assertThat(cells(now)).containsExactly("上期村" + n, "1", "100.0%", "100.0%", "–", "–", "100.0%");
        Element before = page.selectFirst("#results-communities tr[data-before-of=" + village[0] + "]");
        assertThat(before).as("the row of the period before, under the village's").isNotNull();
        assertThat(cells(before)).containsExactly("上期 " + month.minusMonths(1), "4", "100.0%", "50.0%", "66.7%",
                "33.3%", "75.0%");
        assertThat(page.select("#results-total tr.before")).hasSize(1);
        // this month is not over: said, with the day it is counted to and the whole month it is set beside
        assertThat(page.select("#partial").text()).contains("本期尚未结束", LocalDate.now(china).toString(),
                month.minusMonths(1).toString());
        Document english = Jsoup.parse(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en")
                .get("/reviews?unit=" + office(), null, "Accept", BROWSER).body());
        assertThat(english.select("#partial").text()).contains("This period is not over yet",
                LocalDate.now(china).toString());

        // last month is over: nothing to say, and the month before it is its period before
        Document last = Jsoup.parse(browser.get("/reviews?unit=" + office() + "&period=" + month.minusMonths(1), null,
                "Accept", BROWSER).body());
        assertThat(last.select("#partial")).isEmpty();
        assertThat(cells(last.selectFirst("#results-communities tr[data-id=" + village[0] + "]")))
                .containsExactly("上期村" + n, "4", "100.0%", "50.0%", "66.7%", "33.3%", "75.0%");
        // and the API says the same: the day a period not over is counted to, none for a whole one
        assertThat(ApiClient.json(api.get("/api/v1/reviews/results?unitId=" + office(), chief)).get("through")
                .asText()).isEqualTo(LocalDate.now(china).toString());
        JsonNode whole = ApiClient.json(api.get("/api/v1/reviews/results?unitId=" + office() + "&period="
                + month.minusMonths(1), chief)).path("through");
        assertThat(whole.isNull() || whole.isMissingNode()).as("a whole month is counted to no day").isTrue();
    }

    long numberReads(UUID review) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'review' AND record_id = ?""")
                .param(review.toString()).query(Long.class).single();
    }

    @Test
    void theChiefsReadingOfANumberInACommentIsAuditedAndAMaskedOneIsNot() {
        String[] village = village("号码审计村");
        UUID withNumber = review(village[1], true, "NONE", 4, "邻居电话13912345678，请多巡逻" + n);
        UUID plain = review(village[1], true, "NONE", 5, "李警官常来村里" + n);

        ApiClient browser = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        assertThat(browser.get("/reviews?unit=" + office(), null, "Accept", BROWSER).body()).contains("13912345678");
        assertThat(numberReads(withNumber)).as("the chief read the number on the page").isEqualTo(1);
        assertThat(api.get("/api/v1/reviews/results?unitId=" + office(), chief).body()).contains("13912345678");
        assertThat(numberReads(withNumber)).as("and through the API").isEqualTo(2);
        assertThat(numberReads(plain)).as("words without a number hold no personal data").isZero();

        // the bureau reads it masked, and the export holds no comment: neither is a read of the number
        String bureau = api.token("bureau", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/reviews/results?unitId=" + office(), bureau).body()).contains("139****5678")
                .doesNotContain("13912345678");
        assertThat(api.download("/api/v1/reviews/results.xlsx?unitId=" + office(), chief).statusCode())
                .isEqualTo(200);
        assertThat(numberReads(withNumber)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'READ' AND record_type = 'review'"
                + " AND record_id = ?").param(withNumber.toString()).query(String.class).list())
                .containsOnly("chief");
    }
}
