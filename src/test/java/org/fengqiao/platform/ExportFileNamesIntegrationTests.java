package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each ledger a chief downloads is saved under a name in his language, as its sheets and headers are written: a
 * Chinese reader's downloads folder filled with incidents.xlsx, mediation.xlsx, recovery.xlsx, reviews-….xlsx and
 * forces-roster.xlsx beside 实有人口台账.xlsx, and the supervision notice printed as supervision-notice-….pdf. Each
 * name goes in UTF-8 (RFC 5987 filename*), which every browser reads.
 */
class ExportFileNamesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    static final String[][] EXPORTS = {
        {"/api/v1/incidents/export", "事项台账.xlsx", "incidents.xlsx"},
        {"/api/v1/mediation/cases/export", "矛盾纠纷调解台账.xlsx", "mediation.xlsx"},
        {"/api/v1/recovery/files/export", "追赃挽损台账.xlsx", "recovery.xlsx"},
        {"/api/v1/reviews/results.xlsx?period=2026-05", "群众评议结果-2026-05.xlsx", "reviews-2026-05.xlsx"},
        {"/api/v1/forces/export.xlsx", "群防群治力量名册.xlsx", "forces-roster.xlsx"},
        {"/api/v1/supplies/export", "警务保障台账.xlsx", "supplies.xlsx"},
    };

    @Test
    void eachLedgerIsNamedInTheReadersLanguage() {
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        for (String[] export : EXPORTS) {
            assertThat(name(api.download(export[0], chief, "Accept-Language", "zh-CN"))).as(export[0])
                    .endsWith("''" + export[1]);
            assertThat(name(api.download(export[0], chief, "Accept-Language", "en"))).as(export[0] + " (en)")
                    .endsWith("''" + export[2]);
        }
    }

    @Test
    void theSupervisionNoticesPrintIsNamedInTheReadersLanguage() {
        ApiClient api = new ApiClient(port);
        String inspector = api.token("inspector", DEMO_PASSWORD);
        String id = ApiClient.json(api.get("/api/v1/supervision/notices?size=1", inspector)).get("items").get(0)
                .get("id").asText();
        String pdf = "/api/v1/supervision/notices/" + id + "/notice.pdf";
        assertThat(name(api.download(pdf, inspector, "Accept-Language", "zh-CN"))).containsPattern(
                "''督察通报-\\d{4}-\\d+\\.pdf$");
        assertThat(name(api.download(pdf, inspector, "Accept-Language", "en"))).containsPattern(
                "''supervision-notice-\\d{4}-\\d+\\.pdf$");
    }

    /**
     * The prints and the figures sheet a Chinese reader saved as review-card-….pdf, floor-plan-….pdf, household-….pdf,
     * person-….pdf and work-figures-….xlsx: each is named in the reader's language, from the pages and the API alike.
     */
    @Test
    void thePrintsAndTheFiguresSheetAreNamedInTheReadersLanguage() {
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        String code = ApiClient.json(api.get("/api/v1/reviews/cards", chief)).findValuesAsText("code").stream()
                .filter(c -> !c.isBlank()).findFirst().orElseThrow();
        String under = "(SELECT path || '%' FROM unit WHERE code = '320722020100')";
        UUID building = jdbc.sql("SELECT b.id FROM building b JOIN grid g ON g.id = b.grid_id JOIN unit u"
                + " ON u.id = g.unit_id WHERE u.path LIKE " + under + " ORDER BY b.id LIMIT 1").query(UUID.class).single();
        UUID household = jdbc.sql("SELECT h.id FROM household h JOIN grid g ON g.id = h.grid_id JOIN unit u"
                + " ON u.id = g.unit_id WHERE u.path LIKE " + under + " ORDER BY h.id LIMIT 1").query(UUID.class).single();
        UUID person = jdbc.sql("SELECT p.id FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u"
                + " ON u.id = g.unit_id WHERE u.path LIKE " + under + " ORDER BY p.id LIMIT 1").query(UUID.class).single();
        for (String[] language : new String[][] {
                {"zh-CN", "警民联系卡", "群众评议二维码", "居民信息平面图", "一户一册", "一人一档", "工作统计"},
                {"en", "review-card", "review", "floor-plan", "household", "person", "work-figures"}}) {
            String as = language[0];
            ApiClient chiefPages = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, as);
            ApiClient officerPages = new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, as);
            assertThat(name(chiefPages.download("/reviews/cards/" + code + "/card.pdf", null))).as(as)
                    .endsWith("''" + language[1] + "-" + code + ".pdf");
            assertThat(name(api.download("/api/v1/reviews/cards/" + code + "/card.pdf", chief, "Accept-Language", as)))
                    .as(as).endsWith("''" + language[1] + "-" + code + ".pdf");
            assertThat(name(chiefPages.download("/reviews/cards/" + code + "/qr.png", null))).as(as)
                    .endsWith("''" + language[2] + "-" + code + ".png");
            assertThat(name(api.download("/api/v1/reviews/cards/" + code + "/qr.png", chief, "Accept-Language", as)))
                    .as(as).endsWith("''" + language[2] + "-" + code + ".png");
            assertThat(name(officerPages.download("/buildings/" + building + "/floor-plan.pdf", null))).as(as)
                    .endsWith("''" + language[3] + "-" + building + ".pdf");
            assertThat(name(api.download("/api/v1/households/" + household + "/register.pdf", officer2,
                    "Accept-Language", as))).as(as).endsWith("''" + language[4] + "-" + household + ".pdf");
            assertThat(name(api.download("/api/v1/persons/" + person + "/file.pdf", officer2, "Accept-Language", as)))
                    .as(as).endsWith("''" + language[5] + "-" + person + ".pdf");
            assertThat(name(chiefPages.download("/figures/export.xlsx", null))).as(as)
                    .containsPattern("''" + language[6] + "-\\d{4}-\\d{2}-01-\\d{4}-\\d{2}-\\d{2}\\.xlsx$");
        }
    }

    /** The name the browser saves the file under, from its UTF-8 form (filename*=UTF-8''…). */
    private static String name(HttpResponse<byte[]> download) {
        assertThat(download.statusCode()).as(download.uri().toString()).isEqualTo(200);
        return URLDecoder.decode(download.headers().firstValue("Content-Disposition").orElseThrow(),
                StandardCharsets.UTF_8);
    }
}
