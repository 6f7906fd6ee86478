package org.fengqiao.recovery.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.Invalid;
import org.fengqiao.recovery.AssetKind;
import org.fengqiao.recovery.AssetState;
import org.fengqiao.recovery.Department;
import org.fengqiao.recovery.Outcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The recovery files with their victims, losses, suspects, assets, returns and revisits, and the collective return
 * events. Reads for a person are scoped inside the SQL through the file's grid's unit
 * ({@code u.path LIKE ANY(:scope)}), so a file outside the caller's subtree is not found.
 */
@Repository
public class RecoveryFiles {

    @ChoiceNames("recovery.status.")
    public enum Status { OPEN, CLOSED }

    public record File(UUID id, String code, String caseNumber, String title, String summary, UUID gridId,
            String gridCode, String gridName, UUID unitId, String unitName, String unitPath, UUID incidentId,
            String incidentCode, LocalDate registeredOn, UUID ownerId, String ownerName, Department verifyDepartment,
            String verifierName, LocalDate verifiedOn, String verificationResult, Status status,
            OffsetDateTime openedAt, long version, long lostFen, long recoveredFen, long returnedFen, Outcome outcome,
            String outcomeNote, OffsetDateTime closedAt) {

        public boolean open() {
            return status == Status.OPEN;
        }
    }

    public record Victim(UUID id, UUID personId, String name, String phoneMasked, long lostFen, long returnedFen) {
    }

    public record Loss(UUID id, UUID victimId, String description, int quantity, long amountFen) {
    }

    public record Suspect(UUID id, String name, String idMasked, LocalDate caughtOn, String note) {
    }

    public record Asset(UUID id, AssetKind kind, String description, long valueFen, String heldAt, AssetState state,
            LocalDate tracedOn, UUID suspectId, String suspectName, long returnedFen) {
    }

    public record AssetStep(UUID assetId, AssetState from, AssetState to, LocalDate onDay, String note, String byName) {
    }

    public record Return(UUID id, UUID fileId, UUID victimId, String victimName, UUID assetId, String assetDescription,
            AssetKind assetKind, long amountFen, String items, LocalDate returnedOn, UUID returnedById,
            String returnedByName, UUID eventId, LocalDate receiptSignedOn, String scanType) {

        public boolean signed() {
            return receiptSignedOn != null;
        }
    }

    public record Revisit(UUID id, UUID victimId, String victimName, LocalDate visitedOn, String visitedByName,
            String said, boolean satisfied) {
    }

    public record Event(UUID id, UUID unitId, String unitName, String unitPath, LocalDate heldOn, String place,
            UUID officerId, String officerName, String victimsPresent, String note, long returns, long amountFen) {
    }

    /** The list's filters; a year (of registration) out of range is refused, never read as "every year". */
    public record Filter(Status status, Integer year, String text) {

        public Filter {
            checkedYear(year);
        }
    }

    /** The years a file may be counted under: older registrations are paper files, later ones typing slips. */
    public static final int FIRST_YEAR = 1949;
    public static final int LAST_YEAR = 2099;

    /** The year asked for, or none; one out of range is refused, naming the range, rather than read otherwise. */
    public static Integer checkedYear(Integer year) {
        if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
            throw Invalid.of("year", "recovery.year.outOfRange", String.valueOf(FIRST_YEAR),
                    String.valueOf(LAST_YEAR));
        }
        return year;
    }

    /**
     * A year as a page's address sends it, or none: text that is no whole number is refused as one out of range is,
     * naming the range, so that the page says so above its form instead of the error page.
     */
    public static Integer checkedYear(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return checkedYear(Integer.valueOf(text.strip()));
        } catch (NumberFormatException e) {
            throw Invalid.of("year", "recovery.year.outOfRange", String.valueOf(FIRST_YEAR),
                    String.valueOf(LAST_YEAR));
        }
    }

    public record Page(List<File> items, long total) {
    }

    static final String FROM = """
            FROM recovery_file f JOIN grid g ON g.id = f.grid_id JOIN unit u ON u.id = g.unit_id
            JOIN staff o ON o.id = f.owner_staff_id
            """;
    static final String SELECT = """
            SELECT f.*, g.code AS grid_code, g.name AS grid_name, u.id AS unit_id, u.name AS unit_name,
                   u.path AS unit_path, o.name AS owner_name,
                   (SELECT coalesce(sum(l.amount_fen), 0) FROM recovery_loss l WHERE l.file_id = f.id) AS lost_fen,
                   (SELECT coalesce(sum(a.value_fen), 0) FROM recovery_asset a
                     WHERE a.file_id = f.id AND a.state IN ('SEIZED', 'FROZEN', 'RETURNED')) AS recovered_fen,
                   (SELECT coalesce(sum(r.amount_fen), 0) FROM recovery_return r WHERE r.file_id = f.id) AS returned_fen
            """ + FROM;
    private static final String SCOPE = " u.path LIKE ANY(CAST(:scope AS text[])) ";

    private final JdbcClient jdbc;

    RecoveryFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record New(UUID id, String code, String caseNumber, String title, String summary, UUID gridId,
            UUID incidentId, String incidentCode, LocalDate registeredOn, UUID ownerId, UUID openedBy,
            OffsetDateTime openedAt) {
    }

    public void insert(New n) {
        jdbc.sql("""
                INSERT INTO recovery_file (id, code, case_number, title, summary, grid_id, incident_id, incident_code,
                    registered_on, owner_staff_id, opened_by, opened_at)
                VALUES (:id, :code, :caseNumber, :title, :summary, :grid, :incident, :incidentCode, :registeredOn,
                    :owner, :openedBy, :openedAt)""")
                .param("id", n.id()).param("code", n.code()).param("caseNumber", n.caseNumber())
                .param("title", n.title()).param("summary", n.summary()).param("grid", n.gridId())
                .param("incident", n.incidentId()).param("incidentCode", n.incidentCode())
                .param("registeredOn", n.registeredOn()).param("owner", n.ownerId()).param("openedBy", n.openedBy())
                .param("openedAt", n.openedAt()).update();
    }

    public Optional<File> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE f.id = :id").param("id", id).query(RecoveryFiles::map).optional();
    }

    /** The file if the scope (unit paths) sees its grid; null scope sees all. */
    public Optional<File> findVisible(UUID id, List<String> scopePaths) {
        if (scopePaths == null) {
            return find(id);
        }
        return jdbc.sql(SELECT + " WHERE f.id = :id AND" + SCOPE).param("id", id).param("scope", patterns(scopePaths))
                .query(RecoveryFiles::map).optional();
    }

    /** Locks the file's row: every change of a file's money is checked and written under this lock. */
    public void lock(UUID id) {
        jdbc.sql("SELECT id FROM recovery_file WHERE id = ? FOR UPDATE").param(id).query(UUID.class).single();
    }

    /** Open files first, then newest registered first. */
    public Page list(Filter f, List<String> scopePaths, int limit, int offset) {
        return page(f, scopePaths, limit, offset, true);
    }

    /** A page of the list without counting the list again: a ledger reading it page after page counted it once. */
    public List<File> items(Filter f, List<String> scopePaths, int limit, int offset) {
        return page(f, scopePaths, limit, offset, false).items();
    }

    private Page page(Filter f, List<String> scopePaths, int limit, int offset, boolean counted) {
        StringBuilder where = new StringBuilder(" WHERE" + SCOPE);
        if (f.status() != null) {
            where.append(" AND f.status = :status");
        }
        if (f.year() != null) {
            where.append(" AND f.registered_on >= make_date(:year, 1, 1) AND f.registered_on < make_date(:year + 1, 1, 1)");
        }
        if (f.text() != null) {
            where.append(" AND (strpos(f.title, :text) > 0 OR strpos(f.case_number, :text) > 0 OR f.code = :text)");
        }
        var count = jdbc.sql("SELECT count(*) " + FROM + where);
        var rows = jdbc.sql(SELECT + where + "\n" + """
                 ORDER BY (f.status = 'OPEN') DESC, f.registered_on DESC, f.opened_at DESC, f.id
                 LIMIT :limit OFFSET :offset""");
        for (var spec : List.of(count, rows)) {
            spec.param("scope", patterns(scopePaths));
            if (f.status() != null) {
                spec.param("status", f.status().name());
            }
            if (f.year() != null) {
                spec.param("year", f.year());
            }
            if (f.text() != null) {
                spec.param("text", f.text());
            }
        }
        long total = counted ? count.query(Long.class).single() : -1;
        return new Page(rows.param("limit", limit).param("offset", offset).query(RecoveryFiles::map).list(), total);
    }

    public void update(UUID id, String setClause, Object... params) {
        Object[] all = new Object[params.length + 1];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = id;
        jdbc.sql("UPDATE recovery_file SET " + setClause + ", updated_at = now(), version = version + 1 WHERE id = ?")
                .params(all).update();
    }

    /**
     * The police who may hold recovery files and act for them: those whose role keeps the files (the roles granted
     * RECOVERY_WRITE). A volunteer, a mediator or an inspector never owns one (谁主办、谁负责 names a policeman).
     */
    static final String POLICE = "('BUREAU_COMMAND', 'STATION_CHIEF', 'COMMUNITY_OFFICER', 'AUXILIARY_POLICE')";

    /**
     * A policeman who may own a file of this unit: active, and seated at it or above it, so that he sees the file he
     * answers for; one of a sibling office, or of another station, would own a file he cannot open.
     */
    public Optional<String> eligibleOwner(UUID staffId, String unitPath) {
        return jdbc.sql("""
                SELECT s.name FROM staff s JOIN unit su ON su.id = s.unit_id
                WHERE s.id = :id AND s.active AND s.role IN""" + " " + POLICE + """
                  AND :path LIKE su.path || '%'""")
                .param("id", staffId).param("path", unitPath).query(String.class).optional();
    }

    /** A policeman who may act in an event of this unit: active, above it or in the caller's scope. */
    public Optional<String> eligibleStaff(UUID staffId, String unitPath, List<String> scopePaths) {
        return jdbc.sql("""
                SELECT s.name FROM staff s JOIN unit su ON su.id = s.unit_id
                WHERE s.id = :id AND s.active AND s.role IN""" + " " + POLICE + """
                  AND (:path LIKE su.path || '%'
                   OR (CAST(:scope AS text[]) IS NULL OR su.path LIKE ANY(CAST(:scope AS text[]))))""")
                .param("id", staffId).param("path", unitPath)
                .param("scope", scopePaths == null ? null : patterns(scopePaths)).query(String.class).optional();
    }

    public record StaffChoice(UUID id, String name, String unitName) {
    }

    /** The police who may own files of the caller's scope: officers, chiefs, auxiliaries; at most 300. */
    public List<StaffChoice> owners(List<String> scopePaths) {
        return jdbc.sql("""
                SELECT s.id, s.name, su.name FROM staff s JOIN unit su ON su.id = s.unit_id
                WHERE s.active AND s.role IN""" + " " + POLICE + """
                  AND su.path LIKE ANY(CAST(:scope AS text[]))
                ORDER BY su.path, s.name LIMIT 300""")
                .param("scope", patterns(scopePaths))
                .query((rs, n) -> new StaffChoice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    /** The police a file of this unit may be handed to ({@link #eligibleOwner}): at it or above it; at most 300. */
    public List<StaffChoice> ownersOf(String unitPath) {
        return jdbc.sql("""
                SELECT s.id, s.name, su.name FROM staff s JOIN unit su ON su.id = s.unit_id
                WHERE s.active AND s.role IN""" + " " + POLICE + """
                  AND :path LIKE su.path || '%'
                ORDER BY su.path, s.name LIMIT 300""")
                .param("path", unitPath)
                .query((rs, n) -> new StaffChoice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    // ---- victims and losses ----

    public UUID addVictim(UUID fileId, UUID personId, String name, byte[] phone, String phoneMasked) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO recovery_victim (id, file_id, person_id, name, phone, phone_masked) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, fileId, personId, name, phone, phoneMasked).update();
        return id;
    }

    public boolean hasPerson(UUID fileId, UUID personId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM recovery_victim WHERE file_id = ? AND person_id = ?)")
                .params(fileId, personId).query(Boolean.class).single();
    }

    /** The sealed phones (null when none was given) of the file's victims typed by hand under this name. */
    public List<byte[]> namedVictimPhones(UUID fileId, String name) {
        return jdbc.sql("SELECT phone FROM recovery_victim WHERE file_id = ? AND person_id IS NULL AND name = ?")
                .params(fileId, name).query((rs, n) -> rs.getBytes(1)).list();
    }

    public List<Victim> victims(UUID fileId) {
        return jdbc.sql("""
                SELECT v.id, v.person_id, v.name, v.phone_masked,
                       (SELECT coalesce(sum(l.amount_fen), 0) FROM recovery_loss l WHERE l.victim_id = v.id),
                       (SELECT coalesce(sum(r.amount_fen), 0) FROM recovery_return r WHERE r.victim_id = v.id)
                FROM recovery_victim v WHERE v.file_id = ? ORDER BY v.created_at, v.id""")
                .param(fileId).query((rs, n) -> new Victim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6))).list();
    }

    public void addLoss(UUID fileId, UUID victimId, String description, int quantity, long amountFen) {
        jdbc.sql("""
                INSERT INTO recovery_loss (id, file_id, victim_id, description, quantity, amount_fen)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), fileId, victimId, description, quantity, amountFen).update();
    }

    public List<Loss> losses(UUID fileId) {
        return jdbc.sql("""
                SELECT l.id, l.victim_id, l.description, l.quantity, l.amount_fen FROM recovery_loss l
                JOIN recovery_victim v ON v.id = l.victim_id WHERE l.file_id = ? ORDER BY v.created_at, l.description, l.id""")
                .param(fileId).query((rs, n) -> new Loss(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getInt(4), rs.getLong(5))).list();
    }

    // ---- suspects ----

    public UUID addSuspect(UUID fileId, String name, byte[] idCipher, String idMasked, LocalDate caughtOn, String note) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO recovery_suspect (id, file_id, name, id_cipher, id_masked, caught_on, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)""").params(id, fileId, name, idCipher, idMasked, caughtOn, note).update();
        return id;
    }

    public List<Suspect> suspects(UUID fileId) {
        return jdbc.sql("SELECT id, name, id_masked, caught_on, note FROM recovery_suspect WHERE file_id = ? ORDER BY created_at, id")
                .param(fileId).query((rs, n) -> new Suspect(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5))).list();
    }

    /** A victim of the file typed by hand (not from the population records) whose phone was given: the sealed phone. */
    public Optional<byte[]> victimPhoneCipher(UUID fileId, UUID victimId) {
        return jdbc.sql("""
                SELECT phone FROM recovery_victim WHERE file_id = ? AND id = ? AND person_id IS NULL AND phone IS NOT NULL""")
                .params(fileId, victimId).query(byte[].class).optional();
    }

    public Optional<byte[]> suspectIdCipher(UUID fileId, UUID suspectId) {
        return jdbc.sql("SELECT id_cipher FROM recovery_suspect WHERE file_id = ? AND id = ? AND id_cipher IS NOT NULL")
                .params(fileId, suspectId).query(byte[].class).optional();
    }

    // ---- assets ----

    public UUID addAsset(UUID fileId, UUID suspectId, AssetKind kind, String description, long valueFen, String heldAt,
            AssetState state, LocalDate tracedOn) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO recovery_asset (id, file_id, suspect_id, kind, description, value_fen, held_at, state, traced_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, fileId, suspectId, kind.name(), description, valueFen, heldAt, state.name(), tracedOn)
                .update();
        return id;
    }

    public void step(UUID assetId, AssetState from, AssetState to, LocalDate on, String note, UUID by) {
        jdbc.sql("""
                INSERT INTO recovery_asset_step (id, asset_id, from_state, to_state, on_day, note, by_staff)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), assetId, from == null ? null : from.name(), to.name(), on, note, by).update();
    }

    public void setAssetState(UUID assetId, AssetState state) {
        jdbc.sql("UPDATE recovery_asset SET state = ? WHERE id = ?").params(state.name(), assetId).update();
    }

    public void setAssetValue(UUID assetId, long valueFen) {
        jdbc.sql("UPDATE recovery_asset SET value_fen = ? WHERE id = ?").params(valueFen, assetId).update();
    }

    public List<Asset> assets(UUID fileId) {
        return jdbc.sql("""
                SELECT a.id, a.kind, a.description, a.value_fen, a.held_at, a.state, a.traced_on, a.suspect_id, s.name,
                       (SELECT coalesce(sum(r.amount_fen), 0) FROM recovery_return r WHERE r.asset_id = a.id)
                FROM recovery_asset a LEFT JOIN recovery_suspect s ON s.id = a.suspect_id
                WHERE a.file_id = ? ORDER BY a.traced_on, a.created_at, a.id""")
                .param(fileId).query((rs, n) -> new Asset(rs.getObject(1, UUID.class), AssetKind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getLong(4), rs.getString(5), AssetState.valueOf(rs.getString(6)),
                        rs.getObject(7, LocalDate.class), rs.getObject(8, UUID.class), rs.getString(9), rs.getLong(10)))
                .list();
    }

    public List<AssetStep> steps(UUID fileId) {
        return jdbc.sql("""
                SELECT t.asset_id, t.from_state, t.to_state, t.on_day, t.note, s.name FROM recovery_asset_step t
                JOIN recovery_asset a ON a.id = t.asset_id LEFT JOIN staff s ON s.id = t.by_staff
                WHERE a.file_id = ? ORDER BY t.at, t.id""")
                .param(fileId).query((rs, n) -> new AssetStep(rs.getObject(1, UUID.class),
                        rs.getString(2) == null ? null : AssetState.valueOf(rs.getString(2)),
                        AssetState.valueOf(rs.getString(3)), rs.getObject(4, LocalDate.class), rs.getString(5),
                        rs.getString(6))).list();
    }

    /** The file's ledger as it stands, for {@link ReconciliationPolicy}; read under the file's lock. */
    public ReconciliationPolicy.Ledger ledger(UUID fileId) {
        Map<UUID, ReconciliationPolicy.AssetBalance> assets = new LinkedHashMap<>();
        for (Asset a : assets(fileId)) {
            assets.put(a.id(), new ReconciliationPolicy.AssetBalance(a.id(), a.valueFen(), a.state(), a.returnedFen()));
        }
        Map<UUID, ReconciliationPolicy.VictimBalance> victims = new LinkedHashMap<>();
        for (Victim v : victims(fileId)) {
            victims.put(v.id(), new ReconciliationPolicy.VictimBalance(v.id(), v.lostFen(), v.returnedFen()));
        }
        return new ReconciliationPolicy.Ledger(assets, victims);
    }

    // ---- returns ----

    public void addReturn(UUID id, UUID fileId, UUID victimId, UUID assetId, UUID eventId, long amountFen, String items,
            LocalDate returnedOn, UUID returnedBy) {
        jdbc.sql("""
                INSERT INTO recovery_return (id, file_id, victim_id, asset_id, event_id, amount_fen, items, returned_on,
                    returned_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, fileId, victimId, assetId, eventId, amountFen, items, returnedOn, returnedBy).update();
    }

    static final String RETURNS = """
            SELECT r.id, r.file_id, r.victim_id, v.name AS victim_name, r.asset_id, a.description, a.kind, r.amount_fen,
                   r.items, r.returned_on, r.returned_by, s.name AS by_name, r.event_id, r.receipt_signed_on, r.scan_type
            FROM recovery_return r JOIN recovery_victim v ON v.id = r.victim_id JOIN recovery_asset a ON a.id = r.asset_id
            JOIN staff s ON s.id = r.returned_by
            """;

    public List<Return> returns(UUID fileId) {
        return jdbc.sql(RETURNS + " WHERE r.file_id = ? ORDER BY r.returned_on, r.created_at, r.id").param(fileId)
                .query(RecoveryFiles::mapReturn).list();
    }

    public Optional<Return> findReturn(UUID fileId, UUID returnId) {
        return jdbc.sql(RETURNS + " WHERE r.file_id = ? AND r.id = ?").params(fileId, returnId)
                .query(RecoveryFiles::mapReturn).optional();
    }

    /** The returns of an event on files the caller sees (an event of the station shows each office its own). */
    public List<Return> eventReturns(UUID eventId, List<String> scopePaths) {
        return jdbc.sql(RETURNS + """
                 WHERE r.event_id = :event AND EXISTS (SELECT 1 FROM recovery_file f JOIN grid g ON g.id = f.grid_id
                   JOIN unit u ON u.id = g.unit_id WHERE f.id = r.file_id AND u.path LIKE ANY(CAST(:scope AS text[])))
                 ORDER BY v.name, r.id""").param("event", eventId).param("scope", patterns(scopePaths))
                .query(RecoveryFiles::mapReturn).list();
    }

    public void signReceipt(UUID returnId, LocalDate signedOn, UUID by, byte[] scan, String scanType) {
        jdbc.sql("""
                UPDATE recovery_return SET receipt_signed_on = ?, receipt_recorded_by = ?, scan = ?, scan_type = ?
                WHERE id = ?""").params(signedOn, by, scan, scanType, returnId).update();
    }

    public record Scan(byte[] bytes, String type) {
    }

    public Optional<Scan> scan(UUID fileId, UUID returnId) {
        return jdbc.sql("SELECT scan, scan_type FROM recovery_return WHERE file_id = ? AND id = ? AND scan IS NOT NULL")
                .params(fileId, returnId).query((rs, n) -> new Scan(rs.getBytes(1), rs.getString(2))).optional();
    }

    // ---- revisits ----

    public void addRevisit(UUID fileId, UUID victimId, LocalDate on, UUID by, String said, boolean satisfied) {
        jdbc.sql("""
                INSERT INTO recovery_revisit (id, file_id, victim_id, visited_on, visited_by, said, satisfied)
                VALUES (?, ?, ?, ?, ?, ?, ?)""").params(UUID.randomUUID(), fileId, victimId, on, by, said, satisfied)
                .update();
    }

    public List<Revisit> revisits(UUID fileId) {
        return jdbc.sql("""
                SELECT r.id, r.victim_id, v.name, r.visited_on, s.name, r.said, r.satisfied FROM recovery_revisit r
                JOIN recovery_victim v ON v.id = r.victim_id JOIN staff s ON s.id = r.visited_by
                WHERE r.file_id = ? ORDER BY r.visited_on, r.created_at, r.id""")
                .param(fileId).query((rs, n) -> new Revisit(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6),
                        rs.getBoolean(7))).list();
    }

    // ---- collective return events ----

    /**
     * The events with the count and sum of their returns on the files of :scope (null: all), so that an office
     * reading its station's event sees the total of the rows it is shown, not the other offices' returns.
     */
    static final String EVENTS = """
            SELECT e.id, e.unit_id, u.name AS unit_name, u.path AS unit_path, e.held_on, e.place, e.officer_staff_id,
                   s.name AS officer_name, e.victims_present, e.note, t.returns, t.amount
            FROM recovery_return_event e JOIN unit u ON u.id = e.unit_id JOIN staff s ON s.id = e.officer_staff_id
            CROSS JOIN LATERAL (
              SELECT count(*) AS returns, coalesce(sum(r.amount_fen), 0) AS amount
              FROM recovery_return r JOIN recovery_file rf ON rf.id = r.file_id JOIN grid rg ON rg.id = rf.grid_id
              JOIN unit ru ON ru.id = rg.unit_id
              WHERE r.event_id = e.id
                AND (CAST(:scope AS text[]) IS NULL OR ru.path LIKE ANY(CAST(:scope AS text[])))) t
            """;

    public void addEvent(UUID id, UUID unitId, LocalDate heldOn, String place, UUID officer, String victimsPresent,
            String note, UUID by) {
        jdbc.sql("""
                INSERT INTO recovery_return_event (id, unit_id, held_on, place, officer_staff_id, victims_present, note,
                    created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, unitId, heldOn, place, officer, victimsPresent, note, by).update();
    }

    /**
     * Who sees an event: one held by a unit of the caller's subtree, or by a unit above the caller's own (the station's
     * collective return covers its offices' files); null paths see all.
     */
    private static final String EVENT_SCOPE = """
             (CAST(:paths AS text[]) IS NULL OR u.path LIKE ANY(CAST(:scope AS text[]))
               OR EXISTS (SELECT 1 FROM unnest(CAST(:paths AS text[])) AS mine(path) WHERE mine.path LIKE u.path || '%'))
            """;

    public Optional<Event> findEvent(UUID id, List<String> unitPaths) {
        return jdbc.sql(EVENTS + " WHERE e.id = :id AND" + EVENT_SCOPE).param("id", id)
                .param("paths", unitPaths == null ? null : unitPaths.toArray(String[]::new))
                .param("scope", unitPaths == null ? null : patterns(unitPaths))
                .query(RecoveryFiles::mapEvent).optional();
    }

    public List<Event> events(List<String> unitPaths, int limit) {
        return jdbc.sql(EVENTS + " WHERE" + EVENT_SCOPE + " ORDER BY e.held_on DESC, e.id LIMIT :limit")
                .param("paths", unitPaths.toArray(String[]::new)).param("scope", patterns(unitPaths))
                .param("limit", limit).query(RecoveryFiles::mapEvent).list();
    }

    /** The events a file's returns may belong to: held by its grid's unit or a unit above it. */
    public List<Event> eventsFor(String fileUnitPath) {
        return jdbc.sql(EVENTS + " WHERE :path LIKE u.path || '%' ORDER BY e.held_on DESC, e.id LIMIT 50")
                .param("path", fileUnitPath).param("scope", null).query(RecoveryFiles::mapEvent).list();
    }

    /** The unit of a path (the caller's own units), for the event form. */
    public record UnitChoice(UUID id, String name, String path) {
    }

    /** The event form's choices and the units it accepts: a retired unit holds no new event. */
    public List<UnitChoice> units(List<String> scopePaths) {
        return jdbc.sql("""
                SELECT id, name, path FROM unit WHERE path LIKE ANY(CAST(:scope AS text[])) AND retired_at IS NULL
                  AND kind IN ('BUREAU', 'STATION', 'CENTRAL_OFFICE', 'WORKSTATION') ORDER BY path LIMIT 200""")
                .param("scope", patterns(scopePaths))
                .query((rs, n) -> new UnitChoice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    public Optional<UnitChoice> unit(UUID id, List<String> scopePaths) {
        return jdbc.sql("""
                SELECT id, name, path FROM unit WHERE id = :id AND retired_at IS NULL
                  AND (CAST(:scope AS text[]) IS NULL OR path LIKE ANY(CAST(:scope AS text[])))""")
                .param("id", id).param("scope", scopePaths == null ? null : patterns(scopePaths))
                .query((rs, n) -> new UnitChoice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional();
    }

    static String[] patterns(List<String> paths) {
        return paths.stream().map(p -> p + "%").toArray(String[]::new);
    }

    static File map(ResultSet rs, int row) throws SQLException {
        String dept = rs.getString("verify_department");
        return new File(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("case_number"),
                rs.getString("title"), rs.getString("summary"), rs.getObject("grid_id", UUID.class),
                rs.getString("grid_code"), rs.getString("grid_name"), rs.getObject("unit_id", UUID.class),
                rs.getString("unit_name"), rs.getString("unit_path"), rs.getObject("incident_id", UUID.class),
                rs.getString("incident_code"), rs.getObject("registered_on", LocalDate.class),
                rs.getObject("owner_staff_id", UUID.class), rs.getString("owner_name"),
                dept == null ? null : Department.valueOf(dept), rs.getString("verifier_name"),
                rs.getObject("verified_on", LocalDate.class), rs.getString("verification_result"),
                Status.valueOf(rs.getString("status")), rs.getObject("opened_at", OffsetDateTime.class),
                rs.getLong("version"), rs.getLong("lost_fen"), rs.getLong("recovered_fen"), rs.getLong("returned_fen"),
                rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome")),
                rs.getString("outcome_note"), rs.getObject("closed_at", OffsetDateTime.class));
    }

    static Return mapReturn(ResultSet rs, int row) throws SQLException {
        return new Return(rs.getObject("id", UUID.class), rs.getObject("file_id", UUID.class),
                rs.getObject("victim_id", UUID.class), rs.getString("victim_name"), rs.getObject("asset_id", UUID.class),
                rs.getString("description"), AssetKind.valueOf(rs.getString("kind")), rs.getLong("amount_fen"),
                rs.getString("items"), rs.getObject("returned_on", LocalDate.class),
                rs.getObject("returned_by", UUID.class), rs.getString("by_name"), rs.getObject("event_id", UUID.class),
                rs.getObject("receipt_signed_on", LocalDate.class), rs.getString("scan_type"));
    }

    static Event mapEvent(ResultSet rs, int row) throws SQLException {
        return new Event(rs.getObject("id", UUID.class), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("unit_path"), rs.getObject("held_on", LocalDate.class), rs.getString("place"),
                rs.getObject("officer_staff_id", UUID.class), rs.getString("officer_name"),
                rs.getString("victims_present"), rs.getString("note"), rs.getLong("returns"), rs.getLong("amount"));
    }
}
