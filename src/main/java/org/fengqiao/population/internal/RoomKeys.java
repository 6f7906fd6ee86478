package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rooms the addresses of many households name ({@link RoomAddress}), looked up in one query whatever their
 * number: each household with every reading of its address that names a registered building. A household is given
 * a room only when exactly one room fits all its readings: an address that may be two rooms places nobody.
 */
final class RoomKeys {

    /** A room found, with its building. */
    record Found(UUID room, UUID building) {
    }

    private final List<UUID> households = new ArrayList<>();
    private final List<UUID> buildings = new ArrayList<>();
    private final List<Integer> units = new ArrayList<>();
    private final List<Integer> floors = new ArrayList<>();
    private final List<String> numbers = new ArrayList<>();

    /**
     * One reading of a household's address, naming a room of {@code building} (which has {@code buildingUnits}
     * units): without a unit it is the only unit's room, and names none in a building of several units.
     */
    void add(UUID household, UUID building, int buildingUnits, RoomAddress.Named room) {
        Integer unit = room.unit() != null ? room.unit() : buildingUnits == 1 ? Integer.valueOf(1) : null;
        if (unit != null) {
            households.add(household);
            buildings.add(building);
            units.add(unit);
            floors.add(room.floor());
            numbers.add(room.number());
        }
    }

    boolean isEmpty() {
        return households.isEmpty();
    }

    /** The one room each household's address names, for the households whose readings fit exactly one room. */
    Map<UUID, Found> onlyRooms(JdbcClient jdbc) {
        Map<UUID, Found> only = new HashMap<>();
        rooms(jdbc).forEach((household, rooms) -> {
            if (rooms.size() == 1) {
                only.put(household, rooms.iterator().next());
            }
        });
        return only;
    }

    /** Every room each household's readings fit (none for a household none fits). */
    Map<UUID, Set<Found>> rooms(JdbcClient jdbc) {
        Map<UUID, Set<Found>> found = new HashMap<>();
        jdbc.sql("""
                SELECT k.household, r.id, r.building_id
                FROM unnest(?::uuid[], ?::uuid[], ?::int[], ?::int[], ?::text[])
                    AS k(household, building, unit, floor, number)
                JOIN room r ON r.building_id = k.building AND r.unit_no = k.unit AND r.number = k.number
                           AND (k.floor IS NULL OR r.floor = k.floor)""")
                .params(households.toArray(UUID[]::new), buildings.toArray(UUID[]::new),
                        units.toArray(Integer[]::new), floors.toArray(Integer[]::new), numbers.toArray(String[]::new))
                .query((rs, n) -> found.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashSet<>())
                        .add(new Found(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class))))
                .list();
        return found;
    }
}
