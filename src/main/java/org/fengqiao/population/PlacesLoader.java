package org.fengqiao.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.internal.LicenceNumbers;
import org.fengqiao.population.internal.PhoneNumbers;
import org.fengqiao.population.internal.StandardAddress;
import org.fengqiao.population.internal.StoredPhone;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk loading of rentals with their tenants and of organisations with their staff and fire-safety
 * inspections, for system jobs (the demo district), each list in one statement or JDBC batch. The
 * rows get the stored form of the registers (address text composed in the standard order, licence
 * check character verified, phones encrypted with blind index and mask) but no scope check and no
 * audit entry, like {@link PopulationLoader}: the caller is a start-up job acting for nobody.
 */
@Service
@Transactional
public class PlacesLoader {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final PersonalDataCipher cipher;

    PlacesLoader(JdbcClient jdbc, DataSource dataSource, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.template = new JdbcTemplate(dataSource);
        this.cipher = cipher;
    }

    /** A police grid by its code. */
    public record GridRef(GridId id, String code) {
    }

    /** A member of the household living in a room marked let on the floor plan. */
    public record Occupant(PersonId person, Residence residence, LocalDate registeredOn) {
    }

    /** A room marked let (rental) that has no rental record yet, with its address and who lives there. */
    public record LetRoom(RoomId room, AddressId address, GridRef grid, List<Occupant> occupants) {
    }

    /** A permanent adult resident, in household-number order: a candidate landlord, owner or member of staff. */
    public record Resident(PersonId person, GridId grid, String name) {
    }

    public record NewTenant(PersonId person, LocalDate from) {
    }

    /** A rental on a room; the landlord is a person or a name with a phone. */
    public record NewRental(GridId grid, RoomId room, AddressId address, PersonId landlord, String landlordName,
            String landlordPhone, RentalPurpose purpose, LocalDate contractFrom, LocalDate contractTo,
            LocalDate policeRegisteredOn, List<NewTenant> tenants) {
        public NewRental {
            Objects.requireNonNull(grid, "grid");
            Objects.requireNonNull(purpose, "purpose");
            if ((landlord == null) == (landlordName == null)) {
                throw new IllegalArgumentException("a landlord is a person or a name");
            }
        }
    }

    /**
     * The parts of an organisation's address with the names of its divisions. The text is composed as
     * the address register composes it; codes and names are taken as given (the demo's test checks
     * them against the division tables), which spares a start-up the loading of those tables.
     */
    public record NewAddress(String countyCode, String townshipCode, String province, String city, String county,
            String township, String community, String villageGroup, String street, String doorNumber,
            String compound) {
    }

    public record NewStaff(PersonId person, OrganisationRole role, LocalDate from) {
    }

    public record NewInspection(LocalDate inspectedOn, String inspector, String findings, String hazards,
            LocalDate rectifyBy, LocalDate rectifiedOn) {
    }

    public record NewOrganisation(GridId grid, NewAddress address, String name, OrganisationKind kind,
            SmallPlace smallPlace, String business, String licenceNo, String phone, PersonId owner,
            List<NewStaff> staff, List<NewInspection> inspections) {
        public NewOrganisation {
            Objects.requireNonNull(grid, "grid");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Whether any rental or organisation stands in a grid whose code starts with one of the prefixes. */
    public boolean anyIn(List<String> codePrefixes) {
        String[] patterns = codePrefixes.stream().map(p -> p + "%").toArray(String[]::new);
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM rental r JOIN grid g ON g.id = r.grid_id WHERE g.code LIKE ANY(:p))
                    OR EXISTS (SELECT 1 FROM organisation o JOIN grid g ON g.id = o.grid_id WHERE g.code LIKE ANY(:p))""")
                .param("p", patterns).query(Boolean.class).single();
    }

    /** The police grids whose code starts with the prefix, in code order. */
    public List<GridRef> grids(String codePrefix) {
        return jdbc.sql("SELECT id, code FROM grid WHERE network = 'POLICE' AND code LIKE ? ORDER BY code")
                .param(codePrefix + "%")
                .query((rs, n) -> new GridRef(new GridId(rs.getObject(1, UUID.class)), rs.getString(2))).list();
    }

    /** The rooms marked let in the grids of the prefix that have no rental yet, in building and room order. */
    public List<LetRoom> letRooms(String codePrefix) {
        Map<UUID, LetRoom> rooms = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT rm.id AS room_id, rm.address_id, g.id AS grid_id, g.code, p.id AS person_id, p.residence,
                       p.registered_on
                FROM room rm JOIN building b ON b.id = rm.building_id JOIN grid g ON g.id = b.grid_id
                JOIN household h ON h.room_id = rm.id JOIN person p ON p.household_id = h.id
                WHERE rm.rental AND g.code LIKE ? AND NOT EXISTS (SELECT 1 FROM rental r WHERE r.room_id = rm.id)
                ORDER BY g.code, b.name, rm.unit_no, rm.number, h.number, (p.relation = 'HEAD') DESC, p.birth_date, p.name""")
                .param(codePrefix + "%").query((java.sql.ResultSet rs) -> {
                    UUID room = rs.getObject("room_id", UUID.class);
                    UUID address = rs.getObject("address_id", UUID.class);
                    LetRoom let = rooms.computeIfAbsent(room, k -> {
                        try {
                            return new LetRoom(new RoomId(k), address == null ? null : new AddressId(address),
                                    new GridRef(new GridId(rs.getObject("grid_id", UUID.class)), rs.getString("code")),
                                    new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    let.occupants().add(new Occupant(new PersonId(rs.getObject("person_id", UUID.class)),
                            Residence.valueOf(rs.getString("residence")), rs.getObject("registered_on", LocalDate.class)));
                });
        return List.copyOf(rooms.values());
    }

    /**
     * Permanent residents of the grids given (all grids of the prefix when none are given) born
     * between the two days: heads, spouses and children of their households and no key persons, in
     * household-number order.
     */
    public List<Resident> residents(String codePrefix, List<GridId> grids, LocalDate bornFrom, LocalDate bornTo) {
        UUID[] ids = grids == null ? null : grids.stream().map(GridId::value).toArray(UUID[]::new);
        return jdbc.sql("""
                SELECT p.id, p.grid_id, p.name FROM person p JOIN household h ON h.id = p.household_id
                JOIN grid g ON g.id = p.grid_id
                WHERE g.code LIKE :prefix AND (CAST(:grids AS uuid[]) IS NULL OR p.grid_id = ANY(CAST(:grids AS uuid[])))
                  AND p.residence = 'PERMANENT' AND p.relation IN ('HEAD', 'SPOUSE', 'CHILD')
                  AND p.birth_date BETWEEN :from AND :to
                  AND NOT EXISTS (SELECT 1 FROM person_category c WHERE c.person_id = p.id AND c.category = 'KEY_PERSON')
                ORDER BY h.number, p.relation, p.birth_date, p.name""")
                .param("prefix", codePrefix + "%").param("grids", ids).param("from", bornFrom).param("to", bornTo)
                .query((rs, n) -> new Resident(new PersonId(rs.getObject(1, UUID.class)),
                        new GridId(rs.getObject(2, UUID.class)), rs.getString(3))).list();
    }

    public void rentals(List<NewRental> rentals) {
        List<Object[]> rows = new ArrayList<>(rentals.size());
        List<Object[]> tenants = new ArrayList<>();
        for (NewRental r : rentals) {
            UUID id = UUID.randomUUID();
            String phone = r.landlordPhone() == null ? null : PhoneNumbers.normalised(r.landlordPhone());
            if (r.landlordPhone() != null && phone == null) {
                throw Invalid.of("landlordPhone", "population.phone.invalid");
            }
            StoredPhone stored = StoredPhone.of(cipher, phone);
            rows.add(new Object[] {id, r.grid().value(), r.room() == null ? null : r.room().value(),
                r.address() == null ? null : r.address().value(), r.landlord() == null ? null : r.landlord().value(),
                r.landlordName(), stored.cipher(), stored.index(), stored.masked(),
                r.purpose().name(), r.contractFrom(), r.contractTo(), r.policeRegisteredOn()});
            for (NewTenant t : r.tenants()) {
                tenants.add(new Object[] {UUID.randomUUID(), id, t.person().value(), t.from()});
            }
        }
        insertColumns("""
                INSERT INTO rental (id, grid_id, room_id, address_id, landlord_person_id, landlord_name,
                    landlord_phone_cipher, landlord_phone_index, landlord_phone_masked, purpose, contract_from, contract_to,
                    police_registered_on)
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::bytea[],
                    ?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::date[])""",
                new String[] {"uuid", "uuid", "uuid", "uuid", "uuid", "text", "bytea", "text", "text", "text", "date",
                    "date", "date"}, rows);
        insertColumns("""
                INSERT INTO rental_tenant (id, rental_id, person_id, from_on)
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::date[])""",
                new String[] {"uuid", "uuid", "uuid", "date"}, tenants);
        // the rooms' hand marks give way to the rentals, whose contract dates carry the floor plan's mark
        UUID[] rooms = rentals.stream().filter(r -> r.room() != null).map(r -> r.room().value()).toArray(UUID[]::new);
        if (rooms.length > 0) {
            jdbc.sql("UPDATE room SET rental = false WHERE rental AND id = ANY(CAST(? AS uuid[]))").param(rooms).update();
        }
    }

    /** Many rows in one statement: one array per column, unnested by the server. */
    private void insertColumns(String sql, String[] types, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        template.execute((java.sql.Connection connection) -> {
            try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int c = 0; c < types.length; c++) {
                    Object[] column = switch (types[c]) {
                        case "uuid" -> new UUID[rows.size()];
                        case "bytea" -> new byte[rows.size()][];
                        case "date" -> new java.sql.Date[rows.size()];
                        default -> new String[rows.size()];
                    };
                    for (int r = 0; r < rows.size(); r++) {
                        Object value = rows.get(r)[c];
                        column[r] = value instanceof LocalDate day ? java.sql.Date.valueOf(day) : value;
                    }
                    statement.setArray(c + 1, connection.createArrayOf(types[c], column));
                }
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** The organisations with their addresses (found again by their text, or added), staff and inspections. */
    public void organisations(List<NewOrganisation> organisations) {
        List<Object[]> orgs = new ArrayList<>();
        List<Object[]> staff = new ArrayList<>();
        List<Object[]> inspections = new ArrayList<>();
        for (NewOrganisation o : organisations) {
            UUID id = UUID.randomUUID();
            UUID address = o.address() == null ? null : address(o.grid(), o.address());
            String licence = o.licenceNo() == null ? null : LicenceNumbers.normalised(o.licenceNo());
            if (o.licenceNo() != null && licence == null) {
                throw Invalid.of("licenceNo", "places.organisation.licence.invalid");
            }
            String phone = o.phone() == null ? null : PhoneNumbers.normalised(o.phone());
            if (o.phone() != null && phone == null) {
                throw Invalid.of("phone", "population.phone.invalid");
            }
            StoredPhone stored = StoredPhone.of(cipher, phone);
            orgs.add(new Object[] {id, o.grid().value(), address, o.name(), o.kind().name(),
                o.smallPlace() == null ? null : o.smallPlace().name(), o.business(), licence,
                stored.cipher(), stored.index(), stored.masked(), o.owner() == null ? null : o.owner().value()});
            for (NewStaff s : o.staff()) {
                staff.add(new Object[] {UUID.randomUUID(), id, s.person().value(), s.role().name(), s.from()});
            }
            for (NewInspection i : o.inspections()) {
                inspections.add(new Object[] {UUID.randomUUID(), id, i.inspectedOn(), i.inspector(), i.findings(),
                    i.hazards(), i.rectifyBy(), i.rectifiedOn()});
            }
        }
        template.batchUpdate("""
                INSERT INTO organisation (id, grid_id, address_id, name, kind, small_place, business, licence_no,
                    phone_cipher, phone_index, phone_masked, owner_person_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", orgs);
        template.batchUpdate("""
                INSERT INTO organisation_staff (id, organisation_id, person_id, role, from_on) VALUES (?, ?, ?, ?, ?)""",
                staff);
        template.batchUpdate("""
                INSERT INTO fire_inspection (id, organisation_id, inspected_on, inspector, findings, hazards, rectify_by,
                    rectified_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", inspections);
    }

    private UUID address(GridId grid, NewAddress a) {
        StandardAddress.Parts p = new StandardAddress.Parts(a.countyCode(), a.townshipCode(), a.province(), a.city(),
                a.county(), a.township(), a.community(), a.villageGroup(), a.street(), a.doorNumber(), a.compound(),
                null, null, null, null);
        String text = StandardAddress.compose(p);
        jdbc.sql("""
                INSERT INTO address (id, grid_id, county_code, township_code, province, city, county, township, community,
                    village_group, street, door_number, compound, full_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (full_text) DO NOTHING""")
                .params(UUID.randomUUID(), grid.value(), p.countyCode(), p.townshipCode(), p.province(), p.city(),
                        p.county(), p.township(), p.community(), p.villageGroup(), p.street(), p.doorNumber(),
                        p.compound(), text)
                .update();
        return jdbc.sql("SELECT id FROM address WHERE full_text = ?").param(text).query(UUID.class).single();
    }

    /** A valid unified social credit code from its first 17 characters, for generated records. */
    public static String creditCode(String first17) {
        return first17 + LicenceNumbers.checkCharacter(first17);
    }
}
