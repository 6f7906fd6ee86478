package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An elderly person living alone (独居老人) is 60 or older (老年人权益保障法). The API refuses the category for a
 * person under 60 on the day it is given, in the user's language, and writes nothing; from his sixtieth birthday on it
 * is given. (The person form and the import refuse it alike: PersonFormPagesIntegrationTests,
 * PersonImportCategoriesIntegrationTests.)
 */
class ElderlyAloneAgeIntegrationTests extends IntegrationTest {

    static final String GRID = "FS-3-01";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    LocalDate today;
    String tag;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        tag = UUID.randomUUID().toString().substring(0, 4);
    }

    Map<String, Object> form(String name, String idNumber, LocalDate birthDate, List<String> categories) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", fx.gridId(GRID).toString());
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("birthDate", birthDate == null ? null : birthDate.toString());
        body.put("relation", "HEAD");
        body.put("residence", "PERMANENT");
        body.put("categories", categories);
        return body;
    }

    long named(String name) {
        return jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(name).query(Long.class).single();
    }

    @Test
    void theApiRefusesTheCategoryForAPersonUnder60InBothLanguagesAndGivesItFromHisSixtiethBirthday() {
        String name = "未满六十" + tag;
        LocalDate born = today.minusYears(60).plusDays(1);
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/persons",
                form(name, null, born, List.of("独居老人")));
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body()).get("categories"))
                .isEqualTo("独居老人须年满60周岁：此人生于 " + born + "，" + today.plusDays(1) + " 才年满60周岁");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/persons",
                form(name, null, born, List.of("ELDERLY_ALONE")), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body()).get("categories")).isEqualTo(
                "An elderly person living alone is 60 or older: this person was born on " + born + " and turns 60 on "
                        + today.plusDays(1));
        assertThat(named(name)).as("nothing registered").isZero();

        // sixty today, he is one
        HousingFixtures.Answer sixty = fx.call("officer", "POST", "/api/v1/persons",
                form("满六十" + tag, null, today.minusYears(60), List.of("独居老人")));
        assertThat(sixty.status()).as(String.valueOf(sixty.body())).isEqualTo(201);

        // a child (his birth date read from his identity number) given the category by a change: refused, his
        // record as it was
        String childName = "孩童" + tag;
        String childNumber = TestIdentityNumbers.child(Sex.MALE);
        HousingFixtures.Answer child = fx.call("officer", "POST", "/api/v1/persons",
                form(childName, childNumber, null, List.of("困难群众")));
        assertThat(child.status()).as(String.valueOf(child.body())).isEqualTo(201);
        UUID childId = UUID.fromString(child.body().path("id").asText());
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/persons/" + childId,
                form(childName, childNumber, null, List.of("困难群众", "独居老人")));
        assertThat(changed.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(changed.body()).get("categories")).startsWith("独居老人须年满60周岁");
        assertThat(jdbc.sql("SELECT category FROM person_category WHERE person_id = ?").param(childId)
                .query(String.class).list()).containsExactly("IN_DIFFICULTY");
    }
}
