package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.fengqiao.account.ApiClient;
import org.fengqiao.population.internal.LeftBehindAgeSweep;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A left-behind child (留守儿童) is under 16. The API refuses the category for a person of 16 or older, in the user's
 * language, and writes nothing; on his sixteenth birthday the age sweep takes it from a child as an officer would:
 * his agreement ends with the reason that he turned 16 (on his page too), the change is audited as the system, and his
 * grid's chief, and nobody else, finds it in his inbox, once. An elderly person living alone (独居老人) is 60 or older
 * (老年人权益保障法): the API refuses that category for a person under 60 alike, and for one whose age nothing shows
 * (the form and the import too: PersonFormPagesIntegrationTests, PersonImportCategoriesIntegrationTests).
 */
class LeftBehindChildAgeIntegrationTests extends IntegrationTest {

    static final String GRID = "FS-3-01";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LeftBehindAgeSweep sweep;

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
        body.put("relation", "GRANDCHILD");
        body.put("residence", "PERMANENT");
        body.put("categories", categories);
        return body;
    }

    long named(String name) {
        return jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(name).query(Long.class).single();
    }

    @Test
    void theApiRefusesTheCategoryForAPersonOf16InBothLanguagesAndWritesNothing() {
        String name = "满十六" + tag;
        String sixteen = TestIdentityNumbers.of("320722", today.minusYears(16), 11, Sex.FEMALE);
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/persons",
                form(name, sixteen, null, List.of("留守儿童")));
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body()).get("categories"))
                .isEqualTo("留守儿童须未满16周岁：此人生于 " + today.minusYears(16) + "，已于 " + today + " 年满16周岁");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/persons",
                form(name, sixteen, null, List.of("LEFT_BEHIND_CHILD")), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body()).get("categories")).startsWith("A left-behind child is under 16");
        assertThat(named(name)).as("nothing registered").isZero();

        // a day younger, he is one still
        HousingFixtures.Answer child = fx.call("officer", "POST", "/api/v1/persons",
                form("差一天" + tag, null, today.minusYears(16).plusDays(1), List.of("留守儿童")));
        assertThat(child.status()).as(String.valueOf(child.body())).isEqualTo(201);

        // an adult given the category by a change: refused, his record as it was
        String adultName = "成年" + tag;
        String adultNumber = TestIdentityNumbers.next(Sex.MALE);
        HousingFixtures.Answer adult = fx.call("officer", "POST", "/api/v1/persons",
                form(adultName, adultNumber, null, List.of("困难群众")));
        assertThat(adult.status()).isEqualTo(201);
        UUID adultId = UUID.fromString(adult.body().path("id").asText());
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/persons/" + adultId,
                form(adultName, adultNumber, null, List.of("困难群众", "留守儿童")));
        assertThat(changed.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(changed.body())).containsKey("categories");
        assertThat(jdbc.sql("SELECT category FROM person_category WHERE person_id = ?").param(adultId)
                .query(String.class).list()).containsExactly("IN_DIFFICULTY");
    }

    /**
     * A child is a left-behind child by his age, so the officer gives his birth date or his identity number (which
     * carries it): without either the category is refused in the user's language, naming the birth date, and nothing
     * is written; a change that takes the birth date from a left-behind child is refused alike.
     */
    @Test
    void aLeftBehindChildWithNeitherBirthDateNorIdentityNumberIsRefusedInBothLanguagesAndWritesNothing() {
        String name = "无生日" + tag;
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/persons",
                form(name, null, null, List.of("留守儿童")));
        assertThat(zh.status()).as(String.valueOf(zh.body())).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body()).get("birthDate"))
                .isEqualTo("留守儿童须未满16周岁：请填写出生日期或身份证号码");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/persons",
                form(name, null, null, List.of("LEFT_BEHIND_CHILD")), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body()).get("birthDate"))
                .isEqualTo("A left-behind child is under 16: give the birth date or the identity number");
        assertThat(named(name)).as("nothing registered").isZero();

        // his identity number carries his birth date: he is one
        HousingFixtures.Answer numbered = fx.call("officer", "POST", "/api/v1/persons",
                form(name, TestIdentityNumbers.child(Sex.MALE), null, List.of("留守儿童")));
        assertThat(numbered.status()).as(String.valueOf(numbered.body())).isEqualTo(201);

        // a left-behind child known by his birth date alone, the date then taken away: refused, his record as it was
        String dated = "有生日" + tag;
        LocalDate born = today.minusYears(9);
        HousingFixtures.Answer child = fx.call("officer", "POST", "/api/v1/persons",
                form(dated, null, born, List.of("留守儿童")));
        assertThat(child.status()).as(String.valueOf(child.body())).isEqualTo(201);
        UUID childId = UUID.fromString(child.body().path("id").asText());
        HousingFixtures.Answer cleared = fx.call("officer", "PUT", "/api/v1/persons/" + childId,
                form(dated, null, null, null));
        assertThat(cleared.status()).as(String.valueOf(cleared.body())).isEqualTo(400);
        assertThat(HousingFixtures.errors(cleared.body())).containsKey("birthDate");
        assertThat(jdbc.sql("SELECT birth_date FROM person WHERE id = ?").param(childId).query(LocalDate.class)
                .single()).isEqualTo(born);
    }

    /**
     * An elderly person living alone is one by his age as a left-behind child is: without a birth date or an identity
     * number nothing shows he is 60, so the category is refused in the user's language, naming the birth date, and
     * nothing is written; a change that takes the birth date from him is refused alike.
     */
    @Test
    void anElderlyPersonLivingAloneWithNeitherBirthDateNorIdentityNumberIsRefusedInBothLanguagesAndWritesNothing() {
        String name = "无龄老" + tag;
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/persons",
                form(name, null, null, List.of("独居老人")));
        assertThat(zh.status()).as(String.valueOf(zh.body())).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body()).get("birthDate"))
                .isEqualTo("独居老人须年满60周岁：请填写出生日期或身份证号码");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/persons",
                form(name, null, null, List.of("ELDERLY_ALONE")), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body()).get("birthDate"))
                .isEqualTo("An elderly person living alone is 60 or older: give the birth date or the identity number");
        assertThat(named(name)).as("nothing registered").isZero();

        // his identity number carries his birth date: he is one
        HousingFixtures.Answer numbered = fx.call("officer", "POST", "/api/v1/persons",
                form(name, TestIdentityNumbers.elderly(Sex.MALE), null, List.of("独居老人")));
        assertThat(numbered.status()).as(String.valueOf(numbered.body())).isEqualTo(201);

        // one known by his birth date alone, the date then taken away: refused, his record as it was
        String dated = "有龄老" + tag;
        LocalDate born = today.minusYears(75);
        HousingFixtures.Answer elder = fx.call("officer", "POST", "/api/v1/persons",
                form(dated, null, born, List.of("独居老人")));
        assertThat(elder.status()).as(String.valueOf(elder.body())).isEqualTo(201);
        UUID elderId = UUID.fromString(elder.body().path("id").asText());
        HousingFixtures.Answer cleared = fx.call("officer", "PUT", "/api/v1/persons/" + elderId,
                form(dated, null, null, null));
        assertThat(cleared.status()).as(String.valueOf(cleared.body())).isEqualTo(400);
        assertThat(HousingFixtures.errors(cleared.body())).containsKey("birthDate");
        assertThat(jdbc.sql("SELECT birth_date FROM person WHERE id = ?").param(elderId).query(LocalDate.class)
                .single()).isEqualTo(born);
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

    @Test
    void aCorrectedBirthDateThatNoLongerFitsACategoryLeftAsItIsIsRefusedInBothLanguagesAndChangesNothing() {
        // an elder living alone, his birth date then found to be 1990: the category left as it is (not sent) no
        // longer fits him, so the change is refused until it goes, and his record stays as it was
        String name = "更正生日" + tag;
        LocalDate born = today.minusYears(75);
        HousingFixtures.Answer elder = fx.call("officer", "POST", "/api/v1/persons",
                form(name, null, born, List.of("独居老人")));
        assertThat(elder.status()).as(String.valueOf(elder.body())).isEqualTo(201);
        UUID elderId = UUID.fromString(elder.body().path("id").asText());
        LocalDate corrected = LocalDate.of(1990, 3, 1);
        HousingFixtures.Answer zh = fx.call("officer", "PUT", "/api/v1/persons/" + elderId,
                form(name, null, corrected, null));
        assertThat(zh.status()).as(String.valueOf(zh.body())).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body()).get("categories"))
                .isEqualTo("独居老人须年满60周岁：此人生于 1990-03-01，2050-03-01 才年满60周岁");
        HousingFixtures.Answer en = fx.call("officer", "PUT", "/api/v1/persons/" + elderId,
                form(name, null, corrected, null), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body()).get("categories"))
                .startsWith("An elderly person living alone is 60 or older");
        assertThat(jdbc.sql("SELECT birth_date FROM person WHERE id = ?").param(elderId).query(LocalDate.class)
                .single()).isEqualTo(born);
        // with the category taken off in the same change, the date is corrected
        HousingFixtures.Answer both = fx.call("officer", "PUT", "/api/v1/persons/" + elderId,
                form(name, null, corrected, List.of()));
        assertThat(both.status()).as(String.valueOf(both.body())).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM person_category WHERE person_id = ?").param(elderId)
                .query(Long.class).single()).isZero();

        // a left-behind child found to be 20: the same
        String childName = "更正孩童" + tag;
        HousingFixtures.Answer child = fx.call("officer", "POST", "/api/v1/persons",
                form(childName, null, today.minusYears(10), List.of("留守儿童")));
        assertThat(child.status()).as(String.valueOf(child.body())).isEqualTo(201);
        UUID childId = UUID.fromString(child.body().path("id").asText());
        HousingFixtures.Answer older = fx.call("officer", "PUT", "/api/v1/persons/" + childId,
                form(childName, null, today.minusYears(20), null));
        assertThat(older.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(older.body()).get("categories")).startsWith("留守儿童须未满16周岁");

        // the birth date unchanged, a change of something else is not held up by a child who has just turned 16
        // and whom the sweep has not reached yet
        jdbc.sql("UPDATE person SET birth_date = ? WHERE id = ?").params(today.minusYears(16), childId).update();
        Map<String, Object> note = form(childName, null, today.minusYears(16), null);
        note.put("note", "转学到县城");
        HousingFixtures.Answer noted = fx.call("officer", "PUT", "/api/v1/persons/" + childId, note);
        assertThat(noted.status()).as(String.valueOf(noted.body())).isEqualTo(200);
    }

    @Test
    void onHisSixteenthBirthdayTheSweepEndsHisAgreementAuditedAsTheSystemAndTellsHisGridChiefOnce() {
        String name = "生日" + tag;
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/persons",
                form(name, null, today.minusYears(16), List.of()));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        UUID child = UUID.fromString(created.body().path("id").asText());
        // the category as it was given before his birthday
        jdbc.sql("INSERT INTO person_category (person_id, category) VALUES (?, 'LEFT_BEHIND_CHILD')").param(child).update();
        Map<String, Object> agreement = new HashMap<>();
        agreement.put("signedOn", today.minusMonths(2).toString());
        agreement.put("reviewOn", today.plusMonths(4).toString());
        agreement.put("guardianName", "奶奶");
        agreement.put("guardianRelation", "祖母");
        agreement.put("fatherWhereabouts", "在苏州务工");
        agreement.put("helpers", List.of(Map.of("name", "管理员甲", "role", "GRID_MANAGER"),
                Map.of("name", "志愿者乙", "role", "VOLUNTEER")));
        HousingFixtures.Answer signed = fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements",
                agreement);
        assertThat(signed.status()).as(String.valueOf(signed.body())).isEqualTo(201);
        String agreementId = signed.body().path("id").asText();
        UUID grid = fx.gridId(GRID);
        String chief = jdbc.sql("""
                SELECT s.username FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.grid_id = ? AND r.role = 'GRID_CHIEF' AND r.ended_on IS NULL AND s.active LIMIT 1""")
                .param(grid).query(String.class).single();

        assertThat(sweep.sweep(grid)).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("SELECT count(*) FROM person_category WHERE person_id = ?").param(child)
                .query(Long.class).single()).isZero();
        JsonNode agreements = fx.get("officer", "/api/v1/persons/" + child + "/care-agreements").body();
        assertThat(agreements.hasNonNull("current")).isFalse();
        JsonNode ended = agreements.path("history").get(0);
        assertThat(ended.path("endedReason").asText()).isEqualTo("TURNED_16");
        assertThat(ended.path("endedOn").asText()).isEqualTo(today.toString());
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/persons/" + child, api.token("officer", DEMO_PASSWORD), "Accept", "text/html").body())
                .contains("已年满16周岁，不再是留守儿童");
        assertThat(jdbc.sql("""
                SELECT record_type || ' ' || actor FROM audit_entry WHERE action = 'UPDATE'
                  AND ((record_type = 'person' AND record_id = ?) OR (record_type = 'care-agreement' AND record_id = ?))""")
                .params(child.toString(), agreementId).query(String.class).list())
                .containsExactlyInAnyOrder("person system", "care-agreement system");

        List<JsonNode> entries = about(fx.get(chief, "/api/v1/inbox?size=100").body(), child);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.path("kind").asText()).isEqualTo("LEFT_BEHIND_CHILD_TURNED_16");
            assertThat(e.path("title").asText()).contains(name, today.toString(), "年满16周岁", "不再列为留守儿童");
            assertThat(e.path("reason").asText()).contains("帮扶协议同日终止");
            assertThat(e.path("link").asText()).isEqualTo("/persons/" + child);
        });
        assertThat(about(fx.get(chief, "/api/v1/inbox?size=100", "Accept-Language", "en").body(), child).get(0)
                .path("title").asText()).contains(name, "turned 16", "no longer a left-behind child");
        assertThat(about(fx.get("officer2", "/api/v1/inbox?size=100").body(), child)).isEmpty();

        // running it again changes nothing and tells nobody again
        sweep.sweep(grid);
        assertThat(about(fx.get(chief, "/api/v1/inbox?size=100").body(), child)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'care-agreement' AND record_id = ?"
                + " AND action = 'UPDATE'").param(agreementId).query(Long.class).single()).isEqualTo(1);
    }

    static List<JsonNode> about(JsonNode inbox, UUID record) {
        return StreamSupport.stream(inbox.path("items").spliterator(), false)
                .filter(e -> e.path("recordId").asText().equals(record.toString())).toList();
    }
}
