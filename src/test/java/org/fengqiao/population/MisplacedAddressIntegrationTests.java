package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.population.internal.MisplacedAddresses;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Addresses left in a grid that no longer holds them after a boundary was redrawn: the check lists them with what
 * stands at them, and the move brings each with its buildings, rooms, households, persons, rentals and organisations
 * into the grid holding its point, so that the officer of that grid sees them and the old grid's no longer does; all
 * or nothing, versioned, audited, scoped. Each test draws grids of its own in a village of the tests' own (and a
 * town under the urban office, outside the rural station chief's jurisdiction), far from the demo district.
 */
class MisplacedAddressIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    MisplacedAddresses misplacedAddresses;
    @Autowired
    PlatformTransactionManager transactions;

    static final AtomicInteger RUN = new AtomicInteger();
    static final String VILLAGE = "T-MOVE-VILLAGE";
    static final String TOWN = "T-MOVE-TOWN";
    /** The urban central office, outside the rural station chief's jurisdiction. */
    static final String URBAN_OFFICE = "320722020100";

    PlacesFixtures places;
    HousingFixtures fx;
    String a;
    String b;
    String c;
    double lat;

    @BeforeEach
    void setUp() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        fx = places.fx;
        int n = RUN.incrementAndGet();
        if (jurisdictions.communityByCode(VILLAGE).isEmpty()) {
            jurisdictions.createCommunity(jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow().id(),
                    CommunityKind.VILLAGE, VILLAGE, "迁址测试村", null, null, null);
            jurisdictions.createCommunity(jurisdictions.unitByCode(URBAN_OFFICE).orElseThrow().id(),
                    CommunityKind.COMMUNITY, TOWN, "迁址测试社区", null, null, null);
        }
        // three touching squares of a fresh row per test: A and B in the village, C in the town east of them
        lat = 35.50 + 0.02 * n;
        a = "IT-MV-A-" + n;
        b = "IT-MV-B-" + n;
        c = "IT-MV-C-" + n;
        Community village = jurisdictions.communityByCode(VILLAGE).orElseThrow();
        Community town = jurisdictions.communityByCode(TOWN).orElseThrow();
        jurisdictions.createGrid(village.id(), GridNetwork.POLICE, a, "迁址网格A" + n,
                rect(119.50, lat, 119.51, lat + 0.01), null, null, null);
        jurisdictions.createGrid(village.id(), GridNetwork.POLICE, b, "迁址网格B" + n,
                rect(119.51, lat, 119.52, lat + 0.01), null, null, null);
        jurisdictions.createGrid(town.id(), GridNetwork.POLICE, c, "迁址网格C" + n,
                rect(119.52, lat, 119.53, lat + 0.01), null, null, null);
    }

    static String rect(double west, double south, double east, double north) {
        return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],"
                + "[%s,%s]]]}", west, south, east, south, east, north, west, north, west, south);
    }

    /** An address filed in the grid, at the point given (or none), registered by the chief. */
    UUID address(String gridCode, Double lon, Double lat) {
        Map<String, Object> body = places.addressBody("FS-1-01", "迁址" + UUID.randomUUID().toString().substring(0, 6)
                + "路");
        body.put("gridId", fx.gridId(gridCode));
        body.put("lon", lon);
        body.put("lat", lat);
        HousingFixtures.Answer created = fx.call("chief", "POST", "/api/v1/addresses", body);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return UUID.fromString(created.body().get("id").asText());
    }

    /** What the tests put at an address, so that they can look for each record afterwards. */
    record Standing(UUID building, UUID household, UUID roomHousehold, List<UUID> persons, List<String> names,
            UUID rental, UUID organisation) {
    }

    /**
     * At the address: a building with 4 rooms registered at it, a household at the address with two persons, a
     * household in one of the building's rooms with one, a rental and an organisation; all filed in the grid.
     */
    Standing standAt(UUID address, String gridCode) {
        UUID grid = fx.gridId(gridCode);
        UUID building = fx.building("chief", gridCode, 2, 1, 2);
        jdbc.sql("UPDATE building SET address_id = ? WHERE id = ?").params(address, building).update();
        UUID household = fx.household(grid, null, false, false);
        jdbc.sql("UPDATE household SET address_id = ? WHERE id = ?").params(address, household).update();
        UUID room = jdbc.sql("SELECT id FROM room WHERE building_id = ? ORDER BY number LIMIT 1").param(building)
                .query(UUID.class).single();
        UUID roomHousehold = fx.household(grid, room, false, false);
        List<UUID> persons = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (UUID h : List.of(household, household, roomHousehold)) {
            names.add(name());
            UUID person = places.person("chief", gridCode, names.get(names.size() - 1), Residence.PERMANENT, null)
                    .id();
            jdbc.sql("UPDATE person SET household_id = ? WHERE id = ?").params(h, person).update();
            persons.add(person);
        }
        UUID rental = UUID.randomUUID();
        jdbc.sql("INSERT INTO rental (id, grid_id, address_id, landlord_name, purpose) VALUES (?, ?, ?, '王房东', "
                + "'RESIDENCE')").params(rental, grid, address).update();
        UUID organisation = UUID.randomUUID();
        jdbc.sql("INSERT INTO organisation (id, grid_id, address_id, name, kind) VALUES (?, ?, ?, ?, 'SHOP')")
                .params(organisation, grid, address, HousingFixtures.unique("迁址商店")).update();
        return new Standing(building, household, roomHousehold, persons, names, rental, organisation);
    }

    static final AtomicInteger NAMES = new AtomicInteger();

    /** A name no other test gives, found by a search of it. */
    static String name() {
        return "迁" + (char) (0x6C5F + NAMES.incrementAndGet()) + "明";
    }

    /** An auxiliary police officer of the grid's own work point, seeing that grid only; answers his API client. */
    Officer officerOf(String gridCode) {
        Grid grid = jurisdictions.setUpWorkPoint(jurisdictions.grid(new org.fengqiao.jurisdiction.GridId(
                fx.gridId(gridCode))).orElseThrow().id());
        String username = TestStaff.uniqueUsername("mv");
        directory.register(grid.unitId(), StaffRole.AUXILIARY_POLICE, "迁址辅警" + username.substring(8), null, null,
                "辅警", username, TestStaff.PASSWORD);
        ApiClient client = new ApiClient(port);
        return new Officer(client, client.token(username, TestStaff.PASSWORD));
    }

    record Officer(ApiClient api, String token) {

        int status(String path) {
            return api.get(path, token).statusCode();
        }

        JsonNode json(String path) {
            return ApiClient.json(api.get(path, token));
        }

        int post(String path, Object body) {
            return api.send("POST", path, token, body).statusCode();
        }
    }

    HousingFixtures.Answer redraw(String gridCode, String geometry) {
        long version = jdbc.sql("SELECT version FROM grid WHERE network = 'POLICE' AND code = ?").param(gridCode)
                .query(Long.class).single();
        Map<String, Object> body = new HashMap<>();
        body.put("geometry", ApiClient.JSON.valueToTree(parse(geometry)));
        body.put("version", version);
        return fx.call("chief", "PUT", "/api/v1/grids/" + fx.gridId(gridCode) + "/boundary", body);
    }

    static JsonNode parse(String json) {
        try {
            return ApiClient.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> picks(JsonNode... addresses) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode n : addresses) {
            list.add(Map.of("id", n.get("id").asText(), "version", n.get("version").asLong()));
        }
        return Map.of("addresses", list);
    }

    String gridOf(String table, UUID id) {
        return jdbc.sql("SELECT g.code FROM " + table + " t JOIN grid g ON g.id = t.grid_id WHERE t.id = ?").param(id)
                .query(String.class).single();
    }

    String misplaced(String gridCode) {
        return "/api/v1/grids/" + fx.gridId(gridCode) + "/misplaced";
    }

    static JsonNode listed(JsonNode check, UUID address) {
        for (JsonNode n : check.get("addresses")) {
            if (n.get("id").asText().equals(address.toString())) {
                return n;
            }
        }
        return null;
    }

    @Test
    void aRedrawnBoundaryListsTheAddressLyingInTheNeighbourAndTheMoveTakesEverythingAtItToThatGridsOfficer() {
        UUID moving = address(a, 119.508, lat + 0.005);
        UUID staying = address(a, 119.502, lat + 0.005);
        address(a, null, null);
        Standing at = standAt(moving, a);
        Officer officerA = officerOf(a);
        Officer officerB = officerOf(b);
        JsonNode before = fx.get("chief", misplaced(a)).body();
        assertThat(before.get("misplaced").asInt()).as("nothing lies elsewhere before the redraw").isZero();
        assertThat(before.get("withoutLocation").asInt()).isEqualTo(1);

        // A gives up its eastern half and B takes it: the address at 119.508 now lies in B, and is still filed in A
        assertThat(redraw(a, rect(119.50, lat, 119.505, lat + 0.01)).status()).isEqualTo(200);
        assertThat(redraw(b, rect(119.505, lat, 119.52, lat + 0.01)).status()).isEqualTo(200);
        assertThat(gridOf("address", moving)).isEqualTo(a);

        JsonNode check = fx.get("chief", misplaced(a)).body();
        assertThat(check.get("misplaced").asInt()).isEqualTo(1);
        assertThat(check.get("withoutLocation").asInt()).isEqualTo(1);
        assertThat(check.get("checked").asInt()).isEqualTo(2);
        JsonNode row = listed(check, moving);
        assertThat(row).isNotNull();
        assertThat(listed(check, staying)).isNull();
        assertThat(row.get("recorded").get("code").asText()).isEqualTo(a);
        assertThat(row.get("target").get("code").asText()).isEqualTo(b);
        assertThat(row.get("movable").asBoolean()).isTrue();
        JsonNode standing = row.get("standing");
        assertThat(standing.get("households").asInt()).isEqualTo(2);
        assertThat(standing.get("persons").asInt()).isEqualTo(3);
        assertThat(standing.get("buildings").asInt()).isEqualTo(1);
        assertThat(standing.get("rooms").asInt()).isEqualTo(4);
        assertThat(standing.get("rentals").asInt()).isEqualTo(1);
        assertThat(standing.get("organisations").asInt()).isEqualTo(1);
        assertThat(listed(fx.get("chief", misplaced(b)).body(), moving)).as("B's check lists what lies in it")
                .isNotNull();
        assertThat(listed(fx.get("chief", "/api/v1/communities/"
                + jurisdictions.communityByCode(VILLAGE).orElseThrow().id().value() + "/misplaced").body(), moving))
                .isNotNull();

        assertThat(officerB.status("/api/v1/households/" + at.household())).isEqualTo(404);
        assertThat(officerA.post(misplaced(a), picks(row))).as("no JURISDICTION_MANAGE").isEqualTo(403);
        assertThat(fx.get("admin", misplaced(a)).status()).as("no POPULATION_READ").isEqualTo(403);

        HousingFixtures.Answer moved = fx.call("chief", "POST", misplaced(a), picks(row));
        assertThat(moved.status()).as(String.valueOf(moved.body())).isEqualTo(200);
        assertThat(moved.body().get("moved").get(0).get("to").get("code").asText()).isEqualTo(b);
        assertThat(gridOf("address", moving)).isEqualTo(b);
        assertThat(gridOf("building", at.building())).isEqualTo(b);
        assertThat(gridOf("household", at.household())).isEqualTo(b);
        assertThat(gridOf("household", at.roomHousehold())).isEqualTo(b);
        assertThat(at.persons()).allSatisfy(p -> assertThat(gridOf("person", p)).isEqualTo(b));
        assertThat(gridOf("rental", at.rental())).isEqualTo(b);
        assertThat(gridOf("organisation", at.organisation())).isEqualTo(b);
        assertThat(gridOf("address", staying)).isEqualTo(a);

        // B's officer sees all of it in his lists and his search; A's no longer
        for (String path : List.of("/api/v1/addresses/" + moving, "/api/v1/households/" + at.household(),
                "/api/v1/households/" + at.roomHousehold(), "/api/v1/buildings/" + at.building(),
                "/api/v1/rentals/" + at.rental(), "/api/v1/organisations/" + at.organisation(),
                "/api/v1/persons/" + at.persons().get(0))) {
            assertThat(officerB.status(path)).as(path).isEqualTo(200);
            assertThat(officerA.status(path)).as(path).isEqualTo(404);
        }
        assertThat(officerB.json("/api/v1/addresses?gridId=" + fx.gridId(b)).get("total").asInt()).isEqualTo(1);
        String search = "/api/v1/persons?q=" + java.net.URLEncoder.encode(at.names().get(2),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(officerB.json(search).get("items")).extracting(n -> n.get("id").asText())
                .containsExactly(at.persons().get(2).toString());
        assertThat(officerA.json(search).get("items")).isEmpty();
        assertThat(fx.get("chief", misplaced(a)).body().get("misplaced").asInt()).isZero();

        Map<String, Object> audit = jdbc.sql("""
                SELECT before->>'gridCode' AS before, after->>'gridCode' AS after,
                       after->'moved'->>'persons' AS persons, actor FROM audit_entry
                WHERE record_type = 'address' AND record_id = ? AND action = 'UPDATE'""")
                .param(moving.toString()).query().singleRow();
        assertThat(audit).containsEntry("before", a).containsEntry("after", b).containsEntry("persons", "3")
                .containsEntry("actor", "chief");

        HousingFixtures.Answer again = fx.call("chief", "POST", misplaced(a), picks(row), "Accept-Language", "en");
        assertThat(again.status()).as("the version the check showed is gone").isEqualTo(409);
        assertThat(again.body().get("detail").asText()).contains("changed after the check", "version 1");
    }

    @Test
    void aStaleAddressAmongSeveralMovesNothingAtAll() {
        UUID first = address(a, 119.515, lat + 0.003);
        UUID second = address(a, 119.515, lat + 0.007);
        Standing atFirst = standAt(first, a);
        Standing atSecond = standAt(second, a);
        JsonNode check = fx.get("chief", misplaced(a)).body();
        assertThat(check.get("misplaced").asInt()).isEqualTo(2);
        // the address moved last (ids in order) is the stale one, so the first has moved when the move fails
        UUID later = first.compareTo(second) > 0 ? first : second;
        UUID earlier = later.equals(first) ? second : first;
        jdbc.sql("UPDATE address SET version = version + 1 WHERE id = ?").param(later).update();
        String table = gridTable();

        HousingFixtures.Answer refused = fx.call("chief", "POST", misplaced(a),
                picks(listed(check, first), listed(check, second)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asText()).contains("核对后已被修改", "未迁移任何地址");
        assertThat(gridTable()).isEqualTo(table);
        assertThat(gridOf("address", earlier)).isEqualTo(a);
        for (Standing at : List.of(atFirst, atSecond)) {
            assertThat(gridOf("building", at.building())).isEqualTo(a);
            assertThat(gridOf("household", at.household())).isEqualTo(a);
            assertThat(at.persons()).allSatisfy(p -> assertThat(gridOf("person", p)).isEqualTo(a));
            assertThat(gridOf("rental", at.rental())).isEqualTo(a);
            assertThat(gridOf("organisation", at.organisation())).isEqualTo(a);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'address' AND record_id IN (?, ?)"
                + " AND action = 'UPDATE'").params(first.toString(), second.toString()).query(Long.class).single())
                .isZero();
    }

    /** The grid and version of every record in the test's grids, to compare before and after a refused move. */
    String gridTable() {
        return jdbc.sql("""
                    SELECT string_agg(t || ':' || id || ':' || code || ':' || version, ',' ORDER BY t, id) FROM (
                      SELECT 'address' t, x.id, g.code, x.version FROM address x JOIN grid g ON g.id = x.grid_id
                      UNION ALL SELECT 'building', x.id, g.code, x.version FROM building x
                        JOIN grid g ON g.id = x.grid_id
                      UNION ALL SELECT 'household', x.id, g.code, x.version FROM household x
                        JOIN grid g ON g.id = x.grid_id
                      UNION ALL SELECT 'person', x.id, g.code, x.version FROM person x JOIN grid g ON g.id = x.grid_id
                      UNION ALL SELECT 'rental', x.id, g.code, x.version FROM rental x JOIN grid g ON g.id = x.grid_id
                      UNION ALL SELECT 'organisation', x.id, g.code, x.version FROM organisation x
                        JOIN grid g ON g.id = x.grid_id) r WHERE code IN (?, ?, ?)""")
                .params(a, b, c).query(String.class).single();
    }

    @Test
    void aGridOutsideTheCallersJurisdictionIsNotFoundAndNoAddressMovesIntoIt() {
        UUID intoC = address(a, 119.525, lat + 0.005);
        standAt(intoC, a);
        assertThat(fx.get("chief", misplaced(c)).status()).isEqualTo(404);
        assertThat(fx.call("chief", "POST", misplaced(c), Map.of("addresses", List.of())).status()).isEqualTo(404);
        JsonNode row = listed(fx.get("chief", misplaced(a)).body(), intoC);
        assertThat(row.get("target").get("code").asText()).isEqualTo(c);
        assertThat(row.get("movable").asBoolean()).isFalse();
        String table = gridTable();
        assertThat(fx.call("chief", "POST", misplaced(a), picks(row)).status()).isEqualTo(404);
        assertThat(gridTable()).isEqualTo(table);
        // the bureau sees both grids and moves it
        HousingFixtures.Answer moved = fx.call("bureau", "POST", misplaced(a), picks(row));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(gridOf("address", intoC)).isEqualTo(c);
    }

    @Test
    void aBuildingWhoseNameTheTargetGridHasAlreadyIsAConflictAndNothingMoves() {
        UUID moving = address(a, 119.515, lat + 0.005);
        Standing at = standAt(moving, a);
        String name = jdbc.sql("SELECT name FROM building WHERE id = ?").param(at.building()).query(String.class)
                .single();
        UUID namesake = fx.building("chief", b, 1, 1, 1);
        jdbc.sql("UPDATE building SET name = ? WHERE id = ?").params(name, namesake).update();
        String table = gridTable();
        HousingFixtures.Answer refused = fx.call("chief", "POST", misplaced(a),
                picks(listed(fx.get("chief", misplaced(a)).body(), moving)), "Accept-Language", "en");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asText()).contains(name, b, "a building there has that name");
        assertThat(gridTable()).isEqualTo(table);
    }

    @Test
    void badChoicesAreRefusedInTheReadersLanguageAndChangeNothing() {
        UUID unlocated = address(a, null, null);
        String table = gridTable();
        HousingFixtures.Answer none = fx.call("chief", "POST", misplaced(a), Map.of("addresses", List.of()));
        assertThat(none.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(none.body())).containsEntry("addresses", "请至少选择一条要迁移的地址");
        HousingFixtures.Answer noneEn = fx.call("chief", "POST", misplaced(a), Map.of("addresses", List.of()),
                "Accept-Language", "en");
        assertThat(HousingFixtures.errors(noneEn.body())).containsEntry("addresses",
                "Choose at least one address to move");
        HousingFixtures.Answer noVersion = fx.call("chief", "POST", misplaced(a),
                Map.of("addresses", List.of(Map.of("id", unlocated.toString()))), "Accept-Language", "en");
        assertThat(HousingFixtures.errors(noVersion.body())).containsEntry("addresses",
                "Each address to move needs its id and the version the check showed");
        HousingFixtures.Answer noLocation = fx.call("chief", "POST", misplaced(a),
                Map.of("addresses", List.of(Map.of("id", unlocated.toString(), "version", 0))));
        assertThat(noLocation.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(noLocation.body()).get("addresses")).contains("没有坐标");
        assertThat(gridTable()).isEqualTo(table);
    }

    @Test
    void theGridPageLinksToTheCheckWhoseFormMovesTheAddressesTicked() {
        UUID moving = address(a, 119.515, lat + 0.005);
        standAt(moving, a);
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en");
        String grid = "/grids/" + fx.gridId(a);
        assertThat(chief.get(grid, null).body()).contains("href=\"" + grid + "/misplaced\"");
        HttpResponse<String> page = chief.get(grid + "/misplaced", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Addresses in another grid", "keep their grid", b);
        JsonNode row = listed(fx.get("chief", misplaced(a)).body(), moving);
        String csrf = chief.csrfFrom(grid + "/misplaced");
        HttpResponse<String> posted = chief.form(grid + "/misplaced", List.of(Map.entry("_csrf", csrf),
                Map.entry("pick", moving + ":" + row.get("version").asLong())));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(gridOf("address", moving)).isEqualTo(b);
        HttpResponse<String> stale = chief.form(grid + "/misplaced", List.of(Map.entry("_csrf", csrf),
                Map.entry("pick", moving + ":" + row.get("version").asLong())));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("changed after the check");
        assertThat(new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null).get(grid, null).body())
                .doesNotContain(grid + "/misplaced");
    }

    /** The station chief's move of the address into the grid holding its point, as the check's form sends it. */
    Runnable moveOf(UUID address) {
        Caller manager = new Caller(null, "manager", "所长", "STATION_CHIEF", List.of("/"), Set.of());
        long version = jdbc.sql("SELECT version FROM address WHERE id = ?").param(address).query(Long.class).single();
        return () -> misplacedAddresses.moveInGrid(new org.fengqiao.jurisdiction.GridId(fx.gridId(a)),
                List.of(new MisplacedAddresses.Pick(address, version)), manager);
    }

    static Map<String, Object> rentalBody(String where, UUID id) {
        return Map.of(where, id, "landlordName", "王房东", "landlordPhone", "13900001111", "purpose", "RESIDENCE",
                "contractFrom", java.time.LocalDate.now().minusMonths(1).toString());
    }

    /**
     * What is registered (into {@code table}, by a POST to {@code path} with {@code body} of where and which) at an
     * address filed in A and lying in B, and then in a room of its building, while the chief's move of the address
     * (with its building and rooms) to B is written, not yet committed: filed in B, nothing left behind in A.
     */
    void registeredWhileTheAddressMovesIsFiledInTheGridItIsNowIn(String table, String path,
            BiFunction<String, UUID, Map<String, Object>> body) {
        UUID moving = address(a, 119.515, lat + 0.005);
        UUID building = fx.building("chief", a, 1, 1, 2);
        jdbc.sql("UPDATE building SET address_id = ? WHERE id = ?").params(moving, building).update();
        UUID room = jdbc.sql("SELECT id FROM room WHERE building_id = ? ORDER BY number LIMIT 1").param(building)
                .query(UUID.class).single();
        Race race = new Race(jdbc, transactions);

        HousingFixtures.Answer atAddress = race.run(moveOf(moving),
                () -> fx.call("chief", "POST", path, body.apply("addressId", moving)));
        assertThat(atAddress.status()).as(String.valueOf(atAddress.body())).isEqualTo(201);
        assertThat(atAddress.body().get("gridCode").asText()).isEqualTo(b);
        assertThat(gridOf(table, UUID.fromString(atAddress.body().get("id").asText()))).isEqualTo(b);

        // filed back in A by hand, to be moved again while something is registered in a room of its building
        jdbc.sql("UPDATE address SET grid_id = ? WHERE id = ?").params(fx.gridId(a), moving).update();
        jdbc.sql("UPDATE building SET grid_id = ? WHERE id = ?").params(fx.gridId(a), building).update();
        HousingFixtures.Answer inRoom = race.run(moveOf(moving),
                () -> fx.call("chief", "POST", path, body.apply("roomId", room)));
        assertThat(inRoom.status()).as(String.valueOf(inRoom.body())).isEqualTo(201);
        assertThat(gridOf(table, UUID.fromString(inRoom.body().get("id").asText()))).isEqualTo(b);
        assertThat(gridOf("building", building)).isEqualTo(b);
        assertThat(jdbc.sql("SELECT count(*) FROM " + table + " r JOIN grid g ON g.id = r.grid_id WHERE g.code = ?")
                .param(a).query(Long.class).single()).as("nothing left behind in A").isZero();
    }

    /**
     * As {@link #registeredWhileTheAddressMovesIsFiledInTheGridItIsNowIn}, by A's officer, who does not see B: refused
     * (409) with {@code expected} in his language, and nothing saved.
     */
    void registeredWhileTheAddressMovesAwayIsRefused(String table, String path,
            BiFunction<String, UUID, Map<String, Object>> body, Map<String, String> expected) {
        Officer officerA = officerOf(a);
        for (String language : List.of("zh-CN", "en")) {
            UUID moving = address(a, 119.515, lat + 0.005);
            HttpResponse<String> answer = new Race(jdbc, transactions).run(moveOf(moving),
                    () -> officerA.api().send("POST", path, officerA.token(), body.apply("addressId", moving),
                            "Accept-Language", language));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
            assertThat(ApiClient.json(answer).get("detail").asText()).isEqualTo(expected.get(language));
            assertThat(gridOf("address", moving)).isEqualTo(b);
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE address_id = ?").param(moving)
                    .query(Long.class).single()).isZero();
        }
    }

    @Test
    void aRentalRegisteredWhileItsAddressMovesToTheNeighbourGridIsFiledInTheGridTheAddressIsNowIn() {
        registeredWhileTheAddressMovesIsFiledInTheGridItIsNowIn("rental", "/api/v1/rentals",
                MisplacedAddressIntegrationTests::rentalBody);
    }

    @Test
    void aRentalRegisteredWhileItsAddressMovesOutOfTheOfficersGridIsRefusedInHisLanguageAndNothingIsSaved() {
        registeredWhileTheAddressMovesAwayIsRefused("rental", "/api/v1/rentals",
                MisplacedAddressIntegrationTests::rentalBody, Map.of(
                        "zh-CN", "该房屋的地址刚被他人迁入您辖区以外的网格，本次未保存。",
                        "en", "Someone else moved the address of this place meanwhile into a grid outside your"
                                + " jurisdiction, so nothing was saved."));
    }

    static Map<String, Object> buildingBody(String grid, UUID address) {
        return Map.of("gridId", grid, "name", "迁址楼" + UUID.randomUUID().toString().substring(0, 6), "floors", 2,
                "units", 1, "roomsPerFloor", 2, "addressId", address);
    }

    /**
     * A building registered at an address of A while the chief's move of the address to B is written, not yet
     * committed: it waits for the move and is filed with its rooms in B, where the address went, not left in A at an
     * address of B (which A's floor plans list and B's officer does not see); registered by A's officer, who does not
     * see B, it is refused (409) in his language, nothing saved.
     */
    @Test
    void aBuildingRegisteredWhileItsAddressMovesIsFiledInTheGridTheAddressIsNowInOrRefusedOutsideTheOfficersGrids() {
        UUID moving = address(a, 119.515, lat + 0.005);
        HousingFixtures.Answer built = new Race(jdbc, transactions).run(moveOf(moving),
                () -> fx.call("chief", "POST", "/api/v1/buildings", buildingBody(fx.gridId(a).toString(), moving)));
        assertThat(built.status()).as(String.valueOf(built.body())).isEqualTo(201);
        UUID building = UUID.fromString(built.body().get("id").asText());
        assertThat(gridOf("building", building)).as("filed with its address").isEqualTo(b);
        assertThat(jdbc.sql("SELECT count(*) FROM room WHERE building_id = ?").param(building).query(Long.class)
                .single()).isEqualTo(4);

        Officer officerA = officerOf(a);
        for (String language : List.of("zh-CN", "en")) {
            UUID away = address(a, 119.515, lat + 0.005);
            HttpResponse<String> answer = new Race(jdbc, transactions).run(moveOf(away),
                    () -> officerA.api().send("POST", "/api/v1/buildings", officerA.token(),
                            buildingBody(fx.gridId(a).toString(), away), "Accept-Language", language));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
            assertThat(ApiClient.json(answer).get("detail").asText()).isEqualTo(language.equals("en")
                    ? "Someone else moved the address of this building meanwhile into a grid outside your jurisdiction,"
                            + " so nothing was saved."
                    : "该楼栋的地址刚被他人迁入您辖区以外的网格，本次未保存。");
            assertThat(jdbc.sql("SELECT count(*) FROM building WHERE address_id = ?").param(away).query(Long.class)
                    .single()).isZero();
        }
    }

    /**
     * A building of A given a new standard address of A while the chief's move of that address to B is written, not
     * yet committed: the change waits for the move (address first, as its registration does) and is refused as an
     * address of another grid, in the officer's language, nothing changed; read before the move, the building stayed
     * in A at an address of B, which B's officer reads and A's floor plans list.
     */
    @Test
    void aBuildingsAddressChangedWhileThatAddressMovesWaitsForTheMoveAndIsRefusedNothingChanged() {
        UUID building = fx.building("chief", a, 2, 1, 2);
        for (String language : List.of("zh-CN", "en")) {
            UUID moving = address(a, 119.515, lat + 0.005);
            long version = jdbc.sql("SELECT version FROM building WHERE id = ?").param(building).query(Long.class)
                    .single();
            Map<String, Object> change = new HashMap<>(Map.of("name", "改址楼" + UUID.randomUUID().toString()
                    .substring(0, 6), "addressId", moving, "floors", 2, "units", 1, "roomsPerFloor", 2, "version",
                    version));
            HousingFixtures.Answer answer = new Race(jdbc, transactions).run(moveOf(moving),
                    () -> fx.call("chief", "PUT", "/api/v1/buildings/" + building, change, "Accept-Language",
                            language));
            assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(400);
            assertThat(answer.body().toString()).contains(language.equals("en")
                    ? "the address is not in this grid" : "地址不属于该网格");
            assertThat(gridOf("address", moving)).isEqualTo(b);
            assertThat(gridOf("building", building)).isEqualTo(a);
            assertThat(jdbc.sql("SELECT address_id IS NULL AND version = ? FROM building WHERE id = ?")
                    .params(version, building).query(Boolean.class).single()).as("nothing changed").isTrue();
        }
    }

    Map<String, Object> householdBody(String where, UUID id) {
        return Map.of("gridId", fx.gridId(a), where, id, "trusted", false, "inDifficulty", false);
    }

    @Test
    void aHouseholdRegisteredWhileItsAddressMovesToTheNeighbourGridIsFiledInTheGridTheAddressIsNowIn() {
        registeredWhileTheAddressMovesIsFiledInTheGridItIsNowIn("household", "/api/v1/households",
                this::householdBody);
    }

    @Test
    void aHouseholdRegisteredWhileItsAddressMovesOutOfTheOfficersGridIsRefusedInHisLanguageAndNothingIsSaved() {
        registeredWhileTheAddressMovesAwayIsRefused("household", "/api/v1/households", this::householdBody, Map.of(
                "zh-CN", "该住户的地址刚被他人迁入您辖区以外的网格，本次未保存。",
                "en", "Someone else moved the address of this household meanwhile into a grid outside your"
                        + " jurisdiction, so nothing was saved."));
    }
}
