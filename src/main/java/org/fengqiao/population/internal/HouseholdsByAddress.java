package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places in a building's rooms the households of its grid that have no room yet and whose address names one of them
 * (按地址安置住户, and when the building is registered or rooms are added to it: {@link Housing}): those imported
 * before the import placed households, or before their building was registered. The address is read as the import
 * reads it ({@link RoomAddress}, {@link RoomKeys}), against every building of the grid, so an address that may be a
 * room of another building, or two rooms, places nobody; nor does one that does not write the compound (小区) of a
 * building registered at an address: it may be its namesake in another compound of the grid
 * ({@link RoomAddress#inCompound}). A household already in a room is never moved. Each household placed is
 * audited as its change of room.
 */
@Service
public class HouseholdsByAddress {

    /** How many households were placed, and how many name a room of the building that it does not have. */
    public record Placed(long placed, long roomsNotFound) {
    }

    private record GridBuilding(UUID id, int units, String compound) {
    }

    private final Buildings buildings;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    HouseholdsByAddress(Buildings buildings, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.buildings = buildings;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Why a household whose address names a room of the building was not placed in it. */
    public enum Unplacement {
        /** The address writes no unit (7-301, 7号楼301室) and the building has several: which unit's room is it? */
        UNIT_NOT_WRITTEN,
        /** The building has no room of that unit, floor and number. */
        NO_SUCH_ROOM,
        /** The address fits more than one room (of this building, or of this one and another). */
        SEVERAL_ROOMS
    }

    /**
     * A household of the grid without a room whose address names a room of the building it was not placed in, with
     * the room as its address names it (unit null when it writes none) and why.
     */
    public record Unplaced(UUID householdId, String number, String head, Integer unit, String room,
            Unplacement reason) {
    }

    /** How the grid's unplaced households' addresses read against its buildings, for one building of it. */
    private record Reading(Set<UUID> naming, Map<UUID, RoomAddress.Named> named, Set<UUID> unitNotWritten,
            Map<UUID, Set<RoomKeys.Found>> rooms) {
    }

    /**
     * The grid's households without a room whose address names a room of the building that {@link #place} does not
     * place in it, with why, so that the officer sees whom to place by hand or whose address to mend; oldest first.
     * The caller may see the building (the floor plan).
     */
    @Transactional(readOnly = true)
    public List<Unplaced> unplaced(Buildings.Building building) {
        Reading reading = read(building);
        if (reading.naming().isEmpty()) {
            return List.of();
        }
        Map<UUID, Unplaced> out = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT h.id, h.number, (SELECT min(p.name) FROM person p
                                         WHERE p.household_id = h.id AND p.relation = 'HEAD') AS head
                  FROM household h WHERE h.id = ANY(?::uuid[]) AND h.room_id IS NULL
                 ORDER BY h.created_at, h.id""")
                .param(reading.naming().toArray(UUID[]::new))
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    Set<RoomKeys.Found> fits = reading.rooms().getOrDefault(id, Set.of());
                    Unplacement why = fits.size() > 1 ? Unplacement.SEVERAL_ROOMS
                            : !fits.isEmpty() ? null
                            : reading.unitNotWritten().contains(id) ? Unplacement.UNIT_NOT_WRITTEN
                            : Unplacement.NO_SUCH_ROOM;
                    if (why != null) {
                        RoomAddress.Named room = reading.named().get(id);
                        out.put(id, new Unplaced(id, rs.getString(2), rs.getString(3), room.unit(), room.number(),
                                why));
                    }
                    return id;
                })
                .list();
        return List.copyOf(out.values());
    }

    /**
     * Places the grid's unplaced households whose address names a room of the building; 404 (NotFound) for a building
     * outside the caller's subtree. The building is locked first: a change of its dimensions removing rooms waits.
     */
    @Transactional
    public Placed place(UUID buildingId, Caller caller) {
        Buildings.Building building = buildings.findVisible(buildingId, caller)
                .orElseThrow(() -> new NotFound("building", buildingId));
        buildings.lockVersion(buildingId);
        Reading reading = read(building);
        Set<UUID> naming = reading.naming();
        List<UUID> households = new ArrayList<>();
        List<UUID> rooms = new ArrayList<>();
        reading.rooms().forEach((household, found) -> {
            RoomKeys.Found only = found.size() == 1 ? found.iterator().next() : null;
            if (only != null && only.building().equals(buildingId)) {
                households.add(household);
                rooms.add(only.room());
            }
        });
        long placed = households.isEmpty() ? 0 : jdbc.sql("""
                UPDATE household h SET room_id = k.room, updated_at = now(), version = h.version + 1
                FROM unnest(?::uuid[], ?::uuid[]) AS k(id, room)
                WHERE h.id = k.id AND h.room_id IS NULL
                RETURNING h.id, k.room""")
                .params(households.toArray(UUID[]::new), rooms.toArray(UUID[]::new))
                .query((rs, n) -> {
                    Map<String, Object> before = new LinkedHashMap<>();
                    before.put("roomId", null);
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("roomId", rs.getObject(2, UUID.class));
                    after.put("buildingId", buildingId);
                    events.publishEvent(Audited.updated("household", rs.getObject(1, UUID.class),
                            building.unitPath(), before, after));
                    return 1;
                })
                .list().size();
        return new Placed(placed, naming.size() - households.size());
    }

    /**
     * Reads the address of every household of the building's grid without a room against every building of the grid
     * ({@link RoomAddress}, {@link RoomKeys}): which name a room of this building, by which reading, which write no
     * unit where this building has several, and which rooms each fits.
     */
    private Reading read(Buildings.Building building) {
        UUID buildingId = building.id();
        Map<String, GridBuilding> ofGrid = new HashMap<>();
        jdbc.sql("SELECT b.id, b.name, b.units, a.compound FROM building b LEFT JOIN address a ON a.id = b.address_id"
                        + " WHERE b.grid_id = ?").param(building.gridId())
                .query((rs, n) -> ofGrid.put(rs.getString(2), new GridBuilding(rs.getObject(1, UUID.class),
                        rs.getInt(3), rs.getString(4))))
                .list();
        RoomKeys keys = new RoomKeys();
        Set<UUID> naming = new HashSet<>();
        Map<UUID, RoomAddress.Named> named = new HashMap<>();
        Set<UUID> unitNotWritten = new HashSet<>();
        jdbc.sql("""
                SELECT id, address_text FROM household
                WHERE grid_id = ? AND room_id IS NULL AND address_text IS NOT NULL""")
                .param(building.gridId())
                .query((rs, n) -> {
                    UUID household = rs.getObject(1, UUID.class);
                    for (RoomAddress.Named room : RoomAddress.readings(rs.getString(2))) {
                        RoomAddress.building(room, ofGrid.keySet()).map(ofGrid::get)
                                .filter(b -> RoomAddress.inCompound(room, b.compound()))
                                .ifPresent(b -> {
                                    keys.add(household, b.id(), b.units(), room);
                                    if (b.id().equals(buildingId)) {
                                        naming.add(household);
                                        named.putIfAbsent(household, room);
                                        if (room.unit() == null && b.units() > 1) {
                                            unitNotWritten.add(household);
                                        }
                                    }
                                });
                    }
                    return household;
                })
                .list();
        return new Reading(naming, named, unitNotWritten, keys.isEmpty() ? Map.of() : keys.rooms(jdbc));
    }
}
