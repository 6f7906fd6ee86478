package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Addresses, buildings with their rooms, households and person categories written many at a
 * time: one JDBC batch per call instead of a round trip per row, for bulk loads such as the demo
 * district. Ids are made here and returned in the order of the rows given. No scope check and no
 * audit: the callers are system jobs, which answer for what they load.
 */
@Repository
public class PopulationBatches {

    private final JdbcTemplate jdbc;

    public PopulationBatches(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public record AddressRow(UUID gridId, String countyCode, String townshipCode, String province, String city,
            String county, String township, String community, String villageGroup, String street, String doorNumber,
            String compound, String building, String unitNo, String floor, String room, String fullText) {
    }

    public record HouseholdRow(UUID gridId, UUID addressId, UUID roomId, String number, boolean trusted,
            boolean inDifficulty) {
    }

    public record RoomRow(UUID id, int unitNo, int floor, String number) {
    }

    public record RoomUseRow(UUID roomId, UUID addressId, boolean vacant, boolean rental) {
    }

    public record CategoryRow(UUID personId, String category, String subtype, String risk, java.time.LocalDate since) {
    }

    public List<UUID> addresses(List<AddressRow> rows) {
        List<UUID> ids = new ArrayList<>(rows.size());
        List<Object[]> args = new ArrayList<>(rows.size());
        for (AddressRow r : rows) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            args.add(new Object[] {id, r.gridId(), r.countyCode(), r.townshipCode(), r.province(), r.city(), r.county(),
                r.township(), r.community(), r.villageGroup(), r.street(), r.doorNumber(), r.compound(), r.building(),
                r.unitNo(), r.floor(), r.room(), r.fullText()});
        }
        jdbc.batchUpdate("""
                INSERT INTO address (id, grid_id, county_code, township_code, province, city, county, township,
                    community, village_group, street, door_number, compound, building, unit_no, floor, room, full_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", args);
        return ids;
    }

    /** A building and all its rooms, numbered floor * 100 + position on the floor (301, 302, ...). */
    public UUID building(UUID gridId, UUID addressId, String name, int floors, int units, int roomsPerFloor,
            List<RoomRow> roomsOut) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO building (id, grid_id, address_id, name, floors, units, rooms_per_floor)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", id, gridId, addressId, name, floors, units, roomsPerFloor);
        List<Object[]> args = new ArrayList<>(floors * units * roomsPerFloor);
        for (int unit = 1; unit <= units; unit++) {
            for (int floor = 1; floor <= floors; floor++) {
                for (int i = 1; i <= roomsPerFloor; i++) {
                    UUID room = UUID.randomUUID();
                    String number = String.valueOf(floor * 100 + i);
                    roomsOut.add(new RoomRow(room, unit, floor, number));
                    args.add(new Object[] {room, id, unit, floor, number});
                }
            }
        }
        jdbc.batchUpdate("INSERT INTO room (id, building_id, unit_no, floor, number) VALUES (?, ?, ?, ?, ?)", args);
        return id;
    }

    public void useRooms(List<RoomUseRow> rows) {
        jdbc.batchUpdate("UPDATE room SET address_id = ?, vacant = ?, rental = ? WHERE id = ?",
                rows.stream().map(r -> new Object[] {r.addressId(), r.vacant(), r.rental(), r.roomId()}).toList());
    }

    public List<UUID> households(List<HouseholdRow> rows) {
        List<UUID> ids = new ArrayList<>(rows.size());
        List<Object[]> args = new ArrayList<>(rows.size());
        for (HouseholdRow r : rows) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            args.add(new Object[] {id, r.gridId(), r.addressId(), r.roomId(), r.number(), r.trusted(), r.inDifficulty()});
        }
        jdbc.batchUpdate("""
                INSERT INTO household (id, grid_id, address_id, room_id, number, trusted, in_difficulty)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", args);
        return ids;
    }

    public void categories(List<CategoryRow> rows) {
        jdbc.batchUpdate("""
                INSERT INTO person_category (person_id, category, subtype, risk, since) VALUES (?, ?, ?, ?, ?)""",
                rows.stream().map(r -> new Object[] {r.personId(), r.category(), r.subtype(), r.risk(),
                    r.since() == null ? null : java.sql.Date.valueOf(r.since())}).toList());
    }
}
