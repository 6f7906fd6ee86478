package org.fengqiao.supplies;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supplies overview and its list of issues asked for a period that is none (ending before it begins, ending after
 * today, a day that is no date): said on the page itself, above its filters, in the reader's language, with 400 and
 * no sums under dates the reader did not ask for, as the recovery list says a year out of range, not as the error
 * page.
 */
class SuppliesPeriodPagesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aBadPeriodIsSaidOnTheSuppliesPagesNotOnTheErrorPage() {
        ApiClient zh = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN");
        ApiClient en = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en");
        for (String page : List.of("/supplies", "/supplies/issues")) {
            for (List<String> bad : List.of(
                    List.of("?from=2026-05-01&to=2026-04-01", "截止日期不能早于起始日期",
                            "The end of the period cannot be before its start"),
                    List.of("?from=2026-01-01&to=2999-01-01", "截止日期 2999-01-01 在今天",
                            "2999-01-01"),
                    List.of("?from=2026-13-01", "起始日期：不是有效的年-月-日，请写成 2026-05-01 这样",
                            "From: Not a valid year-month-day: write it as 2026-05-01"),
                    List.of("?to=soon", "截止日期：不是有效的年-月-日，请写成 2026-05-01 这样",
                            "To: Not a valid year-month-day: write it as 2026-05-01"))) {
                String path = page + bad.get(0);
                HttpResponse<String> answer = zh.get(path, null);
                assertThat(answer.statusCode()).as(path).isEqualTo(400);
                assertThat(answer.body()).as(path).contains("class=\"page supplies-page\"", "class=\"problems\"",
                        bad.get(1), "id=\"filter-from\"").doesNotContain("id=\"kind-totals\"", "id=\"issues-total\"");
                HttpResponse<String> english = en.get(path, null);
                assertThat(english.statusCode()).as(path).isEqualTo(400);
                assertThat(english.body()).as(path).contains("class=\"page supplies-page\"", bad.get(2));
            }
            assertThat(zh.get(page + "?from=2026-01-01&to=2026-02-01", null).statusCode()).as(page).isEqualTo(200);
        }
    }
}
