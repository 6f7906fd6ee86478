package org.fengqiao.duty.internal;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each officer's result for a duty whose period closed (duty_result), kept as it was when written: his name and unit
 * then, the item's text then. Read in a subtree by the unit path kept with it ({@code unit_path LIKE ANY(:scope)}), so
 * an officer who moved since is counted where he was. The days recorded (duty_result_day) say from when the results
 * are kept and that no day is missing between.
 */
@Repository
public class DutyResults {

    /** A result as the list shows it: the unit's name is today's (the unit is the one he was in). */
    public record Result(UUID officerId, String officerName, UUID unitId, String unitName, String unitPath,
            String item, String itemText, String period, LocalDate start, LocalDate end, String state, int records) {

        public boolean done() {
            return "DONE".equals(state);
        }
    }

    /** Done and due of the results counted. */
    public record Tally(long done, long due) {
    }

    private final JdbcClient jdbc;

    DutyResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A record not withdrawn of an item, by an officer, on a day: what the closing periods' results count. */
    public record Counted(UUID officerId, String item, LocalDate doneOn) {
    }

    /** The records not withdrawn of each item from its period's first day ({@code starts}, in step) to {@code day}. */
    List<Counted> counted(List<String> items, List<LocalDate> starts, LocalDate day) {
        if (items.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT r.officer_id, r.item, r.done_on
                  FROM duty_record r
                  JOIN unnest(CAST(:items AS text[]), CAST(:starts AS date[])) AS c(item, first) ON c.item = r.item
                 WHERE r.withdrawn_at IS NULL AND r.done_on BETWEEN c.first AND :day AND r.done_on >= :earliest
                """).param("items", items.toArray(String[]::new))
                .param("starts", starts.stream().map(LocalDate::toString).toArray(String[]::new)).param("day", day)
                .param("earliest", starts.stream().min(LocalDate::compareTo).orElse(day))
                .query((rs, n) -> new Counted(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class)))
                .list();
    }

    /** Writes a result unless one is there for the officer, item and period already; true when written. */
    boolean insert(UUID officer, String name, UUID unitId, String unitPath, String item, String itemText,
            String period, LocalDate start, LocalDate end, String state, int records, OffsetDateTime at) {
        return jdbc.sql("""
                INSERT INTO duty_result (officer_id, officer_name, unit_id, unit_path, item, item_text, period,
                                         period_start, period_end, state, records, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (officer_id, item, period_start) DO NOTHING
                """).params(officer, name, unitId, unitPath, item, itemText, period, start, end, state, records, at)
                .update() == 1;
    }

    /**
     * Notes the officers who owe the duties closing on {@code day} and the units they are in, unless the day's roll
     * was taken already; answers how many were noted (0 then).
     */
    int rollCall(LocalDate day, List<DutyRecords.Officer> officers, OffsetDateTime at) {
        if (jdbc.sql("INSERT INTO duty_roll_day (closed_on, taken_at) VALUES (?, ?) ON CONFLICT (closed_on) DO NOTHING")
                .params(day, at).update() == 0) {
            return 0;
        }
        if (officers.isEmpty()) {
            return 0;
        }
        // one statement for the whole roll (a county's officers), not a round trip per officer
        jdbc.sql("""
                INSERT INTO duty_roll (closed_on, officer_id, officer_name, unit_id, unit_path, since)
                SELECT :day, o.id, o.name, o.unit_id, o.unit_path, o.since
                  FROM unnest(CAST(:ids AS uuid[]), CAST(:names AS text[]), CAST(:units AS uuid[]),
                              CAST(:paths AS text[]), CAST(:since AS date[])) AS o(id, name, unit_id, unit_path, since)
                """).param("day", day)
                .param("ids", officers.stream().map(o -> o.id().toString()).toArray(String[]::new))
                .param("names", officers.stream().map(DutyRecords.Officer::name).toArray(String[]::new))
                .param("units", officers.stream().map(o -> o.unitId().toString()).toArray(String[]::new))
                .param("paths", officers.stream().map(DutyRecords.Officer::unitPath).toArray(String[]::new))
                .param("since", officers.stream().map(o -> o.since().toString()).toArray(String[]::new))
                .update();
        return officers.size();
    }

    /** The last day whose roll was taken. */
    Optional<LocalDate> lastRollDay() {
        return jdbc.sql("SELECT max(closed_on) FROM duty_roll_day").query(LocalDate.class).optional();
    }

    /** The officers the roll of {@code day} noted, as they were then; empty when it was never taken. */
    Optional<List<DutyRecords.Officer>> roll(LocalDate day) {
        boolean taken = jdbc.sql("SELECT EXISTS (SELECT 1 FROM duty_roll_day WHERE closed_on = ?)").param(day)
                .query(Boolean.class).single();
        if (!taken) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                SELECT officer_id, officer_name, unit_id, unit_path, since FROM duty_roll WHERE closed_on = ?
                 ORDER BY unit_path, officer_name""").param(day)
                .query((rs, n) -> new DutyRecords.Officer(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, UUID.class), null, rs.getString(4), rs.getObject(5, LocalDate.class)))
                .list());
    }

    /** Drops the officers of a day's roll once its results are written (the day's row stays). */
    void rollDone(LocalDate day) {
        jdbc.sql("DELETE FROM duty_roll WHERE closed_on = ?").param(day).update();
    }

    /** Marks the day's closing periods recorded; false when it was already. */
    boolean dayRecorded(LocalDate day, int results, OffsetDateTime at) {
        return jdbc.sql("INSERT INTO duty_result_day (closed_on, results, recorded_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (closed_on) DO NOTHING").params(day, results, at).update() == 1;
    }

    void dayWritten(LocalDate day, int results) {
        jdbc.sql("UPDATE duty_result_day SET results = ? WHERE closed_on = ?").params(results, day).update();
    }

    /** The last day whose closing periods are recorded. */
    public Optional<LocalDate> lastDay() {
        return jdbc.sql("SELECT max(closed_on) FROM duty_result_day").query(LocalDate.class).optional();
    }

    /** The first day whose closing periods are recorded: the results are kept from it. */
    public Optional<LocalDate> keptFrom() {
        return jdbc.sql("SELECT min(closed_on) FROM duty_result_day").query(LocalDate.class).optional();
    }

    /**
     * Whether the results of every day from {@code first} to {@code last} are kept: false when a day of them was never
     * recorded (before the results were kept, a gap the job could not catch up, or days not settled yet: a rate of
     * the days settled so far would leave out the period's last days and the month's duties closing on its last).
     */
    public boolean kept(LocalDate first, LocalDate last) {
        long days = last.toEpochDay() - first.toEpochDay() + 1;
        long recorded = jdbc.sql("SELECT count(*) FROM duty_result_day WHERE closed_on BETWEEN ? AND ?")
                .params(first, last).query(Long.class).single();
        return recorded == days;
    }

    /**
     * A result {@code x} counted for a period: its own period ended in [:from, :to], its officer's unit then in
     * the subtrees {@code :under}; of one officer, one state when named.
     */
    static final String IN = " FROM duty_result x JOIN unit u ON u.id = x.unit_id WHERE x.unit_path LIKE ANY(:under)"
            + " AND x.period_end BETWEEN :from AND :to"
            + " AND (CAST(:officer AS uuid) IS NULL OR x.officer_id = CAST(:officer AS uuid))"
            + " AND (CAST(:state AS text) IS NULL OR x.state = CAST(:state AS text))";

    public Tally tally(String[] under, LocalDate from, LocalDate to) {
        return count(under, from, to, null, null);
    }

    /** The results counted, a page of them: by the period's end, the officer's unit then, his name, the item. */
    public List<Result> list(String[] under, LocalDate from, LocalDate to, UUID officer, String state, int limit,
            int offset) {
        return jdbc.sql("SELECT x.*, u.name AS unit_name" + IN
                        + " ORDER BY x.period_end, x.unit_path, x.officer_name, x.officer_id, x.item"
                        + " LIMIT :limit OFFSET :offset")
                .param("under", under).param("from", from).param("to", to)
                .param("officer", officer, java.sql.Types.OTHER).param("state", state, java.sql.Types.VARCHAR)
                .param("limit", limit).param("offset", offset).query(DutyResults::result).list();
    }

    /** How many {@link #list} lists in all, and how many of them DONE. */
    public Tally count(String[] under, LocalDate from, LocalDate to, UUID officer, String state) {
        return jdbc.sql("SELECT count(*) FILTER (WHERE x.state = 'DONE'), count(*)" + IN)
                .param("under", under).param("from", from).param("to", to)
                .param("officer", officer, java.sql.Types.OTHER).param("state", state, java.sql.Types.VARCHAR)
                .query((rs, n) -> new Tally(rs.getLong(1), rs.getLong(2))).single();
    }

    /**
     * Done and due of each of these officers' results whose period ended in [from, to], kept in the subtrees
     * {@code under}; an officer with none is left out.
     */
    public Map<UUID, Tally> byOfficer(Collection<UUID> officers, String[] under, LocalDate from, LocalDate to) {
        Map<UUID, Tally> found = new HashMap<>();
        if (officers.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT x.officer_id, count(*) FILTER (WHERE x.state = 'DONE'), count(*) FROM duty_result x
                 WHERE x.officer_id = ANY(:officers) AND x.unit_path LIKE ANY(:under)
                   AND x.period_end BETWEEN :from AND :to
                 GROUP BY x.officer_id""")
                .param("officers", officers.toArray(UUID[]::new)).param("under", under).param("from", from)
                .param("to", to)
                .query(rs -> {
                    found.put(rs.getObject(1, UUID.class), new Tally(rs.getLong(2), rs.getLong(3)));
                });
        return found;
    }

    /** The officers with results counted there, for the list's filter: id and name as kept, by name. */
    public List<Result> officers(String[] under, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT DISTINCT ON (x.officer_name, x.officer_id) x.*, u.name AS unit_name
                  FROM duty_result x JOIN unit u ON u.id = x.unit_id WHERE x.unit_path LIKE ANY(:under) AND x.period_end BETWEEN :from AND :to
                 ORDER BY x.officer_name, x.officer_id
                """).param("under", under).param("from", from).param("to", to).query(DutyResults::result).list();
    }

    private static Result result(ResultSet rs, int i) throws SQLException {
        return new Result(rs.getObject("officer_id", UUID.class), rs.getString("officer_name"),
                rs.getObject("unit_id", UUID.class), rs.getString("unit_name"), rs.getString("unit_path"),
                rs.getString("item"),
                rs.getString("item_text"), rs.getString("period"), rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class), rs.getString("state"), rs.getInt("records"));
    }
}
