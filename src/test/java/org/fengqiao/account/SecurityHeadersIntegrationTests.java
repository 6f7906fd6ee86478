package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

class SecurityHeadersIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory directory;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeaders() {
        for (HttpResponse<String> response : List.of(api.get("/login", null),
                api.get("/api/v1/me", api.token("officer", DEMO_PASSWORD)))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        }
    }

    @Test
    void theFaviconIsServedToAVisitorWhoHasNotSignedIn() {
        HttpResponse<byte[]> icon = api.download("/favicon.ico", null);

        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).isIn("image/x-icon", "image/vnd.microsoft.icon"));
        byte[] body = icon.body();
        // ICONDIR: reserved 0, type 1 (icon), then the little-endian count of images (16, 32 and 48 px)
        assertThat(body).startsWith(new byte[] {0, 0, 1, 0});
        assertThat((body[4] & 0xff) | (body[5] & 0xff) << 8).isEqualTo(3);
        List<Integer> widths = List.of(body[6] & 0xff, body[6 + 16] & 0xff, body[6 + 32] & 0xff);
        assertThat(widths).containsExactly(16, 32, 48);
        // and every page names it, so a browser need not guess
        assertThat(api.get("/login", null).body()).contains("<link rel=\"icon\" href=\"/favicon.ico\">");
    }

    @Test
    void aFormPostWithoutACsrfTokenIsRefused() {
        HttpResponse<String> login = api.form("/login", Map.of("username", "officer", "password", DEMO_PASSWORD));
        assertThat(login.statusCode()).isEqualTo(403);

        assertThat(api.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> profile = api.form("/profile", Map.of("phone", "13800000000", "locale", "en"));
        assertThat(profile.statusCode()).isEqualTo(403);
        assertThat(directory.byUsername("officer")).isPresent();
        assertThat(jdbc.sql("SELECT locale FROM staff WHERE username = 'officer'").query(String.class).single())
                .isEqualTo("zh-CN");
    }

    @Test
    void aBearerTokenApiCallNeedsNoCsrfToken() {
        String security = api.token("security", DEMO_PASSWORD);
        String volunteer = directory.byUsername("volunteer").orElseThrow().id().toString();
        assertThat(api.send("POST", "/api/v1/staff/" + volunteer + "/unlock", security, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndTheSessionLivesInTheDatabase() {
        HttpResponse<String> login = api.formLogin("bureau", DEMO_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        List<String> setCookies = login.headers().allValues("Set-Cookie");
        assertThat(setCookies).filteredOn(c -> c.startsWith("FQSESSION=")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("HttpOnly"));

        HttpCookie session = api.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("FQSESSION")).findFirst().orElseThrow();
        assertThat(session.isHttpOnly()).isTrue();
        String sessionId = new String(java.util.Base64.getDecoder().decode(session.getValue()));
        assertThat(jdbc.sql("SELECT principal_name FROM spring_session WHERE session_id = ?").param(sessionId)
                .query(String.class).single()).isEqualTo("bureau");
        // the session idles out after 30 minutes without a request
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE session_id = ?").param(sessionId)
                .query(Integer.class).single()).isEqualTo(30 * 60);
        assertThat(api.get("/", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aPageAskedForWithAnExpiredSessionSendsTheUserToTheLoginPageSayingSo() {
        assertThat(api.formLogin("bureau", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        HttpCookie session = api.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("FQSESSION")).findFirst().orElseThrow();
        // What the 30-minute idle timeout does: the database forgets the session.
        jdbc.sql("DELETE FROM spring_session WHERE session_id = ?")
                .param(new String(java.util.Base64.getDecoder().decode(session.getValue()))).update();
        HttpResponse<String> home = api.get("/", null);
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?expired"));
        assertThat(api.get("/login?expired", null).body()).contains("会话已过期，请重新登录");
    }
}
