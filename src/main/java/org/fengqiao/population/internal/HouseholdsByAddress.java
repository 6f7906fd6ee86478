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

    /**
     * Places the grid's unplaced households whose address names a room of the building; 404 (NotFound) for a building
     * outside the caller's subtree. The building is locked first: a change of its dimensions removing rooms waits.
     */
    @Transactional
    public Placed place(UUID buildingId, Caller caller) {
        Buildings.Building building = buildings.findVisible(buildingId, caller)
                .orElseThrow(() -> new NotFound("building", buildingId));
        buildings.lockVersion(buildingId);
        Map<String, GridBuilding> ofGrid = new HashMap<>();
        jdbc.sql("SELECT b.id, b.name, b.units, a.compound FROM building b LEFT JOIN address a ON a.id = b.address_id"
                        + " WHERE b.grid_id = ?").param(building.gridId())
                .query((rs, n) -> ofGrid.put(rs.getString(2), new GridBuilding(rs.getObject(1, UUID.class),
                        rs.getInt(3), rs.getString(4))))
                .list();
        RoomKeys keys = new RoomKeys();
        Set<UUID> naming = new HashSet<>();
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
                                    }
                                });
                    }
                    return household;
                })
                .list();
        List<UUID> households = new ArrayList<>();
        List<UUID> rooms = new ArrayList<>();
        if (!keys.isEmpty()) {
            keys.onlyRooms(jdbc).forEach((household, found) -> {
                if (found.building().equals(buildingId)) {
                    households.add(household);
                    rooms.add(found.room());
                }
            });
        }
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
}
