package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One network address may not try tracking codes without end: past its share of codes naming no report in a minute
 * (30 by default), the tracking page and its API say so in the reader's language (429) and look nothing up, a right code
 * included; a resident following his own report is never counted, and other addresses keep their share.
 */
class TrackingGuessesIntegrationTests extends IntegrationTest {

    static final int SHARE = 30;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    /** An address of the test's own (sent as a proxy does), so the suite's other look-ups count apart. */
    static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + (200 + r.nextInt(50)) + "." + r.nextInt(250) + "." + (1 + r.nextInt(250));
    }

    String someCode() {
        return jdbc.sql("SELECT tracking_code FROM incident WHERE tracking_code IS NOT NULL ORDER BY received_at LIMIT 1")
                .query(String.class).single();
    }

    @Test
    void pastItsShareOfUnknownCodesAnAddressIsToldInItsLanguageAndNothingIsLookedUpWhileOthersAreServed() {
        ApiClient app = new ApiClient(port);
        String guesser = address();
        String known = someCode();
        for (int i = 0; i < SHARE; i++) {
            String code = "FQ" + String.format("%010d", i).replace('0', 'A').replace('1', 'B');
            HttpResponse<String> missed = app.get(i % 2 == 0 ? "/track/" + code : "/api/public/v1/track/" + code, null,
                    "X-Forwarded-For", guesser);
            assertThat(missed.statusCode()).as("guess " + (i + 1)).isEqualTo(404);
        }

        HttpResponse<String> page = app.get("/track/FQZZZZZZZZZZ", null, "X-Forwarded-For", guesser);
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(page.body()).contains("查询过于频繁：同一网络一分钟内最多可输入30个查不到报告的查询码")
                .contains("value=\"FQZZZZZZZZZZ\"");
        HttpResponse<String> english = app.get("/track/" + known, null, "X-Forwarded-For", guesser,
                "Accept-Language", "en");
        assertThat(english.statusCode()).as("a right code is not looked up either").isEqualTo(429);
        assertThat(english.body()).contains("one network may try at most 30 codes naming no report in a minute")
                .doesNotContain(known + "</");
        HttpResponse<String> api = app.get("/api/public/v1/track/" + known, null, "X-Forwarded-For", guesser,
                "Accept-Language", "en");
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(ApiClient.json(api).get("detail").asText()).startsWith("Too many tracking codes tried: one network"
                + " may try at most 30 codes naming no report in a minute.");
        assertThat(ApiClient.json(api).has("trackingCode")).isFalse();

        assertThat(app.get("/api/public/v1/track/" + known, null, "X-Forwarded-For", address()).statusCode())
                .as("another network").isEqualTo(200);
    }

    @Test
    void aResidentFollowingHisOwnReportIsNeverCounted() {
        ApiClient app = new ApiClient(port);
        String resident = address();
        String known = someCode();
        for (int i = 0; i <= SHARE; i++) {
            HttpResponse<String> found = app.get(i % 2 == 0 ? "/track/" + known : "/api/public/v1/track/" + known, null,
                    "X-Forwarded-For", resident);
            assertThat(found.statusCode()).as("look-up " + (i + 1)).isEqualTo(200);
        }
        assertThat(app.get("/track/FQZZZZZZZZZZ", null, "X-Forwarded-For", resident).statusCode())
                .as("his first unknown code").isEqualTo(404);
    }
}
