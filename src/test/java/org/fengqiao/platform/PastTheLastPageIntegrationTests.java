package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A paged list asked for a page past its last (an old bookmark, a list that shrank, a number typed) shows its last
 * page, with its filters kept, never "no matches" beside a total that says there are some.
 */
class PastTheLastPageIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    ApiClient signedIn(String username) {
        ApiClient c = new ApiClient(port);
        assertThat(c.formLogin(username, DEMO_PASSWORD).statusCode()).isEqualTo(302);
        return c;
    }

    /** The page asked for past the end redirects to the last page of the same list (same filters); its body. */
    static String lastPageVia(ApiClient c, String pastTheEnd, String expectedLocation) {
        HttpResponse<String> r = c.get(pastTheEnd, null, "Accept", BROWSER);
        assertThat(r.statusCode()).as(pastTheEnd).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).as("the last page of the same list").endsWith(expectedLocation);
        HttpResponse<String> last = c.get(expectedLocation, null, "Accept", BROWSER);
        assertThat(last.statusCode()).isEqualTo(200);
        return last.body();
    }

    static long number(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as(regex).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void theOrganisationsPastTheirLastPageShowTheLastPageWithItsFilter() {
        ApiClient chief = signedIn("chief");
        String first = chief.get("/organisations?kind=SHOP", null, "Accept", BROWSER).body();
        long total = number(first, "共 ([0-9,]+) 家");
        assertThat(total).as("the demo district has shops").isPositive();
        long pages = (total + 19) / 20;

        String last = lastPageVia(chief, "/organisations?kind=SHOP&page=" + (pages + 5),
                "/organisations?kind=SHOP&page=" + pages);
        assertThat(last).contains("共 " + String.format(java.util.Locale.ROOT, "%,d", total) + " 家").doesNotContain("没有符合条件的单位")
                .contains("data-organisation=");
    }

    @Test
    void theAddressesAndTheIncidentsPastTheirLastPageShowTheLastPage() {
        ApiClient chief = signedIn("chief");
        String first = chief.get("/addresses", null, "Accept", BROWSER).body();
        long total = number(first, "共 ([0-9,]+) 个地址");
        long pages = (total + 19) / 20;
        String last = lastPageVia(chief, "/addresses?page=" + (pages + 100), "/addresses?page=" + pages);
        assertThat(last).contains("共 " + String.format(java.util.Locale.ROOT, "%,d", total) + " 个地址").doesNotContain("没有符合条件的地址");

        Matcher pager = Pattern.compile("<span>1 / (\\d+)</span>")
                .matcher(chief.get("/incidents?show=all", null, "Accept", BROWSER).body());
        String incidents = lastPageVia(chief, "/incidents?show=all&page=100000", "/incidents?show=all&page="
                + (pager.find() ? pager.group(1) : "1"));
        assertThat(incidents).doesNotContain("没有符合条件的事项").contains("incident-link");
    }

    @Test
    void aPageWithinTheListAndAnEmptyListAreShownAsTheyAre() {
        ApiClient chief = signedIn("chief");
        HttpResponse<String> none = chief.get("/organisations?q=zzzq-no-such-unit&page=3", null, "Accept", BROWSER);
        assertThat(none.statusCode()).as("nothing to go back to: the list is empty").isEqualTo(200);
        assertThat(none.body()).contains("共 0 家").contains("没有符合条件的单位");
        assertThat(chief.get("/organisations?page=1", null, "Accept", BROWSER).statusCode()).isEqualTo(200);
    }

    @Test
    void theAuditTrailNumberedFromZeroGoesToItsLastPageToo() {
        ApiClient auditor = signedIn("auditor");
        HttpResponse<String> r = auditor.get("/audit?action=SIGN_IN&page=99999999", null, "Accept", BROWSER);
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/audit?action=SIGN_IN&page=");
        String last = auditor.get(location.substring(location.indexOf("/audit")), null, "Accept", BROWSER).body();
        assertThat(last).doesNotContain("没有符合条件的记录").contains("data-seq=");
    }
}
