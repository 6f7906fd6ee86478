package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fengqiao.population.internal.Divisions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's rentals and organisations as loaded at start. Tests register rentals and organisations
 * of their own in the same grids, so these count only the demo's: rentals of rooms in the demo's
 * buildings (named 1号楼, 2号楼 …) and the organisations named in {@link DemoPlaces#PLACES}.
 */
class DemoPlacesIntegrationTests extends IntegrationTest {

    static final String DEMO_ROOMS = """
            room rm JOIN building b ON b.id = rm.building_id JOIN grid g ON g.id = b.grid_id
            WHERE g.code LIKE 'NS-%' AND b.name ~ '^[0-9]+号楼$'""";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoPlaces demo;

    List<String> names() {
        return DemoPlaces.PLACES.stream().map(DemoPlaces.Place::name).toList();
    }

    @Test
    void everyFlatMarkedLetHasOneActiveRentalWithItsFloatingHouseholdAsTenants() {
        // a flat shows as let while a registered rental's contract covers the day; the demo's flats keep no hand mark
        long let = jdbc.sql("SELECT count(*) FROM " + DEMO_ROOMS + """
                 AND EXISTS (SELECT 1 FROM rental r WHERE r.room_id = rm.id
                   AND (r.contract_from IS NULL OR r.contract_from <= current_date)
                   AND (r.contract_to IS NULL OR r.contract_to >= current_date))""").query(Long.class).single();
        assertThat(let).isGreaterThan(100);
        assertThat(jdbc.sql("SELECT count(*) FROM " + DEMO_ROOMS + " AND rm.rental").query(Long.class).single())
                .as("no hand marks on the demo's let flats").isZero();
        Map<String, Object> rentals = jdbc.sql("""
                SELECT count(*) AS rentals, count(DISTINCT r.room_id) AS rooms,
                       count(*) FILTER (WHERE r.contract_to >= current_date) AS active,
                       count(*) FILTER (WHERE r.landlord_person_id IS NULL) AS named,
                       count(*) FILTER (WHERE r.police_registered_on IS NULL) AS unregistered,
                       count(DISTINCT r.landlord_person_id) AS landlords,
                       count(r.landlord_person_id) AS by_persons
                FROM rental r JOIN room rm ON rm.id = r.room_id JOIN building b ON b.id = rm.building_id
                JOIN grid g ON g.id = b.grid_id WHERE g.code LIKE 'NS-%' AND b.name ~ '^[0-9]+号楼$'""")
                .query().singleRow();
        assertThat(((Number) rentals.get("rentals")).longValue()).isEqualTo(let);
        assertThat(rentals.get("rooms")).isEqualTo(rentals.get("rentals"));
        assertThat(rentals.get("active")).isEqualTo(rentals.get("rentals"));
        // about a fifth let by owners living elsewhere, about 15 % not registered with the police
        assertThat(((Number) rentals.get("named")).doubleValue() / let).isBetween(0.1, 0.3);
        assertThat(((Number) rentals.get("unregistered")).doubleValue() / let).isBetween(0.05, 0.3);
        assertThat(((Number) rentals.get("landlords")).longValue()).as("some landlords let several flats")
                .isLessThan(((Number) rentals.get("by_persons")).longValue());

        assertThat(jdbc.sql("""
                SELECT count(*) FROM rental r JOIN room rm ON rm.id = r.room_id JOIN building b ON b.id = rm.building_id
                JOIN household h ON h.room_id = rm.id JOIN person p ON p.household_id = h.id
                WHERE b.name ~ '^[0-9]+号楼$' AND NOT EXISTS (
                    SELECT 1 FROM rental_tenant t WHERE t.rental_id = r.id AND t.person_id = p.id
                      AND t.from_on = p.registered_on AND t.to_on IS NULL)""").query(Long.class).single())
                .as("every member of a let flat's household is its tenant since registering").isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM rental r JOIN person lp ON lp.id = r.landlord_person_id
                JOIN room rm ON rm.id = r.room_id JOIN building b ON b.id = rm.building_id
                WHERE b.name ~ '^[0-9]+号楼$' AND (lp.residence <> 'PERMANENT' OR lp.grid_id NOT IN
                    (SELECT id FROM grid WHERE code LIKE 'NS-%'))""").query(Long.class).single())
                .as("landlords are permanent residents of the compounds").isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM rental r JOIN room rm ON rm.id = r.room_id JOIN building b ON b.id = rm.building_id
                WHERE b.name ~ '^[0-9]+号楼$' AND r.landlord_person_id IS NULL
                  AND (r.landlord_phone_masked !~ '^135\\*{4}[0-9]{4}$' OR r.landlord_phone_cipher IS NULL)""")
                .query(Long.class).single()).isZero();
    }

    @Test
    void fortyOrganisationsStandInTheVillagesAndCompoundsWithAllNineSmallPlacesAndAMixOfFireSafetyStates() {
        Map<String, Object> counts = jdbc.sql("""
                SELECT count(*) AS organisations, count(small_place) AS small, count(DISTINCT small_place) AS kinds,
                       count(owner_person_id) AS owners, count(*) FILTER (WHERE g.code LIKE 'FS-%') AS rural,
                       count(licence_no) AS licences, count(address_id) AS addresses
                FROM organisation o JOIN grid g ON g.id = o.grid_id WHERE o.name IN (:names)""")
                .param("names", names()).query().singleRow();
        assertThat(counts).containsEntry("organisations", 40L).containsEntry("small", 35L).containsEntry("kinds", 9L)
                .containsEntry("owners", 40L).containsEntry("rural", 25L).containsEntry("licences", 40L)
                .containsEntry("addresses", 40L);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM organisation_staff s JOIN organisation o ON o.id = s.organisation_id
                WHERE o.name IN (:names)""").param("names", names()).query(Long.class).single()).isGreaterThanOrEqualTo(80);

        Map<String, Integer> states = new HashMap<>();
        jdbc.sql("""
                SELECT CASE WHEN count(*) FILTER (WHERE fi.hazards IS NOT NULL AND fi.rectified_on IS NULL
                                                    AND fi.rectify_by < current_date) > 0 THEN 'OVERDUE'
                            WHEN count(*) FILTER (WHERE fi.hazards IS NOT NULL AND fi.rectified_on IS NULL) > 0 THEN 'HAZARD_OPEN'
                            WHEN count(fi.id) > 0 THEN 'COMPLIANT' ELSE 'NOT_INSPECTED' END AS state
                FROM organisation o LEFT JOIN fire_inspection fi ON fi.organisation_id = o.id
                WHERE o.name IN (:names) GROUP BY o.id""").param("names", names()).query(String.class).list()
                .forEach(s -> states.merge(s, 1, Integer::sum));
        assertThat(states).containsEntry("COMPLIANT", 20).containsEntry("HAZARD_OPEN", 10).containsEntry("OVERDUE", 5)
                .containsEntry("NOT_INSPECTED", 5);
    }

    @Test
    void theDemosAddressesNameTheirTownshipByItsRealCode() {
        List<Map<String, Object>> pairs = jdbc.sql("""
                SELECT DISTINCT township_code, township FROM address
                WHERE (full_text LIKE '江苏省连云港市东海县房山镇%' OR full_text LIKE '江苏省连云港市东海县牛山街道%')
                  AND township_code IS NOT NULL""").query().listOfRows();
        assertThat(pairs).isNotEmpty().allSatisfy(p -> assertThat(Divisions.township((String) p.get("township_code"))
                .orElseThrow().name()).isEqualTo(p.get("township")));
    }

    @Test
    void loadingAgainChangesNothing() {
        String count = "SELECT (SELECT count(*) FROM rental) || '/' || (SELECT count(*) FROM rental_tenant) || '/' "
                + "|| (SELECT count(*) FROM organisation) || '/' || (SELECT count(*) FROM fire_inspection) || '/' "
                + "|| (SELECT count(*) FROM address)";
        String before = jdbc.sql(count).query(String.class).single();
        assertThat(demo.load(LocalDate.now())).isEqualTo(new DemoPlaces.Loaded(0, 0, 0));
        assertThat(jdbc.sql(count).query(String.class).single()).isEqualTo(before);
    }
}
