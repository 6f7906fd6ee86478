package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A page number typed into the address or sent by a script can be any number: a paged list asked for page
 * 2147483647 of 100 answers an empty page (or sends a page back to its last), never a server error. Its offset, the
 * page's number times its size, was an int that overflowed to a negative number, which PostgreSQL refuses.
 */
class PagedListsFarPastTheEndIntegrationTests extends IntegrationTest {

    private static final String FAR = "page=2147483647&size=100";
    /** Who asks: the bureau first, then the roles a list is for when the bureau may not read it. */
    private static final List<String> USERS = List.of("bureau", "chief", "officer", "manager", "admin", "security",
            "auditor", "volunteer");
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    @Test
    void everyPagedApiListAnswersAPageFarPastItsEndWithoutAServerError() {
        ApiClient api = new ApiClient(port);
        JsonNode docs = ApiClient.json(api.get("/v3/api-docs", null));
        Map<String, String> tokens = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int read = 0;
        for (String path : pagedLists(docs)) {
            String asked = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()) + "?" + FAR;
            HttpResponse<String> answer = null;
            for (String user : USERS) {
                answer = api.get(asked, tokens.computeIfAbsent(user, u -> api.token(u, DEMO_PASSWORD)));
                if (answer.statusCode() != 403) {
                    break;
                }
            }
            if (answer.statusCode() >= 500) {
                failures.add(asked + " answered " + answer.statusCode() + " " + answer.body());
            } else if (answer.statusCode() == 200) {
                read++;
            }
        }
        assertThat(failures).isEmpty();
        // the lists the bureau and the others read: most of the platform's, so the test is not vacuous
        assertThat(read).isGreaterThanOrEqualTo(12);
    }

    /** The list pages take any page number too; those with rows send a page past the end back to their last. */
    @Test
    void everyPagedListPageAnswersAPageFarPastItsEndWithoutAServerError() {
        List<String> pages = List.of("/incidents", "/persons", "/addresses", "/rentals", "/organisations",
                "/verification-tasks", "/claims", "/mediation", "/recovery", "/forces", "/inbox", "/staff", "/audit");
        Map<String, ApiClient> browsers = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String page : pages) {
            HttpResponse<String> answer = null;
            for (String user : USERS) {
                ApiClient browser = browsers.computeIfAbsent(user,
                        u -> new ApiClient(port).signedIn(u, DEMO_PASSWORD, null));
                answer = browser.get(page + "?page=2147483647", null, "Accept", HTML);
                if (answer.statusCode() != 403) {
                    break;
                }
            }
            if (answer.statusCode() >= 500) {
                failures.add(page + " answered " + answer.statusCode());
            }
        }
        assertThat(failures).isEmpty();

        HttpResponse<String> incidents = browsers.get("bureau").get("/incidents?page=2147483647", null, "Accept", HTML);
        assertThat(incidents.statusCode()).isEqualTo(302);
        assertThat(incidents.headers().firstValue("Location").orElseThrow()).matches(".*/incidents\\?page=[0-9]+$")
                .doesNotContain("2147483647");
    }

    /** The GET operations of the description that take a {@code page} query parameter. */
    private static List<String> pagedLists(JsonNode docs) {
        List<String> paths = new ArrayList<>();
        docs.path("paths").fields().forEachRemaining(entry -> {
            for (JsonNode p : entry.getValue().path("get").path("parameters")) {
                if (p.path("in").asText().equals("query") && p.path("name").asText().equals("page")) {
                    paths.add(entry.getKey());
                }
            }
        });
        return paths;
    }
}
