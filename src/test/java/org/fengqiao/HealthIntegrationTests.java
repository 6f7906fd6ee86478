package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

class HealthIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void reportsUpOnceThePlatformCanServe() {
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
    }
}
