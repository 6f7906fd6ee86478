package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
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

    @BeforeEach
    void startSecondInstance() {
        if (second == null) {
            HikariDataSource pool = (HikariDataSource) dataSource;
            second = new SpringApplicationBuilder(FengqiaoApplication.class).run("--server.port=0",
                    "--fengqiao.db.url=" + pool.getJdbcUrl(), "--fengqiao.db.user=" + pool.getUsername(),
                    "--fengqiao.db.password=" + pool.getPassword(), "--fengqiao.demo=false");
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
}
