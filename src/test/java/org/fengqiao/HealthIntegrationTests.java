package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

class HealthIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;

    @Autowired
    DataSource dataSource;

    @LocalServerPort
    int port;

    @Test
    void reportsUpOnceThePlatformCanServe() {
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    /**
     * An instance that gets no connection to its database cannot answer a single page: the load balancer reading the
     * readiness probe must take it out of service (503), while the liveness probe stays UP, for restarting every
     * instance would not bring the database back. Holding every connection of the pool is the database out of reach
     * as the instance meets it (the probe answers once the pool's wait for a connection has run out).
     */
    @Test
    void withoutItsDatabaseTheInstanceIsNotReadyButStaysLive() throws Exception {
        ApiClient api = new ApiClient(port);
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < ((com.zaxxer.hikari.HikariDataSource) dataSource).getMaximumPoolSize()) {
                held.add(dataSource.getConnection());
            }
            assertThat(api.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
            HttpResponse<String> readiness = api.get("/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(api.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }
}
