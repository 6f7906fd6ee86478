package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.platform.CallerAware;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContext;

/**
 * A page session signed in with the form follows its account as it is now, not as it was at sign-in: a deactivated
 * account's session ends at its next request, a changed role, unit or set of served grids reaches the very next page,
 * and a request of an unchanged account writes nothing into the stored session.
 */
class SessionFollowsAccountIntegrationTests extends ServedGridsIntegrationTest {

    Staff officer() {
        return made(TestStaff.officerWithSignIn(directory, jurisdictions, TestStaff.uniqueUsername("follow")));
    }

    static HttpResponse<String> page(ApiClient pages, String path) {
        return pages.get(path, null, "Accept", BROWSER);
    }

    /** The id of the session this client holds, as its cookie carries it (Base64). */
    static String sessionId(ApiClient client) {
        String cookie = client.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("FQSESSION")).findFirst().orElseThrow().getValue();
        return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    }

    record Stored(long version, org.fengqiao.platform.Caller caller) {
    }

    /** The security context stored in the database for this client's session: its row version (xmin) and its caller. */
    Stored stored(ApiClient client) {
        return jdbc.sql("""
                SELECT a.xmin::text::bigint AS version, a.attribute_bytes FROM spring_session_attributes a
                  JOIN spring_session s ON s.primary_id = a.session_primary_id
                 WHERE s.session_id = ? AND a.attribute_name = 'SPRING_SECURITY_CONTEXT'""")
                .param(sessionId(client))
                .query((rs, n) -> new Stored(rs.getLong("version"), callerIn(rs.getBytes("attribute_bytes")))).single();
    }

    static org.fengqiao.platform.Caller callerIn(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            SecurityContext context = (SecurityContext) in.readObject();
            return ((CallerAware) context.getAuthentication().getPrincipal()).caller();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDeactivatedAccountsOpenSessionEndsAtItsNextPageAndTheLoginPageSaysWhy() {
        Staff officer = officer();
        ApiClient pages = new ApiClient(port).signedIn(officer.username(), TestStaff.PASSWORD, null);
        ApiClient script = new ApiClient(port).signedIn(officer.username(), TestStaff.PASSWORD, null);
        String before = sessionId(pages);
        assertThat(page(pages, "/persons/" + personIn("FS-5-01")).statusCode()).isEqualTo(200);
        assertThat(script.get("/api/v1/me", null).statusCode()).isEqualTo(200);

        ApiClient security = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null);
        String csrf = security.csrfFrom("/staff/" + officer.id());
        HttpResponse<String> disabled = security.form("/staff/" + officer.id() + "/active",
                Map.of("active", "false", "_csrf", csrf));
        assertThat(disabled.statusCode()).isEqualTo(302);
        assertThat(directory.staff(officer.id()).orElseThrow().active()).isFalse();

        HttpResponse<String> next = page(pages, "/persons/" + personIn("FS-5-01"));
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/login?deactivated");
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE session_id = ?").param(before)
                .query(Integer.class).single()).isZero();
        assertThat(page(pages, "/login?deactivated").body()).contains("账号已停用");
        assertThat(page(new ApiClient(port), "/login?deactivated&lang=en").body())
                .contains("Your account has been deactivated");
        assertThat(page(pages, "/").statusCode()).isEqualTo(302);
        // a script of the pages, on its own session, is answered as a signed-out caller of the API
        HttpResponse<String> me = script.get("/api/v1/me", null);
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
    }

    @Test
    void aChangedRoleReachesTheNextPageAndTheStoredSession() {
        Staff officer = officer();
        ApiClient pages = new ApiClient(port).signedIn(officer.username(), TestStaff.PASSWORD, null);
        assertThat(ApiClient.json(pages.get("/api/v1/me", null)).get("permissions").toString()).contains("ROSTER_MANAGE");
        assertThat(stored(pages).caller().role()).isEqualTo("COMMUNITY_OFFICER");

        String security = api.token("security", DEMO_PASSWORD);
        assertThat(api.send("PUT", "/api/v1/staff/" + officer.id() + "/role", security, Map.of("role", "VOLUNTEER"))
                .statusCode()).isEqualTo(200);

        var me = ApiClient.json(pages.get("/api/v1/me", null));
        assertThat(me.get("staff").get("role").asText()).isEqualTo("VOLUNTEER");
        assertThat(me.get("permissions").toString()).doesNotContain("ROSTER_MANAGE");
        assertThat(stored(pages).caller().role()).isEqualTo("VOLUNTEER");
        assertThat(stored(pages).caller().permissions())
                .isEqualTo(ApiClient.JSON.convertValue(me.get("permissions"), java.util.Set.class));
    }

    @Test
    void aChangedUnitReachesThePagesScopeWithinASecond() throws InterruptedException {
        Staff officer = officer();
        ApiClient pages = new ApiClient(port).signedIn(officer.username(), TestStaff.PASSWORD, null);
        String person = "/persons/" + personIn("FS-5-01");
        assertThat(page(pages, person).statusCode()).isEqualTo(200);

        // no screen moves a person to another unit yet: a change made in the database is seen within the second
        var heping = jurisdictions.unitByCode("320722020100").orElseThrow();
        jdbc.sql("UPDATE staff SET unit_id = ? WHERE id = ?").params(heping.id().value(), officer.id().value()).update();
        try {
            Thread.sleep(1_100);

            assertThat(page(pages, person).statusCode()).isEqualTo(404);
            assertThat(stored(pages).caller().unitPaths()).containsExactly(heping.path());
        } finally {
            // back where the tests' own people sit, so that no count of 和平's staff sees him
            jdbc.sql("UPDATE staff SET unit_id = ? WHERE id = ?")
                    .params(officer.unitId().value(), officer.id().value()).update();
        }
    }

    @Test
    void aGridMemberTakenOffAGridNoLongerReadsItsRecordsOnHisNextPage() {
        Staff member = member("FS-1-02", "FS-2-01");
        String username = member.username();
        ApiClient pages = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null);
        // signed in before his page is read: a sign-in forgets every holder looked up, the roster's change must
        String officer = api.token("officer", DEMO_PASSWORD);
        String person = "/persons/" + personIn("FS-2-01");
        assertThat(page(pages, person).statusCode()).isEqualTo(200);

        UUID term = jdbc.sql("SELECT id FROM grid_role WHERE staff_id = ? AND grid_id = ? AND ended_on IS NULL")
                .params(member.id().value(), grid("FS-2-01")).query(UUID.class).single();
        assertThat(api.send("POST", "/api/v1/roster/" + term + "/end", officer, Map.of("on", LocalDate.now().toString()))
                .statusCode()).isEqualTo(204);

        assertThat(page(pages, person).statusCode()).isEqualTo(404);
        assertThat(page(pages, "/persons/" + personIn("FS-1-02")).statusCode()).isEqualTo(200);
    }

    @Test
    void aPageOfAnUnchangedAccountWritesNothingIntoItsSession() {
        Staff officer = officer();
        ApiClient pages = new ApiClient(port).signedIn(officer.username(), TestStaff.PASSWORD, null);
        assertThat(page(pages, "/").statusCode()).isEqualTo(200);
        Stored before = stored(pages);

        assertThat(page(pages, "/persons/" + personIn("FS-5-01")).statusCode()).isEqualTo(200);
        assertThat(page(pages, "/").statusCode()).isEqualTo(200);

        assertThat(stored(pages).version()).isEqualTo(before.version());
    }

    @Test
    void aChangedPasswordEndsTheAccountsOtherSessionsAndAResetEndsThemAll() {
        // whoever held the old password may hold a session opened with it, as he may hold a token
        Staff officer = officer();
        ApiClient mine = new ApiClient(port).signedIn(officer.username(), TestStaff.PASSWORD, null);
        ApiClient elsewhere = new ApiClient(port).signedIn(officer.username(), TestStaff.PASSWORD, null);
        assertThat(page(elsewhere, "/profile").statusCode()).isEqualTo(200);
        String next = "Qiao-Next-2026";
        HttpResponse<String> changed = mine.form("/profile/password", Map.of("currentPassword", TestStaff.PASSWORD,
                "newPassword", next, "confirmPassword", next, "_csrf", mine.csrfFrom("/profile")));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(page(mine, "/profile").statusCode()).as("the session that changed it goes on").isEqualTo(200);
        HttpResponse<String> ended = page(elsewhere, "/profile");
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location").orElseThrow()).contains("/login");

        ApiClient again = new ApiClient(port).signedIn(officer.username(), next, null);
        ApiClient security = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null);
        HttpResponse<String> reset = security.form("/staff/" + officer.id() + "/password",
                Map.of("password", "Qiao-Reset-2026", "_csrf", security.csrfFrom("/staff/" + officer.id())));
        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(page(mine, "/profile").statusCode()).isEqualTo(302);
        assertThat(page(again, "/profile").statusCode()).isEqualTo(302);
        assertThat(page(security, "/staff/" + officer.id()).statusCode()).as("the administrator's own goes on")
                .isEqualTo(200);
    }
}
