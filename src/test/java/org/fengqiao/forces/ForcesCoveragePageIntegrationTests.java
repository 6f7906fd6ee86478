package org.fengqiao.forces;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The coverage tab (全时段联勤) asked for a day that is none, as a day typed by hand or cut short arrives: said on the
 * tab itself, above its form, in the reader's language, with 400, as the recovery list says a year out of range, not
 * as the error page.
 */
class ForcesCoveragePageIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aDayThatIsNoneIsSaidOnTheCoverageTabNotOnTheErrorPage() {
        ApiClient zh = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        ApiClient en = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        for (String day : List.of("2026-02-30", "tomorrow", "2026-5-1")) {
            String path = "/forces?tab=coverage&day=" + day;
            HttpResponse<String> page = zh.get(path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(400);
            assertThat(page.body()).as(path).contains("class=\"page forces-page\"", "class=\"problems\"",
                    "日期：不是有效的年-月-日，请写成 2026-05-01 这样", "id=\"tab-coverage\"").doesNotContain("id=\"coverage\"");
            HttpResponse<String> english = en.get(path, null);
            assertThat(english.statusCode()).as(path).isEqualTo(400);
            assertThat(english.body()).as(path).contains("class=\"page forces-page\"",
                    "Day: Not a valid year-month-day: write it as 2026-05-01");
        }
        assertThat(zh.get("/forces?tab=coverage&day=2026-05-01", null).statusCode()).isEqualTo(200);
        assertThat(zh.get("/forces?tab=coverage", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aDayOfAFarOffYearIsRefusedOnTheTabAndInTheApiNamingTheDaysTakenAndTheFormKeepsIt() {
        ApiClient zh = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        ApiClient en = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        // shifts may be booked years ahead: the days asked after end with the years the filters take
        String last = "2099-12-31";
        for (String day : List.of("0001-01-01", "1899-12-31", "2100-01-01", "9999-12-31")) {
            String path = "/forces?tab=coverage&day=" + day;
            HttpResponse<String> page = zh.get(path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(400);
            assertThat(page.body()).as(path).contains("class=\"problems\"", "日期须在 1900-01-01 至 " + last + " 之间",
                    "name=\"day\" required value=\"" + day + "\"").doesNotContain("id=\"coverage\"");
            assertThat(en.get(path, null).body()).as(path).contains("The day must be between 1900-01-01 and " + last);

            ApiClient api = new ApiClient(port);
            HttpResponse<String> json = api.get("/api/v1/forces/coverage?day=" + day,
                    api.token("officer", DEMO_PASSWORD), "Accept-Language", "en");
            assertThat(json.statusCode()).as("api " + day).isEqualTo(400);
            assertThat(ApiClient.json(json).get("errors").get(0).get("field").asText()).isEqualTo("day");
            assertThat(json.body()).contains("The day must be between 1900-01-01 and " + last);
        }
        assertThat(zh.get("/forces?tab=coverage&day=" + last, null).statusCode()).as("the last day taken")
                .isEqualTo(200);
    }
}
