package org.fengqiao.forces.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Security companies (保安从业单位) with their licence and the joint-patrol zones (联勤联防区, groupings of kind
 * JOINT_PATROL_ZONE) they serve, scoped through the company's unit. A licence is EXPIRING from
 * {@link #WARN_DAYS} days before its last valid day and EXPIRED after it.
 */
@Repository
public class Companies {

    public static final int WARN_DAYS = 60;

    public enum LicenceState {
        VALID, EXPIRING, EXPIRED
    }

    /**
     * {@code zones}: the names of the zones it serves, as the API always answered; {@code servedZones} the same zones
     * in the same order, each with whether it was retired since, which the pages and the roster mark (已撤销): a
     * company keeps a retired zone it served, and a list that named it unmarked read as if the zone were still in use.
     */
    public record Company(UUID id, UUID unitId, String unitName, String unitPath, String name, String licenceNumber,
            LocalDate licenceValidUntil, LicenceState licenceState, String contactName, String contactPhoneMasked,
            String address, List<String> zones, List<ServedZone> servedZones, long guards, long version) {
    }

    /** A joint-patrol zone a company serves, in use or retired. */
    public record ServedZone(UUID id, String code, String name, boolean retired) {
    }

    public record Zone(UUID id, String code, String name, String unitPath) {
    }

    private static final String SELECT = """
            SELECT c.id, c.unit_id, u.name AS unit_name, u.path, c.name, c.licence_number, c.licence_valid_until,
                   CASE WHEN c.licence_valid_until < :today THEN 'EXPIRED'
                        WHEN c.licence_valid_until <= :soon THEN 'EXPIRING' ELSE 'VALID' END AS licence_state,
                   c.contact_name, c.contact_phone_masked, c.address,
                   zs.ids AS zone_ids, zs.codes AS zone_codes, zs.names AS zones, zs.retired AS zones_retired,
                   (SELECT count(*) FROM force_member fm JOIN staff gs ON gs.id = fm.staff_id
                        WHERE fm.company_id = c.id AND gs.role = 'SECURITY_GUARD' AND fm.status <> 'LEFT') AS guards,
                   c.version
            FROM security_company c JOIN unit u ON u.id = c.unit_id
            LEFT JOIN LATERAL (SELECT array_agg(z.id ORDER BY z.name, z.id) AS ids,
                                      array_agg(z.code ORDER BY z.name, z.id) AS codes,
                                      array_agg(z.name ORDER BY z.name, z.id) AS names,
                                      array_agg(z.retired_at IS NOT NULL ORDER BY z.name, z.id) AS retired
                               FROM security_company_zone cz JOIN grouping z ON z.id = cz.grouping_id
                               WHERE cz.company_id = c.id) zs ON true
            """;

    private final JdbcClient jdbc;

    Companies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, UUID unitId, String name, String licenceNumber, LocalDate validUntil, String contactName,
            byte[] phoneCipher, String phoneMasked, String address, List<UUID> zones) {
        jdbc.sql("""
                INSERT INTO security_company (id, unit_id, name, licence_number, licence_valid_until, contact_name,
                    contact_phone_cipher, contact_phone_masked, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, unitId, name, licenceNumber, validUntil, contactName, phoneCipher, phoneMasked, address)
                .update();
        for (UUID zone : zones) {
            jdbc.sql("INSERT INTO security_company_zone (company_id, grouping_id) VALUES (?, ?)").params(id, zone).update();
        }
    }

    /**
     * Writes a company's fields and the zones it serves; a null phone cipher keeps the phone on record. The unit
     * stays: a company moves to another station by being registered there.
     */
    public void update(UUID id, String name, String licenceNumber, LocalDate validUntil, String contactName,
            byte[] phoneCipher, String phoneMasked, String address, List<UUID> zones) {
        jdbc.sql("""
                UPDATE security_company SET name = ?, licence_number = ?, licence_valid_until = ?, contact_name = ?,
                    contact_phone_cipher = coalesce(?, contact_phone_cipher),
                    contact_phone_masked = coalesce(?, contact_phone_masked), address = ?, version = version + 1
                WHERE id = ?""")
                .params(name, licenceNumber, validUntil, contactName, phoneCipher, phoneMasked, address, id).update();
        jdbc.sql("DELETE FROM security_company_zone WHERE company_id = ?").param(id).update();
        for (UUID zone : zones) {
            jdbc.sql("INSERT INTO security_company_zone (company_id, grouping_id) VALUES (?, ?)").params(id, zone).update();
        }
    }

    public void lock(UUID id) {
        jdbc.sql("SELECT id FROM security_company WHERE id = ? FOR UPDATE").param(id).query(UUID.class).single();
    }

    /** The zones a company serves, by id, for its edit form. */
    public List<UUID> zoneIds(UUID companyId) {
        return jdbc.sql("SELECT grouping_id FROM security_company_zone WHERE company_id = ?").param(companyId)
                .query(UUID.class).list();
    }

    /** Whether another company than {@code except} holds the licence number. */
    public boolean licenceTaken(String licenceNumber, UUID except) {
        return jdbc.sql("SELECT count(*) FROM security_company WHERE licence_number = ? AND id <> ?")
                .params(licenceNumber, except).query(Long.class).single() > 0;
    }

    public boolean licenceTaken(String licenceNumber) {
        return jdbc.sql("SELECT count(*) FROM security_company WHERE licence_number = ?").param(licenceNumber)
                .query(Long.class).single() > 0;
    }

    /**
     * The last day a company's licence is valid, whoever asks: a guard of a station's subtree may work for a company
     * registered above it, and his booking is judged on its licence all the same.
     */
    public Optional<LocalDate> licenceValidUntil(UUID id) {
        return jdbc.sql("SELECT licence_valid_until FROM security_company WHERE id = ?").param(id)
                .query(LocalDate.class).optional();
    }

    public Optional<Company> find(UUID id, Visibility v, LocalDate today) {
        return v.bind(jdbc.sql(SELECT + " WHERE c.id = :id AND" + Visibility.SCOPE)).param("id", id)
                .param("today", today).param("soon", today.plusDays(WARN_DAYS)).query(Companies::map).optional();
    }

    /**
     * The companies of the scope after {@code after} (null: from the first) in the list's order, the id breaking ties:
     * the roster export reads them so, a page at a time, in one snapshot.
     */
    public List<Company> after(Visibility v, LocalDate today, Company after, int limit) {
        String from = after == null ? ""
                : " AND (c.licence_valid_until, c.name, c.id) > (CAST(:until AS date), :name, :id)";
        var spec = v.bind(jdbc.sql(SELECT + " WHERE" + Visibility.SCOPE + from
                        + " ORDER BY c.licence_valid_until, c.name, c.id LIMIT :limit"))
                .param("today", today).param("soon", today.plusDays(WARN_DAYS)).param("limit", limit);
        if (after != null) {
            spec = spec.param("until", after.licenceValidUntil()).param("name", after.name()).param("id", after.id());
        }
        return spec.query(Companies::map).list();
    }

    /** Companies of the scope; {@code expiring} keeps those whose licence runs out within the warning days or has. */
    public List<Company> list(Visibility v, LocalDate today, UUID zoneId, boolean expiring, String q) {
        StringBuilder where = new StringBuilder(" WHERE" + Visibility.SCOPE);
        Map<String, Object> params = new LinkedHashMap<>();
        if (zoneId != null) {
            where.append(" AND EXISTS (SELECT 1 FROM security_company_zone w WHERE w.company_id = c.id AND w.grouping_id = :zone)");
            params.put("zone", zoneId);
        }
        if (expiring) {
            where.append(" AND c.licence_valid_until <= :soon");
        }
        if (q != null) {
            where.append(" AND c.name LIKE :q");
            params.put("q", "%" + q + "%");
        }
        var spec = v.bind(jdbc.sql(SELECT + where + " ORDER BY c.licence_valid_until, c.name LIMIT 500"))
                .param("today", today).param("soon", today.plusDays(WARN_DAYS));
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query(Companies::map).list();
    }

    /** The joint-patrol zones of the caller's scope. */
    public List<Zone> zones(Visibility v) {
        return v.bind(jdbc.sql("""
                SELECT z.id, z.code, z.name, u.path FROM grouping z JOIN unit u ON u.id = z.unit_id
                WHERE z.kind = 'JOINT_PATROL_ZONE' AND z.retired_at IS NULL AND""" + Visibility.SCOPE + " ORDER BY z.code"))
                .query((rs, n) -> new Zone(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /**
     * A joint-patrol zone of the scope, in use or retired: a coverage asked for a past day reads a zone retired since,
     * as the records that named it are kept.
     */
    public Optional<Zone> zone(UUID id, Visibility v) {
        return v.bind(jdbc.sql("""
                SELECT z.id, z.code, z.name, u.path FROM grouping z JOIN unit u ON u.id = z.unit_id
                WHERE z.id = :id AND z.kind = 'JOINT_PATROL_ZONE' AND""" + Visibility.SCOPE))
                .param("id", id)
                .query((rs, n) -> new Zone(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** A zone someone is about to be placed in, and whether it was retired. */
    public record ZoneToServe(Zone zone, boolean retired) {
    }

    /**
     * {@link #zone} for a company or a member about to be placed in it: held until the caller's transaction ends
     * (the groupings' retirement holds the zone for update), so that a retirement waits for the placement, or the
     * placement waits for it and reads the zone retired; without it the two pass each other, and a company lands in
     * a zone retired a moment before.
     */
    public Optional<ZoneToServe> zoneToServe(UUID id, Visibility v) {
        return v.bind(jdbc.sql("""
                SELECT z.id, z.code, z.name, u.path, z.retired_at IS NOT NULL FROM grouping z
                JOIN unit u ON u.id = z.unit_id
                WHERE z.id = :id AND z.kind = 'JOINT_PATROL_ZONE' AND""" + Visibility.SCOPE + "FOR SHARE OF z"))
                .param("id", id)
                .query((rs, n) -> new ZoneToServe(new Zone(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getString(4)), rs.getBoolean(5)))
                .optional();
    }

    static Company map(ResultSet rs, int n) throws SQLException {
        return new Company(rs.getObject("id", UUID.class), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("path"), rs.getString("name"), rs.getString("licence_number"),
                rs.getObject("licence_valid_until", LocalDate.class), LicenceState.valueOf(rs.getString("licence_state")),
                rs.getString("contact_name"), rs.getString("contact_phone_masked"), rs.getString("address"),
                Members.names(rs.getArray("zones")), served(rs), rs.getLong("guards"), rs.getLong("version"));
    }

    private static List<ServedZone> served(ResultSet rs) throws SQLException {
        java.sql.Array ids = rs.getArray("zone_ids");
        if (ids == null) {
            return List.of();
        }
        Object[] id = (Object[]) ids.getArray();
        String[] code = (String[]) rs.getArray("zone_codes").getArray();
        String[] name = (String[]) rs.getArray("zones").getArray();
        Boolean[] retired = (Boolean[]) rs.getArray("zones_retired").getArray();
        List<ServedZone> zones = new java.util.ArrayList<>(id.length);
        for (int i = 0; i < id.length; i++) {
            zones.add(new ServedZone((UUID) id[i], code[i], name[i], Boolean.TRUE.equals(retired[i])));
        }
        return List.copyOf(zones);
    }
}
