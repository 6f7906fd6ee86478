package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fengqiao.demo.DemoGeography.Region;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

class DemoDistrictIntegrationTests extends IntegrationTest {

    private static final List<String> RURAL = List.of("吴场村", "陆圩村", "兴东村", "兴谷村", "林疃村");
    /**
     * Every village and community of the demo. The suite shares one database and other tests add
     * communities and grids of their own, so these tests look at the demo's places only.
     */
    private static final List<String> DEMO_PLACES = List.of("吴场村", "陆圩村", "兴东村", "兴谷村", "林疃村",
            "和平社区", "福海社区", "晶都社区", "大湾村", "柳河村");
    /** One square metre in square degrees at the district's latitude, generously rounded down. */
    private static final double SQUARE_METRE = 1e-10;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoDistrict demo;

    @Autowired
    TestRestTemplate http;

    record StoredGrid(String code, String network, String community, Geometry boundary) {
    }

    @Test
    void loadsACountyBureauWithThreeStationsAndSeed002sFiveVillages() {
        assertThat(jdbc.sql("SELECT name FROM unit WHERE kind = 'BUREAU'").query(String.class).list())
                .containsExactly("东海县公安局");
        // the demo's own stations (12-digit codes), beside any a test of the suite builds with a code of its own
        assertThat(jdbc.sql("SELECT name FROM unit WHERE kind = 'STATION' AND code ~ '^[0-9]{12}$' ORDER BY code")
                .query(String.class).list())
                .containsExactly("房山派出所", "牛山派出所", "石榴派出所");
        assertThat(jdbc.sql("""
                SELECT c.name FROM community c JOIN unit u ON u.id = c.unit_id
                WHERE u.name = '房山中心警务室' AND c.kind = 'VILLAGE' AND c.code LIKE '320722%' ORDER BY c.code""")
                .query(String.class).list())
                .as("the five villages, beside any a test of the suite adds with a code of its own")
                .isEqualTo(RURAL);
        Map<String, Object> totals = jdbc.sql("""
                SELECT sum(households) AS households, sum(population) AS population FROM community WHERE name IN (:v)""")
                .param("v", RURAL).query().singleRow();
        assertThat(((Number) totals.get("households")).intValue()).isEqualTo(4530);
        assertThat(((Number) totals.get("population")).intValue()).isEqualTo(21295);
    }

    @Test
    void cutsTheFiveVillagesIntoSixtyFiveGridsUnevenly() {
        List<Integer> perVillage = jdbc.sql("""
                SELECT count(*) FROM grid g JOIN community c ON c.id = g.community_id
                WHERE c.name IN (:v) AND g.network = 'POLICE' GROUP BY c.code ORDER BY c.code""")
                .param("v", RURAL).query(Integer.class).list();
        assertThat(perVillage).containsExactly(15, 13, 12, 13, 12);
    }

    @Test
    void staffsTheRuralGridsWithSeed002sFiveLevelRoster() {
        Map<String, Integer> holders = new HashMap<>();
        jdbc.sql("""
                SELECT r.role, count(DISTINCT r.staff_id) FROM grid_role r
                JOIN grid g ON g.id = r.grid_id JOIN community c ON c.id = g.community_id
                WHERE c.name IN (:v) AND r.ended_on IS NULL GROUP BY r.role""")
                .param("v", RURAL).query(rs -> {
                    holders.put(rs.getString(1), rs.getInt(2));
                });
        assertThat(holders).containsExactlyInAnyOrderEntriesOf(
                Map.of("GRID_CHIEF", 1, "COORDINATOR", 5, "MANAGER", 6, "MEMBER", 45, "INFORMANT", 75));

        List<String> gridsMissingSomeone = jdbc.sql("""
                SELECT g.code FROM grid g JOIN community c ON c.id = g.community_id
                WHERE c.name IN (:v) AND (
                    SELECT count(DISTINCT r.role) FROM grid_role r WHERE r.grid_id = g.id AND r.ended_on IS NULL) < 5""")
                .param("v", RURAL).query(String.class).list();
        assertThat(gridsMissingSomeone).isEmpty();

        assertThat(jdbc.sql("""
                SELECT DISTINCT r.role || ':' || s.role FROM grid_role r JOIN staff s ON s.id = r.staff_id
                JOIN grid g ON g.id = r.grid_id JOIN community c ON c.id = g.community_id WHERE c.name IN (:v)""")
                .param("v", RURAL).query(String.class).list())
                .containsExactlyInAnyOrder("GRID_CHIEF:COMMUNITY_OFFICER", "COORDINATOR:GRID_COORDINATOR",
                        "MANAGER:AUXILIARY_POLICE", "MEMBER:GRID_MEMBER", "MEMBER:VOLUNTEER", "INFORMANT:INFORMANT");

        assertThat(jdbc.sql("""
                SELECT DISTINCT s.username FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.role = 'GRID_CHIEF' AND r.grid_id IN (
                    SELECT g.id FROM grid g JOIN community c ON c.id = g.community_id WHERE c.name IN (:v))""")
                .param("v", RURAL).query(String.class).list()).containsExactly("officer");
    }

    @Test
    void startsTheRosterIn2023Or2024AndKeepsTheHistoryOfTwoManagerChanges() {
        Map<String, Object> span = jdbc.sql("""
                SELECT min(started_on) AS first, max(started_on) AS last FROM grid_role WHERE started_on < '2025-01-01'""")
                .query().singleRow();
        assertThat(span.get("first").toString()).startsWith("2023");
        assertThat(span.get("last").toString()).startsWith("2024");

        List<String> changed = jdbc.sql("""
                SELECT g.code FROM grid_role r JOIN grid g ON g.id = r.grid_id
                WHERE r.role = 'MANAGER' AND r.ended_on IS NOT NULL AND g.code NOT LIKE 'IT-%' ORDER BY g.code""").query(String.class).list();
        assertThat(changed).hasSize(2);
        for (String code : changed) {
            List<Map<String, Object>> terms = jdbc.sql("""
                    SELECT r.started_on, r.ended_on FROM grid_role r JOIN grid g ON g.id = r.grid_id
                    WHERE g.code = ? AND r.role = 'MANAGER' ORDER BY r.started_on""").param(code).query().listOfRows();
            assertThat(terms).hasSize(2);
            assertThat(terms.get(0).get("ended_on").toString()).isEqualTo(DemoDistrict.MANAGER_CHANGE.toString());
            assertThat(terms.get(1).get("started_on").toString()).isEqualTo(DemoDistrict.MANAGER_CHANGE.toString());
            assertThat(terms.get(1).get("ended_on")).isNull();
        }
    }

    @Test
    void datesNoRosterTermInTheFuture() {
        // the demo's own grids: tests give roles in their IT- grids as of the day they run
        assertThat(jdbc.sql("SELECT max(r.started_on) FROM grid_role r JOIN grid g ON g.id = r.grid_id WHERE g.code NOT LIKE 'IT-%'")
                .query(LocalDate.class).single())
                .isBefore(LocalDate.of(2026, 1, 1));
    }

    @Test
    void storesEveryGridAsAValidPolygonInsideChina() {
        for (StoredGrid grid : grids()) {
            assertThat(grid.boundary().isValid()).as(grid.code()).isTrue();
            assertThat(grid.boundary().getGeometryType()).isEqualTo("Polygon");
            Envelope e = grid.boundary().getEnvelopeInternal();
            assertThat(e.getMinX()).as(grid.code()).isGreaterThan(73.4);
            assertThat(e.getMaxX()).as(grid.code()).isLessThan(135.1);
            assertThat(e.getMinY()).as(grid.code()).isGreaterThan(3.8);
            assertThat(e.getMaxY()).as(grid.code()).isLessThan(53.6);
        }
    }

    @Test
    void letsNoTwoGridsOfTheSameNetworkOverlap() {
        List<StoredGrid> grids = grids();
        int touching = 0;
        for (int i = 0; i < grids.size(); i++) {
            for (int j = i + 1; j < grids.size(); j++) {
                StoredGrid a = grids.get(i);
                StoredGrid b = grids.get(j);
                if (!a.network().equals(b.network())
                        || !a.boundary().getEnvelopeInternal().intersects(b.boundary().getEnvelopeInternal())) {
                    continue;
                }
                if (a.boundary().intersects(b.boundary())) {
                    touching++;
                }
                assertThat(a.boundary().intersection(b.boundary()).getArea()).as(a.code() + " and " + b.code())
                        .isLessThan(SQUARE_METRE);
            }
        }
        // neighbours share edges: the check above really compared adjacent grids
        assertThat(touching).isGreaterThan(100);
    }

    @Test
    void tilesEveryVillageAndCommunityExactlyWithItsGrids() {
        Map<String, Geometry> boundaries = new HashMap<>();
        put(boundaries, DemoGeography.cut(DemoDistrict.RURAL, DemoDistrict.SEED), DemoDistrict.RURAL_VILLAGES, "村");
        put(boundaries, DemoGeography.cut(DemoDistrict.URBAN, DemoDistrict.SEED + 1), DemoDistrict.URBAN_COMMUNITIES, "社区");
        put(boundaries, DemoGeography.cut(DemoDistrict.SHILIU, DemoDistrict.SEED + 2), DemoDistrict.SHILIU_VILLAGES, "村");

        Map<String, List<Geometry>> byCommunity = new HashMap<>();
        for (StoredGrid grid : grids()) {
            byCommunity.computeIfAbsent(grid.community(), k -> new ArrayList<>()).add(grid.boundary());
        }
        assertThat(byCommunity.keySet()).isEqualTo(boundaries.keySet());
        for (var entry : byCommunity.entrySet()) {
            Geometry boundary = boundaries.get(entry.getKey());
            double sum = entry.getValue().stream().mapToDouble(Geometry::getArea).sum();
            assertThat(sum).as(entry.getKey()).isCloseTo(boundary.getArea(), within(boundary.getArea() * 0.001));
            Geometry union = DemoGeography.GEOMETRY.buildGeometry(entry.getValue()).union();
            assertThat(union.symDifference(boundary).getArea()).as(entry.getKey())
                    .isLessThan(boundary.getArea() * 0.001);
        }
    }

    @Test
    void linksEveryPoliceGridToTheOtherThreeNetworksByDistinctCodes() {
        Map<String, Object> codes = jdbc.sql("""
                SELECT count(*) AS grids, count(DISTINCT comprehensive_code) AS comprehensive,
                       count(DISTINCT urban_code) AS urban, count(DISTINCT civilization_code) AS civilization
                FROM grid g JOIN community c ON c.id = g.community_id
                WHERE g.network = 'POLICE' AND c.name IN (:places)""").param("places", DEMO_PLACES).query().singleRow();
        assertThat(codes.get("comprehensive")).isEqualTo(codes.get("grids"));
        assertThat(codes.get("urban")).isEqualTo(codes.get("grids"));
        assertThat(codes.get("civilization")).isEqualTo(codes.get("grids"));
    }

    @Test
    void givesEveryVillageAndCommunityAnOfficerAndTwoAuxiliaryMembers() {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT c.name, o.role AS officer, p.role AS patrol, s.role AS security
                FROM community c
                LEFT JOIN staff o ON o.id = c.officer_id
                LEFT JOIN staff p ON p.id = c.patrol_member_id
                LEFT JOIN staff s ON s.id = c.security_member_id
                WHERE c.name IN (:places)""").param("places", DEMO_PLACES).query().listOfRows();
        assertThat(rows).hasSize(10);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("officer")).as(row.get("name").toString()).isEqualTo("COMMUNITY_OFFICER");
            assertThat(row.get("patrol")).as(row.get("name").toString()).isEqualTo("AUXILIARY_POLICE");
            assertThat(row.get("security")).as(row.get("name").toString()).isEqualTo("GRID_MEMBER");
        }
    }

    @Test
    void groupsCommunitiesIntoPoliceDistrictsACooperationZoneAndAJointPatrolZone() {
        // the demo's own groupings: other tests file theirs under codes "IT-…" (a joint-patrol zone of their own)
        assertThat(jdbc.sql("""
                SELECT kind || ':' || count(*) FROM grouping WHERE code NOT LIKE 'IT-%' GROUP BY kind ORDER BY kind""")
                .query(String.class).list())
                .containsExactly("COOPERATION_ZONE:1", "JOINT_PATROL_ZONE:1", "POLICE_DISTRICT:3");
        assertThat(jdbc.sql("""
                SELECT c.name FROM grouping_community gc JOIN grouping g ON g.id = gc.grouping_id
                JOIN community c ON c.id = gc.community_id WHERE g.kind = 'COOPERATION_ZONE' ORDER BY c.code""")
                .query(String.class).list()).containsExactly("陆圩村", "兴东村", "兴谷村");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM grouping_community gc JOIN grouping g ON g.id = gc.grouping_id
                WHERE g.kind = 'POLICE_DISTRICT' AND g.code NOT LIKE 'IT-%'""").query(Integer.class).single())
                .isEqualTo(10);
    }

    @Test
    void signsInEveryDemoLoginWithThePublishedPassword() {
        Map<String, String> roles = Map.of("admin", "SYSTEM_ADMIN", "security", "SECURITY_ADMIN", "auditor",
                "AUDIT_ADMIN", "bureau", "BUREAU_COMMAND", "chief", "STATION_CHIEF", "officer", "COMMUNITY_OFFICER",
                "officer2", "COMMUNITY_OFFICER", "manager", "AUXILIARY_POLICE", "volunteer", "VOLUNTEER");
        // other tests of the suite add accounts of their own; the demo's are exactly these
        assertThat(jdbc.sql("SELECT count(*) FROM staff WHERE username = ANY(?)")
                .param(roles.keySet().toArray(String[]::new)).query(Integer.class).single()).isEqualTo(roles.size());
        for (var login : roles.entrySet()) {
            assertThat(jdbc.sql("SELECT role FROM staff WHERE username = ?").param(login.getKey()).query(String.class)
                    .single()).isEqualTo(login.getValue());
            ResponseEntity<String> token = http.postForEntity("/api/v1/auth/token",
                    Map.of("username", login.getKey(), "password", DEMO_PASSWORD), String.class);
            assertThat(token.getStatusCode().is2xxSuccessful()).as(login.getKey()).isTrue();
            assertThat(token.getBody()).contains("\"token\"");
        }
        assertThat(jdbc.sql("""
                SELECT u.name FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = 'officer2'""")
                .query(String.class).single()).isEqualTo("和平社区警务工作站");
    }

    @Test
    void loadsNothingTwiceWhenStartedAgain() {
        List<String> tables = List.of("unit", "community", "grid", "staff", "grid_role", "grouping", "grouping_community");
        Map<String, Long> before = counts(tables);
        demo.loadIntoEmptyDatabase();
        assertThat(counts(tables)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM grid g JOIN community c ON c.id = g.community_id WHERE c.name IN (:places)")
                .param("places", DEMO_PLACES).query(Long.class).single()).isEqualTo(65 + 16 + 9);
    }

    private Map<String, Long> counts(List<String> tables) {
        Map<String, Long> counts = new HashMap<>();
        for (String table : tables) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    private static void put(Map<String, Geometry> boundaries, List<Region> regions, String[] names, String suffix) {
        for (int i = 0; i < names.length; i++) {
            boundaries.put(names[i] + suffix, regions.get(i).boundary());
        }
    }

    private List<StoredGrid> grids() {
        GeoJsonReader reader = new GeoJsonReader(DemoGeography.GEOMETRY);
        return jdbc.sql("""
                SELECT g.code, g.network, c.name, g.boundary::text FROM grid g JOIN community c ON c.id = g.community_id
                WHERE c.name IN (:places) ORDER BY g.code""").param("places", DEMO_PLACES).query((rs, row) -> {
                    try {
                        return new StoredGrid(rs.getString(1), rs.getString(2), rs.getString(3), reader.read(rs.getString(4)));
                    } catch (ParseException e) {
                        throw new IllegalStateException(rs.getString(1), e);
                    }
                }).list();
    }
}
