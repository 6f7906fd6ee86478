package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one database, as behind a load balancer: a user signed in on one instance is
 * signed in on the other, because the session lives in the database and not in either instance.
 */
class MultipleInstancesIntegrationTests extends IntegrationTest {

    static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    org.fengqiao.jurisdiction.Jurisdictions jurisdictions;

    @BeforeEach
    void startSecondInstance() throws java.io.IOException {
        if (second == null) {
            HikariDataSource pool = (HikariDataSource) dataSource;
            second = new SpringApplicationBuilder(FengqiaoApplication.class).run("--server.port=0",
                    "--fengqiao.db.url=" + pool.getJdbcUrl(), "--fengqiao.db.user=" + pool.getUsername(),
                    "--fengqiao.db.password=" + pool.getPassword(), "--fengqiao.demo=false",
                    // instances of one installation share the personal data key; here the first one's demo key
                    "--fengqiao.personal-data.key=" + Files.readString(Path.of(DATA_DIR, "personal-data.key")).strip());
        }
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void aSessionStartedOnOneInstanceIsValidOnTheOther() {
        ApiClient first = new ApiClient(port);
        HttpResponse<String> login = first.formLogin("officer", DEMO_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        HttpCookie session = first.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("FQSESSION")).findFirst().orElseThrow();

        int otherPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        ApiClient other = new ApiClient(otherPort);
        HttpResponse<String> me = other.get("/api/v1/me", null, "Cookie", "FQSESSION=" + session.getValue());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(me).path("staff").path("username").asText()).isEqualTo("officer");

        HttpResponse<String> stranger = other.get("/api/v1/me", null, "Cookie", "FQSESSION=not-a-session");
        assertThat(stranger.statusCode()).isEqualTo(401);
    }

    @Test
    void aGridAddedThroughOneInstanceIsLocatedByTheOther() throws Exception {
        var office = jurisdictions.unitByCode("320722010100").orElseThrow();
        var village = jurisdictions.communityByCode("T-MULTI-VILLAGE").orElseGet(() -> jurisdictions.createCommunity(
                office.id(), org.fengqiao.jurisdiction.CommunityKind.VILLAGE, "T-MULTI-VILLAGE", "双实例测试村", null, null, null));
        int otherPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        ApiClient other = new ApiClient(otherPort);
        String token = ApiClient.json(other.send("POST", "/api/v1/auth/token", null,
                java.util.Map.of("username", "officer", "password", DEMO_PASSWORD))).path("token").asText();
        String point = "/api/v1/grids/locate?lat=34.385&lon=118.585";
        assertThat(other.get(point, token).statusCode()).isEqualTo(404);

        jurisdictions.createGrid(village.id(), org.fengqiao.jurisdiction.GridNetwork.POLICE, "IT-MULTI", "双实例测试网格",
                "{\"type\":\"Polygon\",\"coordinates\":[[[118.58,34.38],[118.59,34.38],[118.59,34.39],[118.58,34.39],[118.58,34.38]]]}",
                null, null, null);

        // the other instance learns of the change only from the database (its poll of grid_revision)
        long deadline = System.currentTimeMillis() + 15_000;
        HttpResponse<String> located = other.get(point, token);
        while (located.statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            located = other.get(point, token);
        }
        assertThat(located.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(located).path("grids").get(0).path("code").asText()).isEqualTo("IT-MULTI");
    }
}
