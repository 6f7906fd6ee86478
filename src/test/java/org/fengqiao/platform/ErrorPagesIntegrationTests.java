package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person's browser asking for a staff page gets the application's error page in his language, with the right
 * status, never a problem detail in JSON: a page he may not open (403), a record that does not exist or lies outside
 * his subtree (404, the same, on the staff pages too), an address whose id is not an id (404). The API keeps its
 * problem details.
 */
class ErrorPagesIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ApiClient signedIn(String username) {
        ApiClient c = new ApiClient(port);
        assertThat(c.formLogin(username, DEMO_PASSWORD).statusCode()).isEqualTo(302);
        return c;
    }

    static void isTheErrorPage(HttpResponse<String> r, int status, String heading) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).contains("<h1>" + heading + "</h1>").doesNotContain("\"status\":")
                .doesNotContain("problems/");
    }

    @Test
    void aPageTheOfficerMayNotOpenIsTheForbiddenPage() {
        ApiClient officer = signedIn("officer");
        isTheErrorPage(officer.get("/incidents/api-keys", null, "Accept", BROWSER), 403, "无权进行此操作");
        ApiClient english = signedIn("officer");
        assertThat(english.get("/?lang=en", null, "Accept", BROWSER).statusCode()).as("English chosen").isEqualTo(200);
        isTheErrorPage(english.get("/incidents/api-keys", null, "Accept", BROWSER), 403, "You are not allowed to do this");
    }

    /** The forbidden page says in a plain sentence what happened and leads back to the start page. */
    static void isTheForbiddenPage(HttpResponse<String> r, String heading, String sentence) {
        isTheErrorPage(r, 403, heading);
        assertThat(r.body()).contains(sentence).contains("href=\"/\"");
    }

    @Test
    void aPageTheVolunteerOrTheOfficerMayNotOpenSaysSoInAPlainSentenceWithTheWayHome() {
        isTheForbiddenPage(signedIn("volunteer").get("/audit", null, "Accept", BROWSER), "无权进行此操作",
                "您的账号无权打开此页面或进行此操作，什么也没有改变。");
        isTheForbiddenPage(new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en")
                        .get("/audit", null, "Accept", BROWSER), "You are not allowed to do this",
                "Your account may not open this page or do this; nothing was changed.");
    }

    @Test
    void aFormTheAuditAdministratorMayNotSendIsTheForbiddenPageNotJsonAndFilesNothing() {
        String description = "审计员不应能登记的事项 " + UUID.randomUUID();
        Map<String, String> form = Map.of("source", "WALK_IN", "category", "HELP", "description", description,
                "address", "吴场村一组四十号");
        ApiClient auditor = signedIn("auditor");
        java.util.Map<String, String> sent = new java.util.HashMap<>(form);
        sent.put("_csrf", auditor.csrfFrom("/profile"));
        // 三员分立: refused before the form is read, by the rule for the audit administrator's requests
        isTheForbiddenPage(auditor.form("/incidents", sent, "Accept", BROWSER), "无权进行此操作",
                "您的账号无权打开此页面或进行此操作，什么也没有改变。");
        ApiClient english = new ApiClient(port).signedIn("auditor", DEMO_PASSWORD, "en");
        sent.put("_csrf", english.csrfFrom("/profile"));
        isTheForbiddenPage(english.form("/incidents", sent, "Accept", BROWSER), "You are not allowed to do this",
                "Your account may not open this page or do this; nothing was changed.");

        // a script asking for JSON keeps its problem detail, on a page's address as on the API's
        HttpResponse<String> script = english.form("/incidents", sent, "Accept", "application/json");
        assertThat(script.statusCode()).isEqualTo(403);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        ApiClient api = new ApiClient(port);
        HttpResponse<String> client = api.send("POST", "/api/v1/incidents", api.token("auditor", DEMO_PASSWORD),
                Map.of("category", "HELP", "description", description, "address", "吴场村一组四十号"), "Accept", BROWSER);
        assertThat(client.statusCode()).isEqualTo(403);
        assertThat(client.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        // in his profile's language, the client naming none: the English he switched a page session to above was that
        // session's, not his account's
        assertThat(ApiClient.json(client).get("title").asText()).isEqualTo("无权进行此操作");

        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description)
                .query(Long.class).single()).as("nothing filed").isZero();
    }

    @Test
    void aFormSentFromNoPageOfThisSiteIsTheForbiddenPageSayingSoAndFilesNothing() {
        String description = "别的网站伪造的表单 " + UUID.randomUUID();
        Map<String, String> forged = Map.of("_csrf", "not-the-sessions-token", "source", "WALK_IN", "category", "HELP",
                "description", description, "address", "吴场村一组四十号");
        ApiClient officer = signedIn("officer");
        isTheForbiddenPage(officer.form("/incidents", forged, "Accept", BROWSER), "无权进行此操作",
                "这份表单不是从本系统的页面提交的，什么也没有改变。");
        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        isTheForbiddenPage(english.form("/incidents", forged, "Accept", BROWSER), "You are not allowed to do this",
                "This form was not sent from a page of this site; nothing was changed.");
        HttpResponse<String> script = english.form("/incidents", forged, "Accept", "application/json");
        assertThat(script.statusCode()).isEqualTo(403);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description)
                .query(Long.class).single()).as("nothing filed").isZero();
    }

    @Test
    void aMissingOrOutOfScopeRecordAndAnIdThatIsNoIdAreTheNotFoundPage() {
        ApiClient officer = signedIn("officer");
        String officerPath = jdbc.sql("SELECT u.path FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = 'officer'")
                .query(String.class).single();
        UUID elsewhere = jdbc.sql("""
                SELECT i.id FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path NOT LIKE ? LIMIT 1""").param(officerPath + "%").query(UUID.class).single();

        isTheErrorPage(officer.get("/incidents/" + UUID.randomUUID(), null, "Accept", BROWSER), 404, "记录不存在");
        isTheErrorPage(officer.get("/incidents/" + elsewhere, null, "Accept", BROWSER), 404, "记录不存在");
        isTheErrorPage(officer.get("/incidents/not-a-uuid", null, "Accept", BROWSER), 404, "记录不存在");
        isTheErrorPage(officer.form("/inbox/not-a-uuid/open", Map.of("_csrf", officer.csrfFrom("/inbox")), "Accept",
                BROWSER), 404, "记录不存在");
    }

    @Test
    void aStaffMemberOutsideTheCallersStationIsTheNotFoundPageAsOnEveryOtherPage() {
        UUID elsewhere = jdbc.sql("SELECT id FROM staff WHERE username = 'officer2'").query(UUID.class).single();
        ApiClient officer = signedIn("officer");
        isTheErrorPage(officer.get("/staff/" + elsewhere, null, "Accept", BROWSER), 404, "记录不存在");
        isTheErrorPage(officer.get("/staff/" + UUID.randomUUID(), null, "Accept", BROWSER), 404, "记录不存在");
        ApiClient english = signedIn("officer");
        english.get("/?lang=en", null, "Accept", BROWSER);
        isTheErrorPage(english.get("/staff/" + elsewhere, null, "Accept", BROWSER), 404, "Record not found");

        // a script asking a staff page for JSON gets a problem detail, as from any other page's address
        HttpResponse<String> script = officer.get("/staff/" + elsewhere, null, "Accept", "application/json");
        assertThat(script.statusCode()).isEqualTo(404);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(ApiClient.json(script).get("title").asText()).isEqualTo("记录不存在");
    }

    @Test
    void aFilterThatIsNoneOfItsChoicesIsTheInvalidInputPageNamingTheFieldAsTheFormDoesAndTheChoices() {
        HttpResponse<String> r = signedIn("officer").get("/persons?category=BOGUS", null, "Accept", BROWSER);
        isTheErrorPage(r, 400, "输入有误");
        assertThat(r.body()).contains("类别：不是可选的值，可选：重点人口、留守儿童、独居老人、困难群众")
                .as("the field by the form's label, not the address's name").doesNotContain("category：")
                .as("the choices by their names, not their codes").doesNotContain("KEY_PERSON");
        ApiClient english = signedIn("officer");
        english.get("/?lang=en", null, "Accept", BROWSER);
        HttpResponse<String> en = english.get("/persons?category=BOGUS", null, "Accept", BROWSER);
        isTheErrorPage(en, 400, "Invalid input");
        assertThat(en.body()).contains("Category: Not one of the values allowed: Key person, Left-behind child, "
                + "Elderly living alone, In difficulty").doesNotContain("category:").doesNotContain("LEFT_BEHIND_CHILD");
        // a label of the page's own form (incident.field.status) rather than a shared one
        assertThat(english.get("/incidents?status=SOLVED", null, "Accept", BROWSER).body())
                .contains("<li>Status: Not one of the values allowed: ").doesNotContain("status:");
    }

    /**
     * The incident list and its export read their filters together (one record): a status, category or offence that
     * is none of the choices, or a date that is no date, is still the invalid input page naming the field as the form
     * labels it and what may be written there, in the reader's language, and the export writes no file.
     */
    @Test
    void theIncidentListAndItsExportRefuseAFilterOfTheWrongKindNamingTheFieldAsTheFormDoes() {
        ApiClient officer = signedIn("officer");
        for (String page : List.of("/incidents", "/incidents/export.xlsx")) {
            HttpResponse<String> status = officer.get(page + "?show=all&status=SOLVED", null, "Accept", BROWSER);
            isTheErrorPage(status, 400, "输入有误");
            assertThat(status.body()).as(page).contains("<li>状态：不是可选的值，可选：").contains("已回复办结")
                    .doesNotContain("status：").doesNotContain("ANSWERED");
            assertThat(status.headers().firstValue("Content-Disposition")).as(page + ": no file").isEmpty();
            HttpResponse<String> category = officer.get(page + "?category=BOGUS", null, "Accept", BROWSER);
            isTheErrorPage(category, 400, "输入有误");
            assertThat(category.body()).as(page).contains("<li>类别：不是可选的值，可选：").contains("求助")
                    .doesNotContain("category：");
            HttpResponse<String> from = officer.get(page + "?from=2026-13-45", null, "Accept", BROWSER);
            isTheErrorPage(from, 400, "输入有误");
            assertThat(from.body()).as(page).contains("<li>起始日期：不是有效的年-月-日，请写成 2026-05-01 这样</li>");
            HttpResponse<String> offence = officer.get(page + "?offence=ARSON&unclassified=maybe", null, "Accept", BROWSER);
            isTheErrorPage(offence, 400, "输入有误");
            assertThat(offence.body()).as(page).contains("<li>案由：不是可选的值，可选：").contains("入室盗窃");
        }
        ApiClient english = signedIn("officer");
        english.get("/?lang=en", null, "Accept", BROWSER);
        for (String page : List.of("/incidents", "/incidents/export.xlsx")) {
            HttpResponse<String> status = english.get(page + "?status=SOLVED", null, "Accept", BROWSER);
            isTheErrorPage(status, 400, "Invalid input");
            assertThat(status.body()).as(page).contains("<li>Status: Not one of the values allowed: ")
                    .doesNotContain("status:");
            assertThat(english.get(page + "?to=yesterday", null, "Accept", BROWSER).body()).as(page)
                    .contains("<li>End date: Not a valid year-month-day: write it as 2026-05-01</li>");
        }
    }

    @Test
    void aDateThatIsNoDateIsTheInvalidInputPageNamingTheFieldAndHowToWriteIt() {
        HttpResponse<String> r = signedIn("officer").get("/points/leaderboard?from=2026-13-45", null, "Accept", BROWSER);
        isTheErrorPage(r, 400, "输入有误");
        assertThat(r.body()).contains("<li>起始日期：不是有效的年-月-日，请写成 2026-05-01 这样</li>").doesNotContain("from：");
        ApiClient english = signedIn("officer");
        english.get("/?lang=en", null, "Accept", BROWSER);
        HttpResponse<String> en = english.get("/points/leaderboard?to=yesterday", null, "Accept", BROWSER);
        isTheErrorPage(en, 400, "Invalid input");
        assertThat(en.body()).contains("<li>End date: Not a valid year-month-day: write it as 2026-05-01</li>").doesNotContain("to:");
        assertThat(english.get("/points/leaderboard?year=many", null, "Accept", BROWSER).body())
                .contains("<li>Year: Wrong format</li>");
    }

    /**
     * A client that states no preference (no Accept header, as java.net.http and ApiClient send; or only {@code *}{@code
     * /*}, as curl sends) asking a page's address gets what a browser gets: the error page, with the same status, in
     * the reader's language, signed in; the login page, signed out. The API keeps its problem details for it.
     */
    @Test
    void aClientStatingNoPreferenceGetsThePageAsABrowserDoesAndTheApiKeepsItsProblemDetails() {
        ApiClient officer = signedIn("officer");
        for (String[] accept : List.of(new String[0], new String[] {"Accept", "*/*"})) {
            String as = accept.length == 0 ? "no Accept header" : "Accept: */*";
            isTheErrorPage(officer.get("/no-such-page", null, accept), 404, "记录不存在");
            isTheErrorPage(officer.get("/incidents/" + UUID.randomUUID(), null, accept), 404, "记录不存在");
            isTheErrorPage(officer.get("/incidents/not-a-uuid", null, accept), 404, "记录不存在");
            isTheForbiddenPage(officer.get("/incidents/api-keys", null, accept), "无权进行此操作",
                    "您的账号无权打开此页面或进行此操作，什么也没有改变。");
            HttpResponse<String> bad = officer.get("/persons?category=BOGUS", null, accept);
            isTheErrorPage(bad, 400, "输入有误");
            assertThat(bad.body()).as(as).contains("类别：不是可选的值，可选：重点人口、留守儿童、独居老人、困难群众");
            assertThat(officer.get("/persons", null, accept).headers().firstValue("Content-Type").orElseThrow())
                    .as(as).startsWith("text/html");

            HttpResponse<String> signedOut = new ApiClient(port).get("/persons", null, accept);
            assertThat(signedOut.statusCode()).as(as).isEqualTo(302);
            assertThat(signedOut.headers().firstValue("Location").orElseThrow()).as(as).endsWith("/login");

            ApiClient api = new ApiClient(port);
            HttpResponse<String> missing = api.get("/api/v1/incidents/" + UUID.randomUUID(),
                    api.token("officer", DEMO_PASSWORD), accept);
            assertThat(missing.statusCode()).as(as).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).as(as)
                    .startsWith("application/problem+json");
            assertThat(ApiClient.json(missing).get("title").asText()).isEqualTo("记录不存在");
            HttpResponse<String> unsigned = api.get("/api/v1/incidents", null, accept);
            assertThat(unsigned.statusCode()).as(as).isEqualTo(401);
            assertThat(unsigned.headers().firstValue("Content-Type").orElseThrow()).as(as)
                    .startsWith("application/problem+json");
        }
        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        isTheErrorPage(english.get("/incidents/" + UUID.randomUUID(), null), 404, "Record not found");
        isTheForbiddenPage(english.get("/incidents/api-keys", null), "You are not allowed to do this",
                "Your account may not open this page or do this; nothing was changed.");
        // a client asking for JSON keeps it on a page's address
        HttpResponse<String> script = officer.get("/incidents/" + UUID.randomUUID(), null, "Accept", "application/json");
        assertThat(script.statusCode()).isEqualTo(404);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void theApiNamesAChoicesCodesWithTheirNamesInTheCallersLanguage() {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> zh = api.get("/api/v1/incidents?category=BOGUS", officer);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(zh).get("errors").get(0).get("message").asText())
                .startsWith("不是可选的值，可选：HELP（求助）、");
        HttpResponse<String> en = api.get("/api/v1/incidents?category=BOGUS", officer, "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").get(0).get("message").asText())
                .startsWith("Not one of the values allowed: HELP (");
        // clients key on the parameter's name; the message stays without it
        assertThat(ApiClient.json(en).get("errors").get(0).get("field").asText()).isEqualTo("category");
    }

    @Test
    void theApiAnswersProblemDetailsEvenToABrowser() {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> missing = api.get("/api/v1/incidents/" + UUID.randomUUID(), officer, "Accept", BROWSER);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(ApiClient.json(missing).get("title").asText()).isEqualTo("记录不存在");

        HttpResponse<String> malformed = api.get("/api/v1/incidents/not-a-uuid", officer, "Accept", BROWSER);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(malformed).get("errors").get(0).get("field").asText()).isEqualTo("id");

        // a client that does not ask for HTML keeps getting problem details from a page's address too
        HttpResponse<String> script = signedIn("officer").get("/incidents/api-keys", null, "Accept", "application/json");
        assertThat(script.statusCode()).isEqualTo(403);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    /**
     * A path under /api that no endpoint serves, or a method an endpoint does not take, is the API's problem detail in
     * the caller's language (404; 405 with the methods it does take in Allow), even to a browser, not Spring's
     * generic answer in English; a page's address keeps its error page.
     */
    @Test
    void anUnknownApiPathOrAMethodAnEndpointDoesNotTakeIsAProblemDetailInTheCallersLanguage() {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> missing = api.get("/api/v1/nosuch", officer);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(ApiClient.json(missing).get("title").asText()).isEqualTo("没有这个接口");
        assertThat(ApiClient.json(missing).get("detail").asText()).contains("/api/v1/nosuch");
        assertThat(ApiClient.json(api.get("/api/v1/nosuch", officer, "Accept", BROWSER)).get("title").asText())
                .isEqualTo("没有这个接口");
        assertThat(ApiClient.json(api.get("/api/v1/nosuch", officer, "Accept-Language", "en")).get("title").asText())
                .isEqualTo("No such endpoint");

        HttpResponse<String> wrong = api.send("DELETE", "/api/v1/incidents", officer, null);
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST");
        assertThat(wrong.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(ApiClient.json(wrong).get("detail").asText()).startsWith("接口 /api/v1/incidents 不接受 DELETE 请求，可用：")
                .contains("GET", "POST");
        HttpResponse<String> english = api.send("DELETE", "/api/v1/incidents", officer, null, "Accept-Language", "en");
        assertThat(ApiClient.json(english).get("detail").asText())
                .startsWith("The endpoint /api/v1/incidents does not take DELETE; it takes ");

        isTheErrorPage(signedIn("officer").get("/no-such-page", null, "Accept", BROWSER), 404, "记录不存在");
    }
}
