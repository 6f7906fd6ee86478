package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two people create units with the same code at the same moment: the first one's unit is written, not yet committed,
 * when the second's code is checked (free) and written; the database refuses the second, and he is told the code is
 * in use, in his language, exactly as he is told when the first unit was there before he asked.
 */
class UnitCodeRaceIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aUnitCodeTakenMeanwhileIsAnsweredAsATakenCodeIsWithoutARace() {
        JurisdictionApi api = new JurisdictionApi(http, jdbc);
        Race race = new Race(jdbc, transactions);
        UUID office = api.unitId("320722010100");
        String officePath = jdbc.sql("SELECT path FROM unit WHERE id = ?").param(office).query(String.class).single();
        Map<String, String> expected = Map.of("zh-CN", "单位代码 %s 已被使用", "en", "The unit code %s is already in use");
        for (String language : List.of("zh-CN", "en")) {
            String code = "IT-RACE-" + UUID.randomUUID().toString().substring(0, 8);
            UUID first = UUID.randomUUID();
            Map<String, Object> unit = Map.of("parentId", office.toString(), "kind", "WORKSTATION",
                    "code", " " + code + " ", "name", "同码警务工作站");
            JurisdictionApi.Answer answer = race.run(
                    () -> jdbc.sql("INSERT INTO unit (id, parent_id, kind, code, name, path, depth) "
                            + "VALUES (?, ?, 'WORKSTATION', ?, '先建警务工作站', ?, 3)")
                            .params(first, office, code, officePath + first + "/").update(),
                    () -> api.call("chief", HttpMethod.POST, "/api/v1/units", unit, language));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body().get("detail").asText()).isEqualTo(expected.get(language).formatted(code));
            JurisdictionApi.Answer again = api.call("chief", HttpMethod.POST, "/api/v1/units", unit, language);
            assertThat(again.status()).isEqualTo(409);
            assertThat(answer.body().get("title")).isEqualTo(again.body().get("title"));
            assertThat(answer.body().get("detail")).isEqualTo(again.body().get("detail"));
            assertThat(jdbc.sql("SELECT id FROM unit WHERE code = ?").param(code).query(UUID.class).list())
                    .containsExactly(first);
        }
    }
}
