package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each ledger a chief downloads is saved under a name in his language, as its sheets and headers are written: a
 * Chinese reader's downloads folder filled with incidents.xlsx, mediation.xlsx, recovery.xlsx, reviews-….xlsx and
 * forces-roster.xlsx beside 实有人口台账.xlsx, and the supervision notice printed as supervision-notice-….pdf.
 */
class ExportFileNamesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    static final String[][] EXPORTS = {
        {"/api/v1/incidents/export", "事项台账.xlsx", "incidents.xlsx"},
        {"/api/v1/mediation/cases/export", "矛盾纠纷调解台账.xlsx", "mediation.xlsx"},
        {"/api/v1/recovery/files/export", "追赃挽损台账.xlsx", "recovery.xlsx"},
        {"/api/v1/reviews/results.xlsx?period=2026-05", "群众评议结果-2026-05.xlsx", "reviews-2026-05.xlsx"},
        {"/api/v1/forces/export.xlsx", "群防群治力量名册.xlsx", "forces-roster.xlsx"},
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

    /** The name the browser saves the file under, from its UTF-8 form (filename*=UTF-8''…). */
    private static String name(HttpResponse<byte[]> download) {
        assertThat(download.statusCode()).as(download.uri().toString()).isEqualTo(200);
        return URLDecoder.decode(download.headers().firstValue("Content-Disposition").orElseThrow(),
                StandardCharsets.UTF_8);
    }
}
