package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.PopulationLoader;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.fengqiao.population.internal.Persons;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo district's population as loaded at start. The suite shares one database and other
 * tests register persons of their own, so these tests count only the demo's: persons of
 * households whose address is one the demo made (房山镇 village doors, 牛山街道 compound flats).
 */
class DemoPopulationIntegrationTests extends IntegrationTest {

    static final String RURAL_ADDRESS = "江苏省连云港市东海县房山镇%村%组%号";
    static final String URBAN_ADDRESS = "江苏省连云港市东海县牛山街道%社区%号楼%单元%室";
    static final String DEMO_PERSONS = """
            person p JOIN household h ON h.id = p.household_id JOIN address a ON a.id = h.address_id
            JOIN grid g ON g.id = p.grid_id""";
    static final String RURAL = " a.full_text LIKE '" + RURAL_ADDRESS + "' AND g.code LIKE 'FS-%' ";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoDistrict demo;
    @Autowired
    PopulationLoader loader;
    @Autowired
    Persons persons;
    @Autowired
    PersonalDataCipher cipher;

    Map<String, int[]> perVillage() {
        Map<String, int[]> counts = new HashMap<>();
        jdbc.sql("SELECT a.community, count(DISTINCT h.id), count(*) FROM " + DEMO_PERSONS + " WHERE" + RURAL
                + " GROUP BY a.community").query(rs -> {
                    counts.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
                });
        return counts;
    }

    @Test
    void eachVillageHoldsExactlyItsStoredHouseholdsAndPopulation() {
        Map<String, int[]> counts = perVillage();
        assertThat(counts).hasSize(5);
        jdbc.sql("SELECT name, households, population FROM community WHERE name IN (:v) AND code LIKE '320722103%'")
                .param("v", List.of("吴场村", "陆圩村", "兴东村", "兴谷村", "林疃村")).query(rs -> {
                    assertThat(counts.get(rs.getString(1))).as(rs.getString(1))
                            .containsExactly(rs.getInt(2), rs.getInt(3));
                });
        assertThat(counts.values().stream().mapToInt(c -> c[0]).sum()).isEqualTo(4530);
        assertThat(counts.values().stream().mapToInt(c -> c[1]).sum()).isEqualTo(21295);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM household h JOIN address a ON a.id = h.address_id
                WHERE a.full_text LIKE ? AND h.grid_id <> a.grid_id""").param(RURAL_ADDRESS).query(Integer.class).single())
                .as("every household sits in its address's grid").isZero();
        assertThat(jdbc.sql("SELECT count(DISTINCT h.grid_id) FROM " + DEMO_PERSONS + " WHERE" + RURAL)
                .query(Integer.class).single()).as("spread over all 65 grids").isEqualTo(65);
    }

    @Test
    void identityNumbersAreUniqueAndMaskedAsDonghaiNumbersWithSexAndBirthDate() {
        List<Map<String, Object>> odd = jdbc.sql("SELECT p.id_masked, p.sex, p.birth_date FROM " + DEMO_PERSONS
                + " WHERE (a.full_text LIKE :rural OR a.full_text LIKE :urban)"
                + " AND (p.id_masked IS NULL OR p.id_masked !~ '^320722\\*{8}[0-9]{3}[0-9X]$'"
                + " OR p.id_index IS NULL OR p.sex IS NULL OR p.birth_date IS NULL OR p.ethnicity IS NULL)")
                .param("rural", RURAL_ADDRESS).param("urban", URBAN_ADDRESS).query().listOfRows();
        assertThat(odd).isEmpty();
        // a number is unique (person_id_number), so a repeated one would have failed the load; here every demo person has one
        Map<String, Object> numbers = jdbc.sql("SELECT count(*) AS persons, count(DISTINCT p.id_index) AS numbers FROM "
                + DEMO_PERSONS + " WHERE a.full_text LIKE :rural OR a.full_text LIKE :urban")
                .param("rural", RURAL_ADDRESS).param("urban", URBAN_ADDRESS).query().singleRow();
        assertThat(numbers.get("numbers")).isEqualTo(numbers.get("persons"));
        assertThat(((Number) numbers.get("persons")).intValue()).isGreaterThan(21295);
        Map<String, Object> adults = jdbc.sql("SELECT count(*) AS adults, count(p.phone_index) AS phones, "
                + "count(DISTINCT p.phone_index) AS distinct_phones FROM " + DEMO_PERSONS + " WHERE" + RURAL
                + " AND p.birth_date <= date_trunc('year', current_date) - interval '18 years'").query().singleRow();
        assertThat(adults.get("phones")).isEqualTo(adults.get("adults")).isEqualTo(adults.get("distinct_phones"));
    }

    @Test
    void followsSeed002sKeyPersonsLeftBehindChildrenAndElderlyLivingAlone() {
        Map<String, Integer> keyPersons = new HashMap<>();
        jdbc.sql("SELECT c.subtype, count(*) FROM person_category c JOIN " + DEMO_PERSONS + " ON p.id = c.person_id WHERE"
                + RURAL + " AND c.category = 'KEY_PERSON' AND c.risk IS NOT NULL GROUP BY c.subtype").query(rs -> {
                    keyPersons.put(rs.getString(1), rs.getInt(2));
                });
        assertThat(keyPersons).containsOnlyKeys("DRUG", "MENTAL", "STABILITY", "EX_OFFENDER", "OTHER");
        assertThat(keyPersons.get("DRUG")).isEqualTo(20);
        assertThat(keyPersons.get("MENTAL")).isEqualTo(6);
        assertThat(keyPersons.get("STABILITY")).isEqualTo(3);
        assertThat(keyPersons.get("EX_OFFENDER") + keyPersons.get("OTHER")).isEqualTo(60);

        List<Integer> ages = jdbc.sql("SELECT extract(year FROM age(current_date, p.birth_date))::int FROM person_category c JOIN "
                + DEMO_PERSONS + " ON p.id = c.person_id WHERE" + RURAL + " AND c.category = 'LEFT_BEHIND_CHILD'")
                .query(Integer.class).list();
        assertThat(ages).hasSize(209).allSatisfy(age -> assertThat(age).isBetween(3, 15));
        assertThat(jdbc.sql("SELECT count(*) FROM person_category c JOIN " + DEMO_PERSONS + " ON p.id = c.person_id WHERE"
                + RURAL + """
                 AND c.category = 'LEFT_BEHIND_CHILD' AND NOT EXISTS (
                    SELECT 1 FROM person parent WHERE parent.household_id = p.household_id
                    AND parent.relation IN ('CHILD', 'CHILD_IN_LAW') AND parent.residence = 'LEFT')""")
                .query(Integer.class).single()).as("children whose parents are not recorded away").isZero();

        assertThat(jdbc.sql("SELECT count(*) FROM person_category c JOIN " + DEMO_PERSONS + " ON p.id = c.person_id WHERE"
                + RURAL + """
                 AND c.category = 'ELDERLY_ALONE' AND (age(current_date, p.birth_date) < interval '70 years'
                    OR (SELECT count(*) FROM person o WHERE o.household_id = p.household_id) <> 1)""")
                .query(Integer.class).single()).isZero();
        Map<String, Object> marks = jdbc.sql("""
                SELECT count(*) FILTER (WHERE h.trusted) * 100.0 / count(*) AS trusted,
                       count(*) FILTER (WHERE h.in_difficulty) AS difficulty,
                       (SELECT count(*) FROM person_category c WHERE c.category = 'ELDERLY_ALONE') AS alone
                FROM household h JOIN address a ON a.id = h.address_id WHERE a.full_text LIKE ?""")
                .param(RURAL_ADDRESS).query().singleRow();
        assertThat(((Number) marks.get("trusted")).doubleValue()).isBetween(25.0, 35.0);
        assertThat(((Number) marks.get("difficulty")).intValue()).isPositive();
        assertThat(((Number) marks.get("alone")).intValue()).isPositive();
        Map<String, Object> residence = jdbc.sql("SELECT count(*) FILTER (WHERE p.residence = 'FLOATING') * 100.0 / count(*) AS floating, "
                + "count(*) FILTER (WHERE p.residence = 'FLOATING' AND p.registered_on < current_date - interval '3 years') AS old, "
                + "count(*) FILTER (WHERE p.residence = 'LEFT') AS gone FROM " + DEMO_PERSONS + " WHERE" + RURAL)
                .query().singleRow();
        assertThat(((Number) residence.get("floating")).doubleValue()).isBetween(2.0, 4.5);
        assertThat(((Number) residence.get("old")).intValue()).isZero();
        assertThat(((Number) residence.get("gone")).intValue()).isPositive();
    }

    @Test
    void theUrbanCompoundsHaveBuildingsWithFloorPlansMostFlatsLivedInAndSomeLet() {
        List<Map<String, Object>> perGrid = jdbc.sql("""
                SELECT g.code, count(DISTINCT b.id) AS buildings, min(b.floors) AS low, max(b.floors) AS high,
                       count(r.id) AS rooms, count(r.id) FILTER (WHERE r.vacant) AS vacant,
                       -- let as the floor plan shows it: marked by hand, or a registered rental's contract covers today
                       count(r.id) FILTER (WHERE (r.rental OR EXISTS (SELECT 1 FROM rental rt WHERE rt.room_id = r.id
                           AND (rt.contract_from IS NULL OR rt.contract_from <= current_date)
                           AND (rt.contract_to IS NULL OR rt.contract_to >= current_date)))) AS rental,
                       count(r.id) FILTER (WHERE NOT r.vacant AND r.address_id IS NULL) AS unaddressed
                FROM grid g JOIN building b ON b.grid_id = g.id JOIN room r ON r.building_id = b.id
                WHERE g.code LIKE 'NS-%'
                  -- the demo's own buildings: made in the demo's one transaction, so at its now(); housing tests add others
                  AND b.created_at = (SELECT created_at FROM unit WHERE kind = 'BUREAU' AND code = '320722000000')
                GROUP BY g.code""").query().listOfRows();
        assertThat(perGrid).hasSize(16).allSatisfy(g -> {
            assertThat(((Number) g.get("buildings")).intValue()).isBetween(2, 4);
            assertThat(((Number) g.get("low")).intValue()).isGreaterThanOrEqualTo(6);
            assertThat(((Number) g.get("high")).intValue()).isLessThanOrEqualTo(18);
            assertThat(((Number) g.get("unaddressed")).intValue()).isZero();
        });
        long rooms = perGrid.stream().mapToLong(g -> ((Number) g.get("rooms")).longValue()).sum();
        long vacant = perGrid.stream().mapToLong(g -> ((Number) g.get("vacant")).longValue()).sum();
        long rental = perGrid.stream().mapToLong(g -> ((Number) g.get("rental")).longValue()).sum();
        assertThat(vacant * 100.0 / rooms).isBetween(10.0, 20.0);
        assertThat(rental * 100.0 / (rooms - vacant)).isBetween(10.0, 20.0);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM room r JOIN household h ON h.room_id = r.id JOIN building b ON b.id = r.building_id
                WHERE r.vacant AND b.created_at = (SELECT created_at FROM unit WHERE code = '320722000000')""")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id JOIN room r ON r.id = h.room_id
                JOIN building b ON b.id = r.building_id
                WHERE (r.rental OR EXISTS (SELECT 1 FROM rental rt WHERE rt.room_id = r.id
                           AND (rt.contract_from IS NULL OR rt.contract_from <= current_date)
                           AND (rt.contract_to IS NULL OR rt.contract_to >= current_date))) AND p.residence <> 'FLOATING'
                  AND b.created_at = (SELECT created_at FROM unit WHERE code = '320722000000')""").query(Integer.class).single())
                .as("tenants are floating population").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM " + DEMO_PERSONS + " WHERE a.full_text LIKE ?").param(URBAN_ADDRESS)
                .query(Integer.class).single()).isGreaterThan(300);
    }

    @Test
    void loadingAgainLoadsNothingTwice() {
        Map<String, int[]> before = perVillage();
        long persons = jdbc.sql("SELECT count(*) FROM person").query(Long.class).single();
        long households = jdbc.sql("SELECT count(*) FROM household").query(Long.class).single();
        long rooms = jdbc.sql("SELECT count(*) FROM room").query(Long.class).single();

        demo.loadIntoEmptyDatabase();

        assertThat(perVillage()).usingRecursiveComparison().isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM person").query(Long.class).single()).isEqualTo(persons);
        assertThat(jdbc.sql("SELECT count(*) FROM household").query(Long.class).single()).isEqualTo(households);
        assertThat(jdbc.sql("SELECT count(*) FROM room").query(Long.class).single()).isEqualTo(rooms);
    }

    @Test
    void theOfficerFindsADemoPersonByPinyinInitials() {
        // the demo person whose initials are rarest, so the first page of matches must hold him
        Map<String, Object> person = jdbc.sql("SELECT p.id::text AS id, p.name_initials AS initials FROM " + DEMO_PERSONS
                + " WHERE" + RURAL + " AND p.name_initials IN (SELECT name_initials FROM person GROUP BY name_initials "
                + "HAVING count(*) < 50 AND length(name_initials) = 3) ORDER BY p.name_initials, p.id LIMIT 1")
                .query().singleRow();
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> found = api.get("/api/v1/persons?size=100&q="
                + URLEncoder.encode((String) person.get("initials"), StandardCharsets.UTF_8), token);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(ApiClient.json(found).path("items").findValuesAsText("id")).contains((String) person.get("id"));
    }

    @Test
    void theLoaderStoresAPersonAsTheRegisterDoes() {
        String number = TestIdentityNumbers.next(Sex.FEMALE);
        org.fengqiao.population.IdentityNumber parsed = org.fengqiao.population.IdentityNumber.parse(number);
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-2-03'").query(UUID.class).single();
        UUID id = loader.persons(List.of(new PopulationLoader.NewPerson(new GridId(grid), null, "欧阳秀英", number,
                "13705180099", Sex.FEMALE, parsed.birthDate(), "01", Relation.HEAD, Residence.FLOATING,
                LocalDate.of(2025, 3, 1), null))).get(0).value();

        Map<String, Object> row = jdbc.sql("""
                SELECT (SELECT string_agg(b.bigram, ',' ORDER BY b.bigram) FROM name_bigram b WHERE b.name = p.name) AS grams,
                       name_initials, name_pinyin, id_cipher, phone_cipher, id_masked, phone_masked
                  FROM person p WHERE id = ?""").param(id).query().singleRow();
        assertThat(row.get("grams")).isEqualTo("欧阳,秀英,阳秀");
        assertThat(row.get("name_initials")).isEqualTo("oyxy");
        assertThat(cipher.decrypt((byte[]) row.get("id_cipher"))).isEqualTo(number);
        assertThat(cipher.decrypt((byte[]) row.get("phone_cipher"))).isEqualTo("13705180099");
        assertThat(row.get("phone_masked")).isEqualTo("137****0099");
        assertThat(persons.idOfNumber(parsed)).contains(id);
        boolean changed = persons.update(id, new Persons.Fields(grid, null, "欧阳秀英", parsed, "13705180099", "FEMALE",
                parsed.birthDate(), "01", Relation.HEAD, Residence.FLOATING, LocalDate.of(2025, 3, 1), null, null, null, null));
        assertThat(changed).as("the register sees the same content hash, so nothing to change").isFalse();
    }
}
