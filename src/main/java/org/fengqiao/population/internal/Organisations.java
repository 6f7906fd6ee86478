package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.AddressQuery;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Organisations (实有单位) with their owner, staff and fire-safety inspections, scoped through the
 * organisation's grid. Each row carries the counts its fire-safety state is derived from, computed
 * for a given day ({@link FireSafety}), so the list filters by state inside the SQL.
 */
@Repository
public class Organisations {

    private static final String FROM = """
            FROM organisation o JOIN grid g ON g.id = o.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN address a ON a.id = o.address_id
            LEFT JOIN person op ON op.id = o.owner_person_id
            LEFT JOIN grid og ON og.id = op.grid_id LEFT JOIN unit ou ON ou.id = og.unit_id
            LEFT JOIN LATERAL (
                SELECT count(*) AS inspections,
                       count(*) FILTER (WHERE fi.hazards IS NOT NULL AND fi.rectified_on IS NULL) AS open_hazards,
                       count(*) FILTER (WHERE fi.hazards IS NOT NULL AND fi.rectified_on IS NULL
                                          AND fi.rectify_by < :today) AS overdue_hazards,
                       max(fi.inspected_on) AS last_inspected
                FROM fire_inspection fi WHERE fi.organisation_id = o.id) s ON true
            """;
    private static final String SELECT = """
            SELECT o.id, o.grid_id, g.code AS grid_code, g.name AS grid_name, u.path AS unit_path, o.address_id,
                   a.full_text AS address, o.name, o.kind, o.small_place, o.business, o.licence_no, o.phone_masked,
                   o.owner_person_id, op.name AS owner_name,
                   CASE WHEN ou.path LIKE ANY(:scope) THEN op.id_masked END AS owner_id_masked,
                   CASE WHEN ou.path LIKE ANY(:scope) THEN op.phone_masked END AS owner_phone_masked,
                   coalesce(ou.path LIKE ANY(:scope), false) AS owner_visible, o.note, o.version, s.inspections, s.open_hazards,
                   s.overdue_hazards, s.last_inspected
            """;

    /**
     * Door order, as an officer walks a grid to inspect its shops: by grid, then by the address (1组2号 before 1组10号;
     * the stored key of V143), the organisations at one door by name with numbers as numbers (2号摊位 before 10号摊位;
     * the name's stored key, V149), those without an address last. The id keeps pages apart when all else is equal.
     */
    static final String DOOR_ORDER = "g.code, a.sort_key NULLS LAST, o.sort_key, o.id";

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    Organisations(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public record Organisation(UUID id, UUID gridId, String gridCode, String gridName, String unitPath,
            UUID addressId, String address, String name, String kind, String smallPlace, String business,
            String licenceNo, String phoneMasked, UUID ownerPersonId, String ownerName, String ownerIdMasked,
            String ownerPhoneMasked, String note, long version, FireSafety.Summary fireSafety,
            LocalDate lastInspected, boolean ownerVisible) {

        public FireSafety fireSafetyState() {
            return fireSafety.state();
        }
    }

    public record Staff(UUID id, UUID organisationId, UUID personId, String name, String role, LocalDate from,
            LocalDate to) {
    }

    public record Inspection(UUID id, UUID organisationId, LocalDate inspectedOn, String inspector, String findings,
            String hazards, LocalDate rectifyBy, LocalDate rectifiedOn, String recordedBy)
            implements FireSafety.Finding {

        @Override
        public boolean hazardFound() {
            return hazards != null;
        }
    }

    /** What is written for an organisation; the phone in the clear, encrypted here. */
    public record Fields(UUID gridId, UUID addressId, String name, String kind, String smallPlace, String business,
            String licenceNo, String phone, UUID ownerPersonId, String note, boolean keepPhone) {
    }

    public record Filter(String kind, String smallPlace, Boolean ninePlaces, UUID gridId, FireSafety fireSafety,
            String text) {
    }

    public record Page(List<Organisation> rows, long total) {
    }

    /**
     * {@link #SELECT} for a reader who serves grids ({@link GridReach}): the owner's masked numbers only when he is a
     * person of a grid the reader serves, as the person pages show him.
     */
    private static String select(GridReach reach) {
        return reach.narrowed() ? SELECT.replace("ou.path LIKE ANY(:scope)",
                "(ou.path LIKE ANY(:scope)" + reach.condition("op.grid_id") + ")") : SELECT;
    }

    /**
     * An organisation of the caller's scope; for one who serves grids (a grid member at an office-placed grid has the
     * office's path), of the grids he serves only ({@link GridReach}), as his persons and households.
     */
    public Optional<Organisation> findVisible(UUID id, Caller caller, LocalDate today) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql(select(reach) + FROM + " WHERE o.id = :id AND u.path LIKE ANY(:scope)"
                        + reach.condition("o.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(reach.params()).param("today", today)
                .query(Organisations::map).optional();
    }

    public Optional<Organisation> find(UUID id, LocalDate today) {
        return jdbc.sql(SELECT + FROM + " WHERE o.id = :id").param("id", id).param("today", today)
                .param("scope", new String[] {"%"}).query(Organisations::map).optional();
    }

    public Page page(Caller caller, Filter f, LocalDate today, int limit, int offset) {
        GridReach reach = GridReach.of(caller);
        StringBuilder where = new StringBuilder(" WHERE u.path LIKE ANY(:scope)").append(reach.condition("o.grid_id"));
        Map<String, Object> params = new HashMap<>(reach.params());
        params.put("scope", caller.scopePatterns());
        params.put("today", today);
        if (f.kind() != null) {
            where.append(" AND o.kind = :kind");
            params.put("kind", f.kind());
        }
        if (f.smallPlace() != null) {
            where.append(" AND o.small_place = :smallPlace");
            params.put("smallPlace", f.smallPlace());
        }
        if (f.ninePlaces() != null) {
            where.append(f.ninePlaces() ? " AND o.small_place IS NOT NULL" : " AND o.small_place IS NULL");
        }
        if (f.gridId() != null) {
            where.append(" AND o.grid_id = :grid");
            params.put("grid", f.gridId());
        }
        if (f.fireSafety() != null) {
            where.append(" AND ").append(f.fireSafety().sqlCondition());
        }
        if (f.text() != null && !f.text().isBlank()) {
            // the address read as the address list reads it (AddressQuery: 吴场村一组四十号, 1组40, without the township)
            AddressQuery address = AddressQuery.of(f.text());
            where.append(" AND (o.name LIKE :text ESCAPE '\\' OR o.business LIKE :text ESCAPE '\\'"
                    + " OR a.full_text LIKE :text ESCAPE '\\' OR " + address.anyInside("a.full_text")
                    + " OR op.name LIKE :text ESCAPE '\\' OR o.licence_no = :exact)");
            params.put("text", "%" + Addresses.likeEscaped(f.text().strip()) + "%");
            params.put("exact", f.text().strip().toUpperCase(java.util.Locale.ROOT));
            params.putAll(address.params());
        }
        List<Organisation> rows = jdbc.sql(select(reach) + FROM + where
                        + " ORDER BY " + DOOR_ORDER + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", limit).param("offset", offset).query(Organisations::map).list();
        long total = rows.size() < limit && offset == 0 ? rows.size()
                : jdbc.sql("SELECT count(*) " + FROM + where).params(params).query(Long.class).single();
        return new Page(rows, total);
    }

    public boolean nameTaken(UUID gridId, String name, UUID except) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM organisation WHERE grid_id = ? AND name = ? AND id IS DISTINCT FROM ?)")
                .params(gridId, name, except).query(Boolean.class).single();
    }

    public boolean licenceTaken(String licenceNo, UUID except) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM organisation WHERE licence_no = ? AND id IS DISTINCT FROM ?)")
                .params(licenceNo, except).query(Boolean.class).single();
    }

    public void insert(UUID id, Fields f) {
        jdbc.sql("""
                INSERT INTO organisation (id, grid_id, address_id, name, kind, small_place, business, licence_no,
                    phone_cipher, phone_index, phone_masked, owner_person_id, note)
                VALUES (:id, :grid, :address, :name, :kind, :smallPlace, :business, :licence, :phoneCipher,
                    :phoneIndex, :phoneMasked, :owner, :note)""")
                .param("id", id).params(parameters(f)).update();
    }

    public void update(UUID id, Fields f) {
        jdbc.sql("""
                UPDATE organisation SET grid_id = :grid, address_id = :address, name = :name, kind = :kind,
                    small_place = :smallPlace, business = :business, licence_no = :licence,
                    phone_cipher = CASE WHEN :keep OR phone_index IS NOT DISTINCT FROM :phoneIndex THEN phone_cipher
                                        ELSE :phoneCipher END,
                    phone_index = CASE WHEN :keep THEN phone_index ELSE :phoneIndex END,
                    phone_masked = CASE WHEN :keep THEN phone_masked ELSE :phoneMasked END,
                    owner_person_id = :owner, note = :note,
                    updated_at = now(), version = version + 1
                WHERE id = :id""")
                .param("id", id).params(parameters(f)).update();
    }

    private Map<String, Object> parameters(Fields f) {
        Map<String, Object> p = new HashMap<>();
        p.put("grid", f.gridId());
        p.put("address", f.addressId());
        p.put("name", f.name());
        p.put("kind", f.kind());
        p.put("smallPlace", f.smallPlace());
        p.put("business", f.business());
        p.put("licence", f.licenceNo());
        StoredPhone phone = StoredPhone.of(cipher, f.phone());
        p.put("phoneCipher", phone.cipher());
        p.put("phoneIndex", phone.index());
        p.put("phoneMasked", phone.masked());
        p.put("owner", f.ownerPersonId());
        p.put("note", f.note());
        p.put("keep", f.keepPhone());
        return p;
    }

    public Optional<String> revealPhone(UUID id, Caller caller) {
        return jdbc.sql("""
                SELECT o.phone_cipher FROM organisation o JOIN grid g ON g.id = o.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE o.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))""" + GridReach.of(caller).condition("o.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(GridReach.of(caller).params())
                .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)).map(cipher::decrypt)).optional()
                .flatMap(o -> o);
    }

    public List<Staff> staff(UUID organisationId) {
        return jdbc.sql("""
                SELECT s.id, s.organisation_id, s.person_id, p.name, s.role, s.from_on, s.to_on
                FROM organisation_staff s JOIN person p ON p.id = s.person_id WHERE s.organisation_id = ?
                ORDER BY s.to_on IS NOT NULL, s.role, p.name, s.id""")
                .param(organisationId).query(Organisations::staff).list();
    }

    public Optional<Staff> staffMember(UUID organisationId, UUID staffId) {
        return jdbc.sql("""
                SELECT s.id, s.organisation_id, s.person_id, p.name, s.role, s.from_on, s.to_on
                FROM organisation_staff s JOIN person p ON p.id = s.person_id WHERE s.organisation_id = ? AND s.id = ?""")
                .params(organisationId, staffId).query(Organisations::staff).optional();
    }

    public boolean openStaff(UUID organisationId, UUID personId, String role) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM organisation_staff
                               WHERE organisation_id = ? AND person_id = ? AND role = ? AND to_on IS NULL)""")
                .params(organisationId, personId, role).query(Boolean.class).single();
    }

    public void addStaff(UUID id, UUID organisationId, UUID personId, String role, LocalDate from) {
        jdbc.sql("INSERT INTO organisation_staff (id, organisation_id, person_id, role, from_on) VALUES (?, ?, ?, ?, ?)")
                .params(id, organisationId, personId, role, from).update();
    }

    public void endStaff(UUID staffId, LocalDate on) {
        jdbc.sql("UPDATE organisation_staff SET to_on = ? WHERE id = ?").params(on, staffId).update();
    }

    public List<Inspection> inspections(UUID organisationId) {
        return jdbc.sql("""
                SELECT fi.id, fi.organisation_id, fi.inspected_on, fi.inspector, fi.findings, fi.hazards, fi.rectify_by,
                       fi.rectified_on, st.name AS recorded_by
                FROM fire_inspection fi LEFT JOIN staff st ON st.id = fi.recorded_by WHERE fi.organisation_id = ?
                ORDER BY fi.inspected_on DESC, fi.created_at DESC, fi.id""")
                .param(organisationId).query(Organisations::inspection).list();
    }

    public Optional<Inspection> inspection(UUID organisationId, UUID inspectionId) {
        return jdbc.sql("""
                SELECT fi.id, fi.organisation_id, fi.inspected_on, fi.inspector, fi.findings, fi.hazards, fi.rectify_by,
                       fi.rectified_on, st.name AS recorded_by
                FROM fire_inspection fi LEFT JOIN staff st ON st.id = fi.recorded_by
                WHERE fi.organisation_id = ? AND fi.id = ?""")
                .params(organisationId, inspectionId).query(Organisations::inspection).optional();
    }

    public void insertInspection(UUID id, UUID organisationId, LocalDate on, String inspector, String findings,
            String hazards, LocalDate rectifyBy, LocalDate rectifiedOn, UUID recordedBy) {
        jdbc.sql("""
                INSERT INTO fire_inspection (id, organisation_id, inspected_on, inspector, findings, hazards, rectify_by,
                    rectified_on, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organisationId, on, inspector, findings, hazards, rectifyBy, rectifiedOn, recordedBy)
                .update();
    }

    public void rectified(UUID inspectionId, LocalDate on) {
        jdbc.sql("UPDATE fire_inspection SET rectified_on = ? WHERE id = ?").params(on, inspectionId).update();
    }

    static Staff staff(ResultSet rs, int row) throws SQLException {
        return new Staff(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getObject("person_id", UUID.class), rs.getString("name"), rs.getString("role"),
                rs.getObject("from_on", LocalDate.class), rs.getObject("to_on", LocalDate.class));
    }

    static Inspection inspection(ResultSet rs, int row) throws SQLException {
        return new Inspection(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getObject("inspected_on", LocalDate.class), rs.getString("inspector"), rs.getString("findings"),
                rs.getString("hazards"), rs.getObject("rectify_by", LocalDate.class),
                rs.getObject("rectified_on", LocalDate.class), rs.getString("recorded_by"));
    }

    static Organisation map(ResultSet rs, int row) throws SQLException {
        return new Organisation(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class),
                rs.getString("grid_code"), rs.getString("grid_name"), rs.getString("unit_path"),
                rs.getObject("address_id", UUID.class), rs.getString("address"), rs.getString("name"), rs.getString("kind"),
                rs.getString("small_place"), rs.getString("business"), rs.getString("licence_no"),
                rs.getString("phone_masked"), rs.getObject("owner_person_id", UUID.class), rs.getString("owner_name"),
                rs.getString("owner_id_masked"), rs.getString("owner_phone_masked"), rs.getString("note"),
                rs.getLong("version"), new FireSafety.Summary(rs.getLong("inspections"), rs.getLong("open_hazards"),
                        rs.getLong("overdue_hazards")),
                rs.getObject("last_inspected", LocalDate.class), rs.getBoolean("owner_visible"));
    }
}
