package org.fengqiao.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The records a reorganisation of the tree is tested with, each test building its own so that moving or retiring it
 * disturbs nobody else's: a village under a unit, a grid of it somewhere far from the demo district (no locate of
 * another test finds it), a person living there and an open incident in it. The tests of unit moves, community moves,
 * staff transfers and grid retirement share them, as the records they need are the same.
 */
public final class TreeFixtures {

    private static final Random RANDOM = new Random();

    private final Jurisdictions jurisdictions;
    private final JdbcClient jdbc;

    public TreeFixtures(Jurisdictions jurisdictions, JdbcClient jdbc) {
        this.jurisdictions = jurisdictions;
        this.jdbc = jdbc;
    }

    /** A six-digit number to keep each test's codes and names apart. */
    public static String unique() {
        return String.valueOf(100000 + RANDOM.nextInt(899999));
    }

    /** A closed square polygon as GeoJSON, {@code size} degrees a side from its south-west corner. */
    public static String square(double lon, double lat, double size) {
        return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    public Unit unit(String code) {
        return jurisdictions.unitByCode(code).orElseThrow();
    }

    /** A village answered for by the unit, its code starting with {@code prefix}, named with {@code name}. */
    public Community village(Unit unit, String prefix, String name) {
        String n = unique();
        return jurisdictions.createCommunity(unit.id(), CommunityKind.VILLAGE, prefix + n, name + n, null, null, null);
    }

    /** A police grid of the village at its unit (or at {@code at}), a small square far from the demo district. */
    public Grid grid(Community village, UnitId at, String prefix, String name) {
        String n = unique();
        double lon = 90 + RANDOM.nextInt(900) / 100.0;
        double lat = 20 + RANDOM.nextInt(900) / 100.0;
        return jurisdictions.createGrid(village.id(), at, GridNetwork.POLICE, prefix + n, name + n,
                square(lon, lat, 0.004), null, null, null);
    }

    /**
     * A longitude south of the demo district (118.000–118.300) for a test whose grids must lie near the district's
     * (locate, import, redraw, and the boundary check against the village's other grids); each such test keeps a
     * latitude band of its own, so that no two tests' grids overlap.
     */
    public static double lonSouthOfTheDistrict() {
        return 118.00 + RANDOM.nextInt(300) / 1000.0;
    }

    /** A police grid of the village at the village's unit: a square of 0.004° with its south-west corner at the spot. */
    public Grid gridAt(Community village, String code, String name, double lon, double lat) {
        return jurisdictions.createGrid(village.id(), GridNetwork.POLICE, code, name, square(lon, lat, 0.004), null,
                null, null);
    }

    /** A permanent resident heading a household of his own in the grid. */
    public UUID person(Grid grid, String name) {
        UUID household = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, number, trusted) VALUES (?, ?, ?, false)")
                .params(household, grid.id().value(), "H-" + unique()).update();
        UUID person = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, relation, residence,
                                    content_hash)
                VALUES (?, ?, ?, ?, 'x', 'x', 'HEAD', 'PERMANENT', 'fixture')""")
                .params(person, grid.id().value(), household, name).update();
        return person;
    }

    /** An open help request in the grid, in {@code status}, owned by the unit and a person. */
    public UUID openIncident(Grid grid, Unit owner, UUID ownerStaff, String status) {
        UUID incident = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO incident (id, tracking_code, source, category, description, occurred_at, grid_id, status,
                    owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at, submitter)
                VALUES (?, ?, 'FIELD', 'HELP', '测试事项', ?, ?, ?, ?, ?, ?, 'HELP_OR_DISPUTE', 'r', ?, 'test')""")
                .params(incident, "TF" + UUID.randomUUID().toString().substring(0, 8), now, grid.id().value(), status,
                        owner.id().value(), ownerStaff, now, now)
                .update();
        return incident;
    }

    /** The id of a demo sign-in's staff record. */
    public UUID staffId(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }
}
