package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The population and housing pages as an English reader meets them: the platform's own words in English, counted
 * things in the singular when there is one of them, and nothing of the Chinese pages left behind.
 */
class PopulationPagesInEnglishIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
    }

    String page(String user, String language, String path) {
        ApiClient browser = new ApiClient(port).signedIn(user, DEMO_PASSWORD, language);
        HttpResponse<String> response = browser.get(path, null, "Accept", BROWSER);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void aBuildingOfOneUnitIsCountedInTheSingularOnTheBuildingsList() {
        UUID one = fx.building("officer", "FS-1-02", 1, 1, 1);
        UUID many = fx.building("officer", "FS-1-02", 3, 2, 2);

        String english = page("officer", "en", "/buildings?gridId=" + fx.gridId("FS-1-02"));
        assertThat(english).contains(one.toString(), many.toString())
                .contains("1 floor · 1 unit · 1 room · 0 households")
                .contains("3 floors · 2 units · 12 rooms · 0 households")
                .doesNotContain("1 units", "1 floors", "1 rooms");

        String chinese = page("officer", "zh-CN", "/buildings?gridId=" + fx.gridId("FS-1-02"));
        assertThat(chinese).contains("1 层 · 1 个单元 · 1 间房 · 0 户", "3 层 · 2 个单元 · 12 间房 · 0 户");
    }
}
