package org.fengqiao.worklog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The work log entries, the versions their edits replaced, review remarks, and the column's comments and likes. Lists
 * are scoped inside the SQL: one's own entries by author, a supervisor's by his subtrees
 * ({@code u.path LIKE ANY(:scope)}), the column by the bureau's path.
 */
@Repository
public class Worklogs {

    /**
     * An entry with its author's and unit's names and how many remarks, comments and likes it has;
     * {@code reviewedVersion} the latest version a review remark was written on (null before any).
     */
    public record Entry(UUID id, UUID authorId, String authorName, UUID unitId, String unitName, String unitPath,
            WorklogKind kind, LocalDate periodStart, LocalDate periodEnd, String title, String body,
            OffsetDateTime sharedAt, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version, long remarks,
            long comments, long likes, Long reviewedVersion) {

        public boolean shared() {
            return sharedAt != null;
        }

        /** Whether the author changed the entry after the last review remark: the remarks answer an older text. */
        public boolean editedSinceReview() {
            return reviewedVersion != null && version > reviewedVersion;
        }

        /**
         * Whether the title or the text holds an identity or mobile number: an entry saved before numbers were
         * refused in private ones may, and cannot be shared until its author edits the number out.
         */
        public boolean holdsPersonalNumber() {
            return PersonalNumbers.found(title).isPresent() || PersonalNumbers.found(body).isPresent();
        }
    }

    /** A version an edit replaced, as it was saved. */
    public record Revision(long version, WorklogKind kind, LocalDate periodStart, String unitName, String title,
            String body, OffsetDateTime savedAt, OffsetDateTime replacedAt) {
    }

    /** A review remark, with the version of the entry the reviewer wrote it on. */
    public record Remark(UUID id, String reviewerName, String text, OffsetDateTime at, long entryVersion) {
    }

    public record Comment(UUID id, UUID authorId, String authorName, String text, OffsetDateTime at) {
    }

    /** Someone who should have submitted the period's analysis or summary and has not. */
    public record Missing(UUID staffId, String name, String unitName) {
    }

    public record Page(List<Entry> items, long total) {
    }

    private static final String ENTRY = """
            SELECT e.*, s.name AS author_name, u.name AS unit_name, u.path AS unit_path,
                   (SELECT count(*) FROM worklog_remark r WHERE r.entry_id = e.id) AS remark_count,
                   (SELECT count(*) FROM worklog_comment c WHERE c.entry_id = e.id) AS comment_count,
                   (SELECT count(*) FROM worklog_like l WHERE l.entry_id = e.id) AS like_count,
                   (SELECT max(r.entry_version) FROM worklog_remark r WHERE r.entry_id = e.id) AS reviewed_version
            FROM worklog_entry e JOIN staff s ON s.id = e.author_id JOIN unit u ON u.id = e.unit_id
            """;
    private static final String COUNT = """
            SELECT count(*) FROM worklog_entry e JOIN staff s ON s.id = e.author_id JOIN unit u ON u.id = e.unit_id
            """;

    private final JdbcClient jdbc;

    Worklogs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime at(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    public Optional<Entry> entry(UUID id) {
        return jdbc.sql(ENTRY + " WHERE e.id = ?").param(id).query(Worklogs::entry).optional();
    }

    /** Locks the entry's row for a change, so that the version read is the one the change replaces. */
    void lock(UUID id) {
        jdbc.sql("SELECT id FROM worklog_entry WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
    }

    /** The caller's own entries, the latest period first; of one kind when {@code kind} is given. */
    public Page mine(UUID author, WorklogKind kind, int limit, int offset) {
        String where = " WHERE e.author_id = :author AND (CAST(:kind AS text) IS NULL OR e.kind = :kind)";
        String k = kind == null ? null : kind.name();
        List<Entry> items = jdbc.sql(ENTRY + where + " ORDER BY e.period_start DESC, e.created_at DESC"
                + " LIMIT :limit OFFSET :offset").param("author", author).param("kind", k).param("limit", limit)
                .param("offset", offset).query(Worklogs::entry).list();
        long total = jdbc.sql(COUNT + where).param("author", author).param("kind", k).query(Long.class).single();
        return new Page(items, total);
    }

    /**
     * The entries of others in the subtrees of {@code scope} for a supervisor, the latest period first: the analyses
     * and summaries unless {@code kind} asks for another.
     */
    public Page ofScope(String[] scope, UUID reader, WorklogKind kind, int limit, int offset) {
        return ofScope(scope, reader, kind, null, limit, offset);
    }

    /**
     * As above, of the periods named when {@code periods} is given (each kind's first day; a kind left out lists
     * none): the entries about the periods the review page shows for a day chosen, beside who has not submitted them.
     */
    public Page ofScope(String[] scope, UUID reader, WorklogKind kind, Map<WorklogKind, LocalDate> periods, int limit,
            int offset) {
        String where = " WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND e.author_id <> :reader"
                + " AND (CAST(:kind AS text) IS NULL AND e.kind <> 'DAILY' OR e.kind = :kind)";
        Map<String, Object> params = new HashMap<>();
        params.put("scope", scope);
        params.put("reader", reader);
        params.put("kind", kind == null ? null : kind.name());
        if (periods != null) {
            List<String> each = new ArrayList<>();
            for (WorklogKind k : WorklogKind.values()) {
                if (periods.get(k) != null) {
                    each.add("e.kind = '" + k.name() + "' AND e.period_start = :start_" + k.name());
                    params.put("start_" + k.name(), periods.get(k));
                }
            }
            where += each.isEmpty() ? " AND false" : " AND (" + String.join(" OR ", each) + ")";
        }
        params.put("limit", limit);
        params.put("offset", offset);
        List<Entry> items = jdbc.sql(ENTRY + where + " ORDER BY e.period_start DESC, e.updated_at DESC"
                + " LIMIT :limit OFFSET :offset").params(params).query(Worklogs::entry).list();
        params.remove("limit");
        params.remove("offset");
        long total = jdbc.sql(COUNT + where).params(params).query(Long.class).single();
        return new Page(items, total);
    }

    /**
     * The bureau's column: the shared entries under {@code bureauPath}, newest shared first; under {@code unitPath}
     * when given; holding {@code words} (in the title, the text or the author's name) when given.
     */
    public Page column(String bureauPath, String unitPath, String words, int limit, int offset) {
        String where = " WHERE e.shared_at IS NOT NULL AND u.path LIKE :bureau AND u.path LIKE :unit"
                + " AND (CAST(:words AS text) IS NULL OR e.title ILIKE :words OR e.body ILIKE :words"
                + " OR s.name ILIKE :words)";
        String w = words == null || words.isBlank() ? null : "%" + escape(words.strip()) + "%";
        String unit = (unitPath == null ? bureauPath : unitPath) + "%";
        List<Entry> items = jdbc.sql(ENTRY + where + " ORDER BY e.shared_at DESC, e.id LIMIT :limit OFFSET :offset")
                .param("bureau", bureauPath + "%").param("unit", unit).param("words", w).param("limit", limit)
                .param("offset", offset).query(Worklogs::entry).list();
        long total = jdbc.sql(COUNT + where).param("bureau", bureauPath + "%").param("unit", unit).param("words", w)
                .query(Long.class).single();
        return new Page(items, total);
    }

    /** The words as a LIKE pattern's literal part: a typed % or _ is looked for as itself. */
    static String escape(String words) {
        return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Someone without the period's entry, and the first day his work log speaks of (null: none yet). */
    record Absent(Missing who, LocalDate firstEntry) {
    }

    /**
     * The community officers (包村社民警) of the subtrees of {@code scope}, active, who have no entry of {@code kind}
     * for the period beginning on {@code start}, by unit and name; whether they owed it is WorklogDesk's to say.
     */
    List<Absent> missing(String[] scope, WorklogKind kind, LocalDate start) {
        return jdbc.sql("""
                SELECT s.id, s.name, u.name AS unit_name,
                       (SELECT min(f.period_start) FROM worklog_entry f WHERE f.author_id = s.id) AS first_entry
                  FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.active AND s.role = 'COMMUNITY_OFFICER' AND u.path LIKE ANY(CAST(:scope AS text[]))
                  AND NOT EXISTS (SELECT 1 FROM worklog_entry e WHERE e.author_id = s.id AND e.kind = :kind
                                    AND e.period_start = :start)
                ORDER BY u.path, s.name""").param("scope", scope).param("kind", kind.name()).param("start", start)
                .query((rs, n) -> new Absent(new Missing(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("unit_name")), rs.getObject("first_entry", LocalDate.class))).list();
    }

    /**
     * The author's entry of {@code kind} for the period beginning on {@code start}, other than {@code except} (the
     * entry being edited; null for a new one): the one a second analysis or summary of the period collides with.
     */
    Optional<UUID> taken(UUID author, WorklogKind kind, LocalDate start, UUID except) {
        return jdbc.sql("""
                SELECT id FROM worklog_entry WHERE author_id = ? AND kind = ? AND period_start = ?
                  AND id IS DISTINCT FROM ? ORDER BY created_at LIMIT 1""")
                .params(author, kind.name(), start, except).query(UUID.class).optional();
    }

    void insert(UUID id, UUID author, UUID unit, WorklogKind kind, LocalDate start, String title, String body,
            Instant now) {
        jdbc.sql("""
                INSERT INTO worklog_entry (id, author_id, unit_id, kind, period_start, title, body, created_at,
                                           updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, author, unit, kind.name(), start, title, body, at(now), at(now)).update();
    }

    /**
     * Keeps the version {@code before} as it was and saves the new one, only while the entry is still at
     * {@code version}: false when another change came first (nothing saved).
     */
    boolean update(Entry before, long version, UUID unit, LocalDate start, String title, String body, Instant now) {
        int changed = jdbc.sql("""
                UPDATE worklog_entry SET unit_id = ?, period_start = ?, title = ?, body = ?, updated_at = ?,
                                         version = version + 1
                WHERE id = ? AND version = ?""")
                .params(unit, start, title, body, at(now), before.id(), version).update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO worklog_revision (entry_id, version, kind, period_start, unit_id, title, body, saved_at,
                                              replaced_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(before.id(), before.version(), before.kind().name(), before.periodStart(), before.unitId(),
                        before.title(), before.body(), before.updatedAt(), at(now)).update();
        return true;
    }

    void share(UUID id, Instant at) {
        jdbc.sql("UPDATE worklog_entry SET shared_at = ? WHERE id = ?").params(at(at), id).update();
    }

    /** The versions the entry's edits replaced, the latest first. */
    public List<Revision> history(UUID entry) {
        return jdbc.sql("""
                SELECT r.*, u.name AS unit_name FROM worklog_revision r JOIN unit u ON u.id = r.unit_id
                WHERE r.entry_id = ? ORDER BY r.version DESC""").param(entry)
                .query((rs, n) -> new Revision(rs.getLong("version"), WorklogKind.valueOf(rs.getString("kind")),
                        rs.getObject("period_start", LocalDate.class), rs.getString("unit_name"),
                        rs.getString("title"), rs.getString("body"), rs.getObject("saved_at", OffsetDateTime.class),
                        rs.getObject("replaced_at", OffsetDateTime.class))).list();
    }

    void addRemark(UUID id, UUID entry, long version, UUID reviewer, String text, Instant at) {
        jdbc.sql("""
                INSERT INTO worklog_remark (id, entry_id, entry_version, reviewer_id, text, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, entry, version, reviewer, text, at(at)).update();
    }

    /**
     * The supervisors who remarked on the entry and may still review it, each once: in service, of a role that reviews
     * ({@code roles}), and working at or above the entry's unit, as {@link WorklogDesk#reviews} has it (police see
     * their unit's subtree). One who moved away, or to a role that reviews nothing, would be sent to an entry that
     * answers him 404.
     */
    List<UUID> reviewers(UUID entry, String[] roles) {
        return jdbc.sql("""
                SELECT DISTINCT r.reviewer_id FROM worklog_remark r JOIN staff s ON s.id = r.reviewer_id
                  JOIN unit su ON su.id = s.unit_id
                  JOIN worklog_entry e ON e.id = r.entry_id JOIN unit eu ON eu.id = e.unit_id
                 WHERE r.entry_id = :entry AND s.active AND s.role = ANY(CAST(:roles AS text[]))
                   AND eu.path LIKE su.path || '%'""").param("entry", entry).param("roles", roles)
                .query(UUID.class).list();
    }

    public List<Remark> remarks(UUID entry) {
        return jdbc.sql("""
                SELECT r.id, s.name, r.text, r.created_at, r.entry_version FROM worklog_remark r
                JOIN staff s ON s.id = r.reviewer_id WHERE r.entry_id = ? ORDER BY r.created_at""").param(entry)
                .query((rs, n) -> new Remark(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("text"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getLong("entry_version"))).list();
    }

    void addComment(UUID id, UUID entry, UUID author, String text, Instant at) {
        jdbc.sql("INSERT INTO worklog_comment (id, entry_id, author_id, text, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, entry, author, text, at(at)).update();
    }

    public List<Comment> comments(UUID entry) {
        return jdbc.sql("""
                SELECT c.id, c.author_id, s.name, c.text, c.created_at FROM worklog_comment c
                JOIN staff s ON s.id = c.author_id WHERE c.entry_id = ? ORDER BY c.created_at""").param(entry)
                .query((rs, n) -> new Comment(rs.getObject("id", UUID.class), rs.getObject("author_id", UUID.class),
                        rs.getString("name"), rs.getString("text"), rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    /** Likes the entry once: false when this person liked it already. */
    boolean like(UUID entry, UUID staff, Instant at) {
        return jdbc.sql("""
                INSERT INTO worklog_like (entry_id, staff_id, created_at) VALUES (?, ?, ?)
                ON CONFLICT (entry_id, staff_id) DO NOTHING""").params(entry, staff, at(at)).update() > 0;
    }

    boolean unlike(UUID entry, UUID staff) {
        return jdbc.sql("DELETE FROM worklog_like WHERE entry_id = ? AND staff_id = ?").params(entry, staff)
                .update() > 0;
    }

    public boolean likedBy(UUID entry, UUID staff) {
        return jdbc.sql("SELECT count(*) FROM worklog_like WHERE entry_id = ? AND staff_id = ?").params(entry, staff)
                .query(Long.class).single() > 0;
    }

    /** A unit the column's entries are about, for its filter. */
    public record ColumnUnit(UUID id, String name, String path) {
    }

    /** The units under {@code bureauPath} that shared entries are about, in the tree's order. */
    public List<ColumnUnit> columnUnits(String bureauPath) {
        return jdbc.sql("""
                SELECT DISTINCT u.id, u.name, u.path FROM worklog_entry e JOIN unit u ON u.id = e.unit_id
                WHERE e.shared_at IS NOT NULL AND u.path LIKE ? ORDER BY u.path""").param(bureauPath + "%")
                .query((rs, n) -> new ColumnUnit(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("path"))).list();
    }

    /** The path of the bureau (the root of the tree) above a unit's path: its first step. */
    public static String bureauOf(String path) {
        int end = path.indexOf('/', 1);
        return end < 0 ? path : path.substring(0, end + 1);
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        WorklogKind kind = WorklogKind.valueOf(rs.getString("kind"));
        LocalDate start = rs.getObject("period_start", LocalDate.class);
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("author_id", UUID.class),
                rs.getString("author_name"), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("unit_path"), kind, start, kind.end(start), rs.getString("title"), rs.getString("body"),
                rs.getObject("shared_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getLong("version"), rs.getLong("remark_count"),
                rs.getLong("comment_count"), rs.getLong("like_count"), rs.getObject("reviewed_version", Long.class));
    }
}
