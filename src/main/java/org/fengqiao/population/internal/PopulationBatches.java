package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.sql.PreparedStatement;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.IdentityNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Addresses, buildings with their rooms, households, persons and person categories written many
 * at a time: one JDBC batch (persons: one statement) per call instead of a round trip per row, for
 * bulk loads such as the demo district. Ids are made here and returned in the order of the rows given. No scope check and no
 * audit: the callers are system jobs, which answer for what they load.
 */
@Repository
public class PopulationBatches {

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;

    public PopulationBatches(DataSource dataSource, PersonalDataCipher cipher) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.cipher = cipher;
    }

    private static final String[] PERSON_COLUMNS = {"id uuid", "grid_id uuid", "household_id uuid", "name text",
        "name_initials text", "name_pinyin text", "id_cipher bytea", "id_index text",
        "id_last6 text", "id_masked text", "phone_cipher bytea", "phone_index text",
        "phone_masked text", "sex text", "birth_date date", "ethnicity text", "relation text", "residence text",
        "registered_on date", "left_on date", "occupation text", "workplace text", "note text", "content_hash text"};
    private static final String PERSON_INSERT = "INSERT INTO person ("
            + java.util.Arrays.stream(PERSON_COLUMNS).map(c -> c.split(" ")[0]).collect(Collectors.joining(", "))
            + ") SELECT "
            + java.util.Arrays.stream(PERSON_COLUMNS).map(c -> c.split(" ")[0]).collect(Collectors.joining(", "))
            + " FROM unnest("
            + java.util.Arrays.stream(PERSON_COLUMNS).map(c -> "?::" + c.split(" ")[1] + "[]").collect(Collectors.joining(", "))
            + ") AS t("
            + java.util.Arrays.stream(PERSON_COLUMNS).map(c -> c.split(" ")[0]).collect(Collectors.joining(", "))
            + ")";

    /**
     * Many new persons in one statement: the rows go in as one array per column and the server
     * unnests them, which saves the protocol round of a statement per row that dominates a JDBC
     * batch of this many columns. The stored form is that of {@link Persons#insert}: the same
     * derived name columns, encryption, blind indexes, masks and content hash.
     */
    public List<UUID> persons(List<Persons.Fields> batch) {
        int n = batch.size();
        Object[][] columns = new Object[PERSON_COLUMNS.length][];
        columns[0] = new UUID[n];
        columns[1] = new UUID[n];
        columns[2] = new UUID[n];
        for (int c = 3; c < columns.length; c++) {
            String type = PERSON_COLUMNS[c].split(" ")[1];
            columns[c] = switch (type) {
                case "bytea" -> new byte[n][];
                case "date" -> new java.sql.Date[n];
                default -> new String[n];
            };
        }
        List<UUID> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Persons.Fields f = batch.get(i);
            UUID id = UUID.randomUUID();
            ids.add(id);
            IdentityNumber number = f.idNumber();
            String phone = f.phone();
            Object[] row = {id, f.gridId(), f.householdId(), f.name(),
                ChineseNames.initials(f.name()),
                ChineseNames.fullPinyin(f.name()),
                number == null ? null : cipher.encrypt(number.value()),
                number == null ? null : cipher.blindIndex("id", number.value()),
                number == null ? null : cipher.blindIndex("id-last6", number.last6()),
                number == null ? null : number.masked(),
                phone == null ? null : cipher.encrypt(phone),
                phone == null ? null : cipher.blindIndex("phone", phone),
                phone == null ? null : PhoneNumbers.masked(phone),
                f.sex(), date(f.birthDate()), f.ethnicity(), f.relation() == null ? null : f.relation().name(),
                f.residence().name(), date(f.registeredOn()), date(f.leftOn()), f.occupation(), f.workplace(), f.note(),
                Persons.contentHash(f)};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        jdbc.execute((java.sql.Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(PERSON_INSERT)) {
                for (int c = 0; c < columns.length; c++) {
                    statement.setArray(c + 1, connection.createArrayOf(PERSON_COLUMNS[c].split(" ")[1], columns[c]));
                }
                statement.executeUpdate();
            }
            return null;
        });
        return ids;
    }

    private static java.sql.Date date(java.time.LocalDate day) {
        return day == null ? null : java.sql.Date.valueOf(day);
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
