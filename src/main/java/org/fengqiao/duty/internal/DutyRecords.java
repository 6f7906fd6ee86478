package org.fengqiao.duty.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.duty.OnDuty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The duty records and the officers who keep them. A record is read by its author, or by those whose scope holds the
 * author's unit ({@code u.path LIKE ANY(:scope)} inside the SQL), so one outside the reader's subtree is not found.
 */
@Repository
public class DutyRecords implements OnDuty {

    /**
     * A record as it is shown: where is the unit's name, and the grid's when one was named. The note and the reason
     * of a withdrawal are free text that may speak of residents: {@link #withheld()} leaves them out for a reader
     * other than the officer and those above him (NotePolicy), {@code noteWithheld} saying so.
     */
    public record Record(UUID id, UUID officerId, String officerName, String item, LocalDate doneOn, String note,
            UUID unitId, String unitName, UUID gridId, String gridName, Integer participants, String source,
            OffsetDateTime recordedAt, OffsetDateTime withdrawnAt, String withdrawnReason, String placePath,
            @JsonIgnore String officerPath, boolean noteWithheld) {

        public boolean withdrawn() {
            return withdrawnAt != null;
        }

        /** The same record with its note written otherwise (in the reader's language). */
        public Record withNote(String text) {
            return new Record(id, officerId, officerName, item, doneOn, text, unitId, unitName, gridId, gridName,
                    participants, source, recordedAt, withdrawnAt, withdrawnReason, placePath, officerPath,
                    noteWithheld);
        }

        /** The same record without its note and its reason of withdrawal, marked as withheld. */
        public Record withheld() {
            return new Record(id, officerId, officerName, item, doneOn, null, unitId, unitName, gridId, gridName,
                    participants, source, recordedAt, withdrawnAt, null, placePath, officerPath, true);
        }
    }

    /**
     * An officer with duties: a community officer of the scope, with the day he took them up (his account's, or his
     * first record's when that is earlier: records carried over from paper).
     */
    public record Officer(UUID id, String name, UUID unitId, String unitName, String unitPath, LocalDate since) {
    }

    private static final String SELECT = """
            SELECT r.id, r.officer_id, s.name AS officer_name, r.item, r.done_on, r.note, r.unit_id,
                   pu.name AS unit_name, r.grid_id, g.name AS grid_name, r.participants, r.source, r.recorded_at,
                   r.withdrawn_at, r.withdrawn_reason, pu.path AS place_path, u.path AS officer_path
              FROM duty_record r
              JOIN staff s ON s.id = r.officer_id
              JOIN unit u ON u.id = s.unit_id
              JOIN unit pu ON pu.id = r.unit_id
              LEFT JOIN grid g ON g.id = r.grid_id
            """;

    private final JdbcClient jdbc;

    DutyRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when a record of the same source is there already (a concurrent delivery of its event just wrote it). */
    boolean insert(UUID id, UUID officer, String item, LocalDate doneOn, String note, UUID unitId, UUID gridId,
            Integer participants, String source, UUID sourceId, OffsetDateTime at) {
        return jdbc.sql("""
                INSERT INTO duty_record (id, officer_id, item, done_on, note, unit_id, grid_id, participants, source,
                                         source_id, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, source_id) WHERE source_id IS NOT NULL DO NOTHING
                """).params(id, officer, item, doneOn, note, unitId, gridId, participants, source, sourceId, at)
                .update() == 1;
    }

    /** Whether a record of this source (a shift, a visit, a screening, an inspection) is there already. */
    boolean fromSource(String source, UUID sourceId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM duty_record WHERE source = ? AND source_id = ?)")
                .params(source, sourceId).query(Boolean.class).single();
    }

    public Optional<Record> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(DutyRecords::record).optional();
    }

    /** A record its author reads, or one whose author sits in the reader's scope. */
    public Optional<Record> visible(UUID id, UUID reader, String[] scope) {
        return jdbc.sql(SELECT + " WHERE r.id = :id AND (r.officer_id = :reader OR u.path LIKE ANY(:scope))")
                .param("id", id).param("reader", reader).param("scope", scope).query(DutyRecords::record).optional();
    }

    Optional<Record> lock(UUID id) {
        jdbc.sql("SELECT id FROM duty_record WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
        return find(id);
    }

    boolean withdraw(UUID id, OffsetDateTime at, String reason) {
        return jdbc.sql("""
                UPDATE duty_record SET withdrawn_at = ?, withdrawn_reason = ?, version = version + 1
                 WHERE id = ? AND withdrawn_at IS NULL
                """).params(at, reason, id).update() == 1;
    }

    /** The records of these officers done in [from, to], oldest first (withdrawn ones too). */
    public List<Record> of(Collection<UUID> officers, LocalDate from, LocalDate to) {
        if (officers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE r.officer_id = ANY(:officers) AND r.done_on BETWEEN :from AND :to"
                        + " ORDER BY r.done_on, r.recorded_at")
                .param("officers", officers.toArray(UUID[]::new)).param("from", from).param("to", to)
                .query(DutyRecords::record).list();
    }

    /**
     * A record {@code r} as the work figures count duties done (DutyFigures): done in [:from, :to] at a unit
     * {@code pu} of the subtrees {@code :under}, not withdrawn, of the item {@code :item} when one is named.
     */
    static final String DONE_IN = " WHERE pu.path LIKE ANY(:under) AND r.withdrawn_at IS NULL"
            + " AND r.done_on BETWEEN :from AND :to AND (CAST(:item AS text) IS NULL OR r.item = CAST(:item AS text))";

    /** The records done in a period where the work figures count them, oldest first, a page of them. */
    public List<Record> done(String[] under, LocalDate from, LocalDate to, String item, int limit, int offset) {
        return jdbc.sql(SELECT + DONE_IN + " ORDER BY r.done_on, r.recorded_at, r.id LIMIT :limit OFFSET :offset")
                .param("under", under).param("from", from).param("to", to).param("item", item)
                .param("limit", limit).param("offset", offset).query(DutyRecords::record).list();
    }

    /** How many {@link #done} lists in all. */
    public long doneCount(String[] under, LocalDate from, LocalDate to, String item) {
        return jdbc.sql("SELECT count(*) FROM duty_record r JOIN unit pu ON pu.id = r.unit_id" + DONE_IN)
                .param("under", under).param("from", from).param("to", to).param("item", item)
                .query(Long.class).single();
    }

    /** The active community officers under {@code under} (a unit path) inside the scope, by unit then name. */
    public List<Officer> officers(String under, String[] scope) {
        return jdbc.sql("""
                SELECT s.id, s.name, u.id AS unit_id, u.name AS unit_name, u.path,
                       LEAST((s.created_at AT TIME ZONE 'Asia/Shanghai')::date,
                             (SELECT min(d.done_on) FROM duty_record d WHERE d.officer_id = s.id)) AS since
                  FROM staff s JOIN unit u ON u.id = s.unit_id
                 WHERE s.role = 'COMMUNITY_OFFICER' AND s.active AND u.path LIKE :under AND u.path LIKE ANY(:scope)
                 ORDER BY u.path, s.name
                """).param("under", under + "%").param("scope", scope)
                .query(DutyRecords::officer)
                .list();
    }

    /** One active community officer inside the scope. */
    public Optional<Officer> officer(UUID id, String[] scope) {
        return jdbc.sql("""
                SELECT s.id, s.name, u.id AS unit_id, u.name AS unit_name, u.path,
                       LEAST((s.created_at AT TIME ZONE 'Asia/Shanghai')::date,
                             (SELECT min(d.done_on) FROM duty_record d WHERE d.officer_id = s.id)) AS since
                  FROM staff s JOIN unit u ON u.id = s.unit_id
                 WHERE s.id = :id AND s.role = 'COMMUNITY_OFFICER' AND u.path LIKE ANY(:scope)
                """).param("id", id).param("scope", scope)
                .query(DutyRecords::officer)
                .optional();
    }

    /** The officers' {@link Officer#since} days, reckoned as {@link #officers} reckons them. */
    @Override
    public Map<UUID, LocalDate> since(Collection<UUID> staff) {
        Map<UUID, LocalDate> found = new HashMap<>();
        if (staff.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT s.id, LEAST((s.created_at AT TIME ZONE 'Asia/Shanghai')::date,
                                   (SELECT min(d.done_on) FROM duty_record d WHERE d.officer_id = s.id)) AS since
                  FROM staff s WHERE s.id = ANY(:staff)
                """).param("staff", staff.toArray(UUID[]::new))
                .query(rs -> {
                    found.put(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class));
                });
        return found;
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM duty_record)").query(Boolean.class).single();
    }

    private static Officer officer(ResultSet rs, int i) throws SQLException {
        return new Officer(rs.getObject("id", UUID.class), rs.getString("name"), rs.getObject("unit_id", UUID.class),
                rs.getString("unit_name"), rs.getString("path"), rs.getObject("since", LocalDate.class));
    }

    private static Record record(ResultSet rs, int i) throws SQLException {
        Integer participants = rs.getObject("participants", Integer.class);
        return new Record(rs.getObject("id", UUID.class), rs.getObject("officer_id", UUID.class),
                rs.getString("officer_name"), rs.getString("item"), rs.getObject("done_on", LocalDate.class),
                rs.getString("note"), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getObject("grid_id", UUID.class), rs.getString("grid_name"), participants,
                rs.getString("source"), rs.getObject("recorded_at", OffsetDateTime.class),
                rs.getObject("withdrawn_at", OffsetDateTime.class), rs.getString("withdrawn_reason"),
                rs.getString("place_path"), rs.getString("officer_path"), false);
    }
}
