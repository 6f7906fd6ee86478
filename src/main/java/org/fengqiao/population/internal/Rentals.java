package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Rental housing (出租房屋): a room or an address let by a landlord to tenants. Scoped through the
 * rental's grid like every record. The landlord is a person of the population records or a name
 * with a phone; either way lists carry only the masked identity number and phone,
 * and a landlord's only when he is a person of the caller's jurisdiction (landlordVisible).
 */
@Repository
public class Rentals {

    private static final String FROM = """
            FROM rental r JOIN grid g ON g.id = r.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN room rm ON rm.id = r.room_id LEFT JOIN building b ON b.id = rm.building_id
            LEFT JOIN address a ON a.id = coalesce(r.address_id, rm.address_id)
            LEFT JOIN person lp ON lp.id = r.landlord_person_id
            LEFT JOIN grid lg ON lg.id = lp.grid_id LEFT JOIN unit lu ON lu.id = lg.unit_id
            """;
    private static final String SELECT = """
            SELECT r.id, r.grid_id, g.code AS grid_code, g.name AS grid_name, u.path AS unit_path, r.room_id,
                   b.id AS building_id, b.name AS building_name, rm.unit_no AS room_unit, rm.number AS room_number,
                   a.id AS address_id, a.full_text AS address, r.landlord_person_id,
                   coalesce(lp.name, r.landlord_name) AS landlord_name,
                   CASE WHEN lu.path LIKE ANY(:scope) THEN lp.id_masked END AS landlord_id_masked,
                   CASE WHEN lp.id IS NULL THEN r.landlord_phone_masked
                        WHEN lu.path LIKE ANY(:scope) THEN lp.phone_masked END AS landlord_phone_masked,
                   coalesce(lu.path LIKE ANY(:scope), false) AS landlord_visible, r.purpose,
                   r.contract_from, r.contract_to, r.police_registered_on, r.note, r.version,
                   (SELECT count(*) FROM rental_tenant t WHERE t.rental_id = r.id AND t.from_on <= :today
                      AND (t.to_on IS NULL OR t.to_on >= :today)
                      AND (r.contract_from IS NULL OR r.contract_from <= :today)
                      AND (r.contract_to IS NULL OR r.contract_to >= :today)) AS tenants
            """;
    /** A rental is active while its contract has not ended. */
    static final String ACTIVE = "(r.contract_to IS NULL OR r.contract_to >= :today)";
    /**
     * A rental lets its room on a day when its contract has started and not ended: the floor plan's
     * 出租 follows this at read time, so it clears by itself the day after a contract ends and appears
     * by itself on the first day of a contract that starts later.
     */
    static final String LET = "(r.contract_from IS NULL OR r.contract_from <= :today) AND " + ACTIVE;

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    Rentals(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * Where a rental stands on a day: registered ahead and not yet begun (待生效), letting the place (在租), or ended
     * (已到期). One registered ahead showed 在租 and counted among the active before its tenants had moved in.
     */
    public enum State {
        NOT_BEGUN, LET, ENDED
    }

    public record Rental(UUID id, UUID gridId, String gridCode, String gridName, String unitPath, UUID roomId,
            UUID buildingId, String buildingName, Integer roomUnit, String roomNumber, UUID addressId, String address,
            UUID landlordPersonId, String landlordName, String landlordIdMasked, String landlordPhoneMasked,
            String purpose, LocalDate contractFrom, LocalDate contractTo, LocalDate policeRegisteredOn, String note,
            long version, long currentTenants, boolean landlordVisible) {

        /** Whether its contract has not ended on a day (it may not have begun yet: it still holds the room). */
        public boolean activeOn(LocalDate day) {
            return contractTo == null || !contractTo.isBefore(day);
        }

        public State stateOn(LocalDate day) {
            if (!activeOn(day)) {
                return State.ENDED;
            }
            return contractFrom != null && contractFrom.isAfter(day) ? State.NOT_BEGUN : State.LET;
        }
    }

    public record Tenant(UUID id, UUID rentalId, UUID personId, String name, LocalDate from, LocalDate to) {

        /**
         * Whether he rents the place on a day of the rental's contract: his tenancy has begun and not ended, and so
         * has the contract (a tenancy left open outlives no contract). A rental whose contract ran out counted its
         * tenants as current and showed them so; one registered ahead, tenants who had not moved in yet.
         */
        public boolean currentOn(LocalDate day, Rental rental) {
            return (from == null || !from.isAfter(day)) && (to == null || !to.isBefore(day))
                    && (rental.contractFrom() == null || !rental.contractFrom().isAfter(day)) && rental.activeOn(day);
        }
    }

    /** The fields written for a rental; the landlord's phone in the clear, encrypted here. */
    public record Fields(UUID gridId, UUID roomId, UUID addressId, UUID landlordPersonId, String landlordName,
            String landlordPhone, String purpose, LocalDate contractFrom, LocalDate contractTo,
            LocalDate policeRegisteredOn, String note, boolean keepLandlordPhone) {

        /** The same fields filed in another grid: the one the place's lock found. */
        Fields inGrid(UUID grid) {
            return new Fields(grid, roomId, addressId, landlordPersonId, landlordName, landlordPhone, purpose,
                    contractFrom, contractTo, policeRegisteredOn, note, keepLandlordPhone);
        }
    }

    /** The list's filters; state null lists rentals in every state. */
    public record Filter(UUID gridId, UUID landlordPersonId, String landlord, State state) {
    }

    public record Page(List<Rental> rows, long total) {
    }

    /**
     * A rental of the caller's scope; for one who serves grids ({@link GridReach}: a grid member at an office-placed
     * grid has the office's path), of the grids he serves only, as his persons and households.
     */
    public Optional<Rental> findVisible(UUID id, Caller caller, LocalDate today) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql(SELECT + FROM + " WHERE r.id = :id AND u.path LIKE ANY(:scope)" + reach.condition("r.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(reach.params()).param("today", today)
                .query(Rentals::map).optional();
    }

    public Optional<Rental> find(UUID id, LocalDate today) {
        return jdbc.sql(SELECT + FROM + " WHERE r.id = :id").param("id", id).param("today", today)
                .param("scope", new String[] {"%"}).query(Rentals::map).optional();
    }

    public Page page(Caller caller, Filter filter, LocalDate today, int limit, int offset) {
        GridReach reach = GridReach.of(caller);
        StringBuilder where = new StringBuilder(" WHERE u.path LIKE ANY(:scope)").append(reach.condition("r.grid_id"));
        Map<String, Object> params = new HashMap<>(reach.params());
        params.put("scope", caller.scopePatterns());
        params.put("today", today);
        if (filter.gridId() != null) {
            where.append(" AND r.grid_id = :grid");
            params.put("grid", filter.gridId());
        }
        if (filter.landlordPersonId() != null) {
            where.append(" AND r.landlord_person_id = :landlordId");
            params.put("landlordId", filter.landlordPersonId());
        }
        if (filter.landlord() != null && !filter.landlord().isBlank()) {
            where.append(" AND coalesce(lp.name, r.landlord_name) LIKE :landlord ESCAPE '\\'");
            params.put("landlord", "%" + Addresses.likeEscaped(filter.landlord().strip()) + "%");
        }
        if (filter.state() != null) {
            where.append(switch (filter.state()) {
                case LET -> " AND " + LET;
                case NOT_BEGUN -> " AND r.contract_from > :today AND " + ACTIVE;
                case ENDED -> " AND NOT " + ACTIVE;
            });
        }
        List<Rental> rows = jdbc.sql(SELECT + FROM + where
                        + " ORDER BY g.code, a.sort_key NULLS LAST, b.sort_key, rm.unit_no, rm.sort_key, r.id"
                        + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", limit).param("offset", offset).query(Rentals::map).list();
        long total = rows.size() < limit && offset == 0 ? rows.size()
                : jdbc.sql("SELECT count(*) " + FROM + where).params(params).query(Long.class).single();
        return new Page(rows, total);
    }

    /**
     * An active rental of the room (or, for a rental without a room, of the address), other than {@code except}: the
     * one letting it now before one that starts later.
     */
    public Optional<UUID> activeAt(UUID roomId, UUID addressId, UUID except, LocalDate today) {
        return activeDuring(roomId, addressId, except, today, null, null);
    }

    /**
     * An active rental of the room (or address), other than {@code except}, whose contract shares a day with
     * [from, to] (an open end reaching as far as it may): the room let twice over. A contract that begins after the
     * current one ends does not let it twice, and may be registered before the current one runs out.
     */
    public Optional<UUID> activeDuring(UUID roomId, UUID addressId, UUID except, LocalDate today, LocalDate from,
            LocalDate to) {
        return jdbc.sql("""
                SELECT r.id FROM rental r
                WHERE (CASE WHEN CAST(:room AS uuid) IS NOT NULL THEN r.room_id = :room
                            ELSE r.room_id IS NULL AND r.address_id = :address END)
                  AND (CAST(:except AS uuid) IS NULL OR r.id <> :except)
                  AND (CAST(:to AS date) IS NULL OR r.contract_from IS NULL OR r.contract_from <= CAST(:to AS date))
                  AND (CAST(:from AS date) IS NULL OR r.contract_to IS NULL OR r.contract_to >= CAST(:from AS date))
                  AND """ + ACTIVE + " ORDER BY r.contract_from NULLS FIRST, r.id LIMIT 1")
                .param("room", roomId).param("address", addressId).param("except", except).param("today", today)
                .param("from", from).param("to", to).query(UUID.class).optional();
    }

    public void insert(UUID id, Fields f) {
        jdbc.sql("""
                INSERT INTO rental (id, grid_id, room_id, address_id, landlord_person_id, landlord_name,
                    landlord_phone_cipher, landlord_phone_index, landlord_phone_masked, purpose, contract_from,
                    contract_to, police_registered_on, note)
                VALUES (:id, :grid, :room, :address, :landlordId, :landlordName, :phoneCipher, :phoneIndex,
                    :phoneMasked, :purpose, :from, :to, :police, :note)""")
                .param("id", id).params(parameters(f)).update();
    }

    public void update(UUID id, Fields f) {
        jdbc.sql("""
                UPDATE rental SET landlord_person_id = :landlordId, landlord_name = :landlordName,
                    landlord_phone_cipher = CASE WHEN :keep OR landlord_phone_index IS NOT DISTINCT FROM :phoneIndex
                                                 THEN landlord_phone_cipher ELSE :phoneCipher END,
                    landlord_phone_index = CASE WHEN :keep THEN landlord_phone_index ELSE :phoneIndex END,
                    landlord_phone_masked = CASE WHEN :keep THEN landlord_phone_masked ELSE :phoneMasked END,
                    purpose = :purpose,
                    contract_from = :from, contract_to = :to, police_registered_on = :police, note = :note,
                    updated_at = now(), version = version + 1
                WHERE id = :id""")
                .param("id", id).params(parameters(f)).update();
    }

    private Map<String, Object> parameters(Fields f) {
        Map<String, Object> p = new HashMap<>();
        p.put("grid", f.gridId());
        p.put("room", f.roomId());
        p.put("address", f.addressId());
        p.put("landlordId", f.landlordPersonId());
        p.put("landlordName", f.landlordName());
        StoredPhone phone = StoredPhone.of(cipher, f.landlordPhone());
        p.put("phoneCipher", phone.cipher());
        p.put("phoneIndex", phone.index());
        p.put("phoneMasked", phone.masked());
        p.put("purpose", f.purpose());
        p.put("from", f.contractFrom());
        p.put("to", f.contractTo());
        p.put("police", f.policeRegisteredOn());
        p.put("note", f.note());
        p.put("keep", f.keepLandlordPhone());
        return p;
    }

    /** The named landlord's phone of a visible rental, decrypted; the caller audits the reveal. */
    public Optional<String> revealLandlordPhone(UUID id, Caller caller) {
        return jdbc.sql("""
                SELECT r.landlord_phone_cipher FROM rental r JOIN grid g ON g.id = r.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE r.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))""" + GridReach.of(caller).condition("r.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(GridReach.of(caller).params())
                .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)).map(cipher::decrypt)).optional()
                .flatMap(o -> o);
    }

    /**
     * Clears the room's hand-set rental mark (the floor plan's 租 set by an officer on the spot): once a
     * rental is registered on the room its contract dates carry the mark. Answers whether it was set.
     */
    public boolean clearHandMark(UUID roomId) {
        return jdbc.sql("UPDATE room SET rental = false, updated_at = now(), version = version + 1 WHERE id = ? AND rental")
                .param(roomId).update() > 0;
    }

    public List<Tenant> tenants(UUID rentalId) {
        return jdbc.sql("""
                SELECT t.id, t.rental_id, t.person_id, p.name, t.from_on, t.to_on FROM rental_tenant t
                JOIN person p ON p.id = t.person_id WHERE t.rental_id = ?
                ORDER BY t.to_on IS NOT NULL, t.to_on DESC, t.from_on, p.name, t.id""")
                .param(rentalId).query(Rentals::tenant).list();
    }

    /**
     * Another rental the same person rents on days he also rents this one: a tenancy of his elsewhere whose days,
     * each cut to its rental's contract, share at least one with his tenancy here (cut likewise). Where: the
     * address, or the building and room of a room without one. The days shared run from {@code from} to {@code to}
     * (null: open).
     */
    /** {@code seen}: the other rental lies in the scope asked for; one outside it is counted, never named. */
    public record Overlap(UUID tenantId, UUID rentalId, String address, String buildingName, Integer roomUnit,
            String roomNumber, LocalDate from, LocalDate to, boolean seen) {
    }

    /**
     * The other rentals the tenants of a rental rent at the same time, each marked whether it lies in the scope given:
     * a person may rent a flat and a shop at once, or be on two contracts by mistake, and the officer who sees both
     * decides which; one outside his jurisdiction is not his to open, so it is not named to him, but he is still told
     * that the tenant rents elsewhere on those days.
     */
    public List<Overlap> overlaps(UUID rentalId, Caller caller) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql("""
                WITH span AS (
                    SELECT t.id, t.rental_id, t.person_id, greatest(t.from_on, r.contract_from) AS from_on,
                           least(t.to_on, r.contract_to) AS to_on
                    FROM rental_tenant t JOIN rental r ON r.id = t.rental_id)
                SELECT here.id AS tenant_id, r.id AS rental_id, a.full_text AS address, b.name AS building_name,
                       rm.unit_no AS room_unit, rm.number AS room_number,
                       (u.path LIKE ANY(:scope)""" + reach.condition("r.grid_id") + """
                       ) AS seen,
                       greatest(here.from_on, there.from_on) AS shared_from,
                       CASE WHEN here.to_on IS NULL THEN there.to_on WHEN there.to_on IS NULL THEN here.to_on
                            ELSE least(here.to_on, there.to_on) END AS shared_to
                FROM span here
                JOIN span there ON there.person_id = here.person_id AND there.rental_id <> here.rental_id
                JOIN rental r ON r.id = there.rental_id JOIN grid g ON g.id = r.grid_id JOIN unit u ON u.id = g.unit_id
                LEFT JOIN room rm ON rm.id = r.room_id LEFT JOIN building b ON b.id = rm.building_id
                LEFT JOIN address a ON a.id = coalesce(r.address_id, rm.address_id)
                WHERE here.rental_id = :rental
                  AND (here.to_on IS NULL OR there.from_on IS NULL OR there.from_on <= here.to_on)
                  AND (there.to_on IS NULL OR here.from_on IS NULL OR here.from_on <= there.to_on)
                  AND (here.to_on IS NULL OR here.from_on IS NULL OR here.from_on <= here.to_on)
                  AND (there.to_on IS NULL OR there.from_on IS NULL OR there.from_on <= there.to_on)
                ORDER BY shared_from, r.id""")
                .param("rental", rentalId).param("scope", caller.scopePatterns()).params(reach.params())
                .query((rs, n) -> new Overlap(rs.getObject("tenant_id", UUID.class), rs.getObject("rental_id", UUID.class),
                        rs.getString("address"), rs.getString("building_name"), (Integer) rs.getObject("room_unit"),
                        rs.getString("room_number"), rs.getObject("shared_from", LocalDate.class),
                        rs.getObject("shared_to", LocalDate.class), rs.getBoolean("seen")))
                .list();
    }

    public Optional<Tenant> tenant(UUID rentalId, UUID tenantId) {
        return jdbc.sql("""
                SELECT t.id, t.rental_id, t.person_id, p.name, t.from_on, t.to_on FROM rental_tenant t
                JOIN person p ON p.id = t.person_id WHERE t.rental_id = ? AND t.id = ?""")
                .params(rentalId, tenantId).query(Rentals::tenant).optional();
    }

    public boolean openTenancy(UUID rentalId, UUID personId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM rental_tenant WHERE rental_id = ? AND person_id = ? AND to_on IS NULL)")
                .params(rentalId, personId).query(Boolean.class).single();
    }

    public void addTenant(UUID id, UUID rentalId, UUID personId, LocalDate from, LocalDate to) {
        jdbc.sql("INSERT INTO rental_tenant (id, rental_id, person_id, from_on, to_on) VALUES (?, ?, ?, ?, ?)")
                .params(id, rentalId, personId, from, to).update();
    }

    public void endTenant(UUID tenantId, LocalDate on) {
        jdbc.sql("UPDATE rental_tenant SET to_on = ? WHERE id = ?").params(on, tenantId).update();
    }

    static Tenant tenant(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getObject("id", UUID.class), rs.getObject("rental_id", UUID.class),
                rs.getObject("person_id", UUID.class), rs.getString("name"), rs.getObject("from_on", LocalDate.class),
                rs.getObject("to_on", LocalDate.class));
    }

    static Rental map(ResultSet rs, int row) throws SQLException {
        return new Rental(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class), rs.getString("grid_code"),
                rs.getString("grid_name"), rs.getString("unit_path"), rs.getObject("room_id", UUID.class),
                rs.getObject("building_id", UUID.class), rs.getString("building_name"),
                (Integer) rs.getObject("room_unit"), rs.getString("room_number"), rs.getObject("address_id", UUID.class),
                rs.getString("address"), rs.getObject("landlord_person_id", UUID.class), rs.getString("landlord_name"),
                rs.getString("landlord_id_masked"), rs.getString("landlord_phone_masked"), rs.getString("purpose"),
                rs.getObject("contract_from", LocalDate.class), rs.getObject("contract_to", LocalDate.class),
                rs.getObject("police_registered_on", LocalDate.class), rs.getString("note"), rs.getLong("version"),
                rs.getLong("tenants"), rs.getBoolean("landlord_visible"));
    }
}
