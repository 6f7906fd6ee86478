package org.fengqiao.supervision.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The supervision notices and their timelines, in SQL. Every read a person makes is scoped by the notice's unit path
 * ({@code unit_path LIKE ANY(scope)}); the published list is the bureau's, as a 通报 is circulated to all its police.
 */
@Repository
public class Notices {

    private static final String VIEW = """
            SELECT n.id, n.year, n.seq, n.unit_id, u.name AS unit_name, u.kind AS unit_kind, n.unit_path,
                   n.leader_id, l.name AS leader_name, n.officer_id, o.name AS officer_name, n.finding, n.found_on,
                   n.place, n.severity, n.due_on, n.state, n.issued_by, n.issued_by_name, n.issued_at, n.overdue_at,
                   n.closed_at,
                   (SELECT st.by_id FROM supervision_step st WHERE st.notice_id = n.id AND st.kind = 'ANSWERED'
                    ORDER BY st.at DESC LIMIT 1) AS answered_by,
                   (SELECT st.at FROM supervision_step st WHERE st.notice_id = n.id AND st.kind = 'ANSWERED'
                    ORDER BY st.at DESC LIMIT 1) AS answered_at,
                   (SELECT count(*) FROM supervision_step st WHERE st.notice_id = n.id
                    AND st.kind = 'ACCOUNTABILITY') AS accountabilities
            FROM supervision_notice n JOIN unit u ON u.id = n.unit_id
            LEFT JOIN staff l ON l.id = n.leader_id LEFT JOIN staff o ON o.id = n.officer_id""";

    private final JdbcClient jdbc;

    private final Jurisdictions jurisdictions;

    Notices(JdbcClient jdbc, Jurisdictions jurisdictions) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
    }

    /** A notice as it is read and audited. {@code number}: as printed, 督通〔2026〕12号. */
    public record View(UUID id, String number, int year, int seq, UUID unitId, String unitName, String unitKind,
            String unitPath, UUID leaderId, String leaderName, UUID officerId, String officerName, String finding,
            LocalDate foundOn, String place, Notice.Severity severity, LocalDate dueOn, Notice.State state,
            UUID issuedBy, String issuedByName, OffsetDateTime issuedAt, OffsetDateTime overdueAt,
            OffsetDateTime closedAt, UUID answeredBy, OffsetDateTime answeredAt, int accountabilities) {

        public boolean overdue() {
            return overdueAt != null;
        }

        /**
         * How many days after its last day the rectification standing was answered (逾期答复), 0 when in time or
         * not answered: the daily job marks only a notice still unanswered, so an answer given late before it ran,
         * or once it had, would otherwise read as any other waiting for acceptance.
         */
        @JsonProperty("lateDays")
        public long lateDays() {
            boolean answered = state == Notice.State.ANSWERED || state == Notice.State.RECTIFIED;
            return answered && answeredAt != null ? daysLate(dueOn, answeredAt) : 0;
        }

        Notice notice() {
            return new Notice(id, state, leaderId, officerId, dueOn, answeredBy,
                    overdueAt == null ? null : overdueAt.toInstant(), closedAt == null ? null : closedAt.toInstant());
        }
    }

    /** The days from a last day to the day (China time) of a moment after it, 0 for one on or before it. */
    public static long daysLate(LocalDate dueOn, OffsetDateTime at) {
        LocalDate on = at.atZoneSameInstant(PeriodFigures.ZONE).toLocalDate();
        return Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(dueOn, on));
    }

    /** One step of a notice's timeline. */
    public record StepView(UUID id, Notice.StepKind kind, OffsetDateTime at, String byName, String note,
            LocalDate doneOn, String evidence, Notice.Measure measure, String targetName) {

        /**
         * Whether the daily job took the step (marked it overdue), no person: its stored name is the job's code,
         * which the page and the print show as {@code supervision.actor.overdue} in the reader's language.
         */
        @JsonIgnore
        public boolean byJob() {
            return kind == Notice.StepKind.OVERDUE;
        }
    }

    /** A unit a notice may be issued to. */
    public record Target(UUID id, String name, String kind, String path) {
    }

    /** A person who may be named responsible in a unit's notice. */
    public record Candidate(UUID id, String name, String role, String title, String unitName) {
    }

    @ChoiceNames("supervision.status.")
    public enum Status { OPEN, OVERDUE, CLOSED }

    /**
     * What the days of a filter bound (where the work figures link to): the day a notice was issued, the day its
     * rectification was accepted, or the moment it went overdue (a notice rectified since stays among those).
     */
    @ChoiceNames("supervision.dated.")
    public enum Dated { ISSUED, RECTIFIED, OVERDUE }

    /**
     * The list's filters; {@code from}/{@code to} the days (both included, China Standard Time) bounding what
     * {@code dated} names (issued when it names nothing), null for no bound.
     */
    public record Filter(Status status, UUID unitId, Integer year, Dated dated, LocalDate from, LocalDate to) {

        public Filter(Status status, UUID unitId, Integer year) {
            this(status, unitId, year, null, null, null);
        }
    }

    public record Page(List<View> items, long total) {
    }

    public static String number(int year, int seq) {
        return "督通〔" + year + "〕" + seq + "号";
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static View map(ResultSet rs, int n) throws SQLException {
        int year = rs.getInt("year");
        int seq = rs.getInt("seq");
        return new View(rs.getObject("id", UUID.class), number(year, seq), year, seq,
                rs.getObject("unit_id", UUID.class), rs.getString("unit_name"), rs.getString("unit_kind"),
                rs.getString("unit_path"), rs.getObject("leader_id", UUID.class), rs.getString("leader_name"),
                rs.getObject("officer_id", UUID.class),
                rs.getString("officer_name"), rs.getString("finding"), rs.getObject("found_on", LocalDate.class),
                rs.getString("place"), Notice.Severity.valueOf(rs.getString("severity")),
                rs.getObject("due_on", LocalDate.class), Notice.State.valueOf(rs.getString("state")),
                rs.getObject("issued_by", UUID.class), rs.getString("issued_by_name"),
                rs.getObject("issued_at", OffsetDateTime.class), rs.getObject("overdue_at", OffsetDateTime.class),
                rs.getObject("closed_at", OffsetDateTime.class), rs.getObject("answered_by", UUID.class),
                rs.getObject("answered_at", OffsetDateTime.class), rs.getInt("accountabilities"));
    }

    private static Target target(ResultSet rs, int n) throws SQLException {
        return new Target(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("kind"),
                rs.getString("path"));
    }

    /** The next number of a bureau's year: one row per bureau and year, taken under its row lock. */
    int nextSeq(UUID bureauId, int year) {
        return jdbc.sql("""
                INSERT INTO supervision_number (bureau_id, year, last) VALUES (?, ?, 1)
                ON CONFLICT (bureau_id, year) DO UPDATE SET last = supervision_number.last + 1
                RETURNING last""").params(bureauId, year).query(Integer.class).single();
    }

    record New(UUID id, UUID bureauId, int year, int seq, UUID unitId, String unitPath, UUID leaderId, UUID officerId,
            String finding, LocalDate foundOn, String place, Notice.Severity severity, LocalDate dueOn,
            UUID issuedBy, String issuedByName, Instant issuedAt) {
    }

    void insert(New n) {
        jdbc.sql("""
                INSERT INTO supervision_notice (id, bureau_id, year, seq, unit_id, unit_path, leader_id, officer_id,
                    finding, found_on, place, severity, due_on, state, issued_by, issued_by_name, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ISSUED', ?, ?, ?)""")
                .params(n.id(), n.bureauId(), n.year(), n.seq(), n.unitId(), n.unitPath(), n.leaderId(),
                        n.officerId(), n.finding(), n.foundOn(), n.place(), n.severity().name(), n.dueOn(),
                        n.issuedBy(), n.issuedByName(), at(n.issuedAt()))
                .update();
    }

    public Optional<View> view(UUID id) {
        return jdbc.sql(VIEW + " WHERE n.id = ?").param(id).query(Notices::map).optional();
    }

    public Optional<View> visible(UUID id, String[] scope) {
        return jdbc.sql(VIEW + " WHERE n.id = ? AND n.unit_path LIKE ANY(?)").params(id, scope)
                .query(Notices::map).optional();
    }

    void lock(UUID id) {
        jdbc.sql("SELECT id FROM supervision_notice WHERE id = ? FOR NO KEY UPDATE").param(id).query(UUID.class)
                .optional();
    }

    void save(Notice n) {
        jdbc.sql("""
                UPDATE supervision_notice SET state = ?, overdue_at = ?, closed_at = ?, version = version + 1
                WHERE id = ?""").params(n.state().name(), at(n.overdueAt()), at(n.closedAt()), n.id()).update();
    }

    void addStep(UUID noticeId, Notice.Step s) {
        jdbc.sql("""
                INSERT INTO supervision_step (id, notice_id, kind, at, by_id, by_name, note, done_on, evidence,
                    measure, target_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), noticeId, s.kind().name(), at(s.at()), s.byId(), s.byName(), s.note(),
                        s.doneOn(), s.evidence(), s.measure() == null ? null : s.measure().name(), s.targetId())
                .update();
    }

    public List<StepView> steps(UUID noticeId) {
        return jdbc.sql("""
                SELECT st.id, st.kind, st.at, st.by_name, st.note, st.done_on, st.evidence, st.measure, t.name AS target
                FROM supervision_step st LEFT JOIN staff t ON t.id = st.target_id
                WHERE st.notice_id = ? ORDER BY st.at, st.id""").param(noticeId)
                .query((rs, n) -> new StepView(rs.getObject("id", UUID.class),
                        Notice.StepKind.valueOf(rs.getString("kind")), rs.getObject("at", OffsetDateTime.class),
                        rs.getString("by_name"), rs.getString("note"), rs.getObject("done_on", LocalDate.class),
                        rs.getString("evidence"),
                        rs.getString("measure") == null ? null : Notice.Measure.valueOf(rs.getString("measure")),
                        rs.getString("target"))).list();
    }

    /** Those a notice already held to account (its accountability steps' targets). */
    public List<UUID> heldToAccount(UUID noticeId) {
        return jdbc.sql("""
                SELECT DISTINCT target_id FROM supervision_step WHERE notice_id = ? AND kind = 'ACCOUNTABILITY'""")
                .param(noticeId).query(UUID.class).list();
    }

    /** The notices of the scope, filtered, the open ones first, then the newest. */
    public Page list(Filter f, String[] scope, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = where(f, scope, params);
        long total = jdbc.sql("SELECT count(*) FROM supervision_notice n WHERE " + where).params(params)
                .query(Long.class).single();
        List<Object> page = new ArrayList<>(params);
        page.add(limit);
        page.add(offset);
        List<View> items = jdbc.sql(VIEW + " WHERE " + where
                + " ORDER BY n.state = 'RECTIFIED', n.year DESC, n.seq DESC LIMIT ? OFFSET ?")
                .params(page).query(Notices::map).list();
        return new Page(items, total);
    }

    private static String where(Filter f, String[] scope, List<Object> params) {
        StringBuilder where = new StringBuilder("n.unit_path LIKE ANY(?)");
        params.add(scope);
        if (f.status() != null) {
            where.append(switch (f.status()) {
                case OPEN -> " AND n.state <> 'RECTIFIED'";
                case OVERDUE -> " AND n.state <> 'RECTIFIED' AND n.overdue_at IS NOT NULL";
                case CLOSED -> " AND n.state = 'RECTIFIED'";
            });
        }
        if (f.unitId() != null) {
            where.append(" AND n.unit_path LIKE (SELECT path || '%' FROM unit WHERE id = ?)");
            params.add(f.unitId());
        }
        if (f.year() != null) {
            where.append(" AND n.year = ?");
            params.add(f.year());
        }
        Dated dated = f.dated() == null && (f.from() != null || f.to() != null) ? Dated.ISSUED : f.dated();
        if (dated != null) {
            // the same moments the work figures count (SupervisionFigures)
            String at = switch (dated) {
                case ISSUED -> "n.issued_at";
                case RECTIFIED -> "n.closed_at";
                case OVERDUE -> "n.overdue_at";
            };
            where.append(dated == Dated.RECTIFIED ? " AND n.state = 'RECTIFIED'" : "")
                    .append(" AND ").append(at).append(" IS NOT NULL");
            if (f.from() != null) {
                where.append(" AND ").append(at).append(" >= ?");
                params.add(f.from().atStartOfDay(PeriodFigures.ZONE).toOffsetDateTime());
            }
            if (f.to() != null) {
                where.append(" AND ").append(at).append(" < ?");
                params.add(f.to().plusDays(1).atStartOfDay(PeriodFigures.ZONE).toOffsetDateTime());
            }
        }
        return where.toString();
    }

    /**
     * The notices concerning a person: naming him responsible, or to a unit of his scope, open ones first. For the
     * unit's own view (a station chief sees his station's, an officer his workstation's and those naming him).
     */
    public List<View> concerning(UUID staffId, String[] scope, int limit) {
        return jdbc.sql(VIEW + " " + """
                WHERE n.unit_path LIKE ANY(?) AND (n.leader_id = ? OR n.officer_id = ? OR n.state <> 'RECTIFIED')
                ORDER BY n.state = 'RECTIFIED', n.due_on, n.seq LIMIT ?""")
                .params(scope, staffId, staffId, limit).query(Notices::map).list();
    }

    /** The published notices (通报) of a bureau, newest first: what every police officer of the bureau reads. */
    public Page published(String bureauPath, Integer year, int limit, int offset) {
        String where = "n.unit_path LIKE ?" + (year == null ? "" : " AND n.year = " + year.intValue());
        long total = jdbc.sql("SELECT count(*) FROM supervision_notice n WHERE " + where).param(bureauPath + "%")
                .query(Long.class).single();
        List<View> items = jdbc.sql(VIEW + " WHERE " + where + " ORDER BY n.year DESC, n.seq DESC LIMIT ? OFFSET ?")
                .params(bureauPath + "%", limit, offset).query(Notices::map).list();
        return new Page(items, total);
    }

    /** One person held to account on a notice (its accountability step), as the work figures count them. */
    public record HeldToAccount(UUID id, OffsetDateTime at, UUID noticeId, String number, String unitName,
            String targetName, Notice.Measure measure, String byName, String note) {
    }

    /** The persons held to account on the notices: where {@link #heldToAccount} lists them. */
    public record Accountabilities(List<HeldToAccount> items, long total) {
    }

    /**
     * An accountability step {@code s} of a notice {@code n} to a unit of the subtrees {@code :under}, made in
     * [{@code :start}, {@code :end}): a person held to account as the work figures count them (SupervisionFigures).
     */
    static final String HELD_IN = " FROM supervision_step s JOIN supervision_notice n ON n.id = s.notice_id"
            + " WHERE n.unit_path LIKE ANY(CAST(:under AS text[])) AND s.kind = 'ACCOUNTABILITY'"
            + " AND s.at >= :start AND s.at < :end";

    /** The persons held to account under the subtrees over the days, oldest first, a page of them and the total. */
    public Accountabilities heldToAccount(String[] under, PeriodFigures.Period days, int limit, int offset) {
        long total = jdbc.sql("SELECT count(*)" + HELD_IN).param("under", under).param("start", days.start())
                .param("end", days.end()).query(Long.class).single();
        List<HeldToAccount> items = jdbc.sql("""
                SELECT s.id, s.at, n.id AS notice_id, n.year, n.seq, u.name AS unit_name, t.name AS target,
                       s.measure, s.by_name, s.note""" + HELD_IN.replace(" WHERE",
                " JOIN unit u ON u.id = n.unit_id LEFT JOIN staff t ON t.id = s.target_id WHERE")
                + " ORDER BY s.at, s.id LIMIT :limit OFFSET :offset")
                .param("under", under).param("start", days.start()).param("end", days.end())
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new HeldToAccount(rs.getObject("id", UUID.class),
                        rs.getObject("at", OffsetDateTime.class), rs.getObject("notice_id", UUID.class),
                        number(rs.getInt("year"), rs.getInt("seq")), rs.getString("unit_name"), rs.getString("target"),
                        rs.getString("measure") == null ? null : Notice.Measure.valueOf(rs.getString("measure")),
                        rs.getString("by_name"), rs.getString("note")))
                .list();
        return new Accountabilities(items, total);
    }

    /** A unit of the scope (any kind), as a filter names it; empty when it lies outside or does not exist. */
    public Optional<Target> unitIn(UUID unitId, String[] scope) {
        return jdbc.sql("SELECT id, name, kind, path FROM unit WHERE id = ? AND path LIKE ANY(?)")
                .params(unitId, scope)
                .query(Notices::target).optional();
    }

    /** The years that have notices in the scope, newest first. */
    public List<Integer> years(String[] scope) {
        return jdbc.sql("SELECT DISTINCT year FROM supervision_notice WHERE unit_path LIKE ANY(?) ORDER BY year DESC")
                .param(scope).query(Integer.class).list();
    }

    /** The issued notices whose last day is before {@code today}, for the overdue job. */
    List<UUID> pastDue(LocalDate today, int limit) {
        return jdbc.sql("""
                SELECT id FROM supervision_notice WHERE state = 'ISSUED' AND due_on < ? ORDER BY due_on LIMIT ?""")
                .params(today, limit).query(UUID.class).list();
    }

    /**
     * The units of the caller's tree a notice may be issued to: stations, central offices, workstations, in the
     * tree's order. Taken from the jurisdiction's own list, so that a unit retired (merged away) is neither offered
     * nor accepted, as in every other choice of a unit.
     */
    public List<Target> targets(Caller caller) {
        return jurisdictions.visibleUnits(caller).stream()
                .filter(u -> u.kind() == UnitKind.STATION || u.kind() == UnitKind.CENTRAL_OFFICE
                        || u.kind() == UnitKind.WORKSTATION)
                .map(u -> new Target(u.id().value(), u.name(), u.kind().name(), u.path())).toList();
    }

    /**
     * Who may be named responsible for a unit: the active police of the unit and of the units above it up to its
     * station (a workstation's leader is its central office's or station's chief). Not those of the units under it:
     * their scope does not hold the notice's unit, so named in it they would neither be told nor could read it.
     */
    public List<Candidate> candidates(String unitPath) {
        return jdbc.sql("""
                SELECT s.id, s.name, s.role, s.title, u.name AS unit_name FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.active AND s.role IN ('STATION_CHIEF', 'COMMUNITY_OFFICER', 'AUXILIARY_POLICE')
                  AND starts_with(?, u.path) AND u.kind <> 'BUREAU'
                ORDER BY s.role = 'STATION_CHIEF' DESC, length(u.path), s.name""")
                .params(unitPath)
                .query((rs, n) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("role"), rs.getString("title"), rs.getString("unit_name"))).list();
    }
}
