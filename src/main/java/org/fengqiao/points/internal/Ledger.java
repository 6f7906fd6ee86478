package org.fengqiao.points.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Texts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only points ledger. Every write takes the holder's balance row FOR UPDATE first, so the writes of
 * one holder queue up and each sees the balance the one before left; a write that would take the balance below
 * zero is refused (and the CHECK constraints refuse it again).
 */
@Repository
public class Ledger {

    public record Entry(long id, UUID holderId, String holderName, String kind, int points, int balanceAfter,
            String rule, String sourceType, String sourceId, UUID gridId, String gridName, UUID awardId,
            Long reversesId, boolean reversed, String approvedByName, String note, Instant at, String unitPath) {
    }

    /** A holder as the ledger needs him: name, role and where he sits. */
    public record Holder(UUID id, String name, String role, String unitPath, boolean active) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final HolderNames names;

    Ledger(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, HolderNames names) {
        this.names = names;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public Optional<Holder> holder(UUID id) {
        return jdbc.sql("""
                SELECT s.id, s.name, s.role, u.path, s.active FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.id = ?""").param(id)
                .query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5)))
                .optional();
    }

    /**
     * A holder the caller may see: himself, or one whose unit lies in the caller's scope (checked in the query), and
     * not an informant the caller may not know ({@link HolderNames}): his ledger would name him.
     */
    public Holder visibleHolder(UUID id, Caller caller) {
        if (names.hidden(caller, id)) {
            throw new NotFound("holder", id);
        }
        return jdbc.sql("""
                SELECT s.id, s.name, s.role, u.path, s.active FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.id = :id AND (s.id = :me OR (CAST(:read AS boolean) AND u.path LIKE ANY(CAST(:scope AS text[]))))""")
                .param("id", id).param("me", caller.staffId()).param("read", caller.may("POINTS_READ"))
                .param("scope", caller.scopePatterns())
                .query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5)))
                .optional().orElseThrow(() -> new NotFound("holder", id));
    }

    /**
     * As {@link #visibleHolder}, for showing his ledger to the caller: reading another person's points (an informant's
     * to his handler or the station chief) is audited as a read of that person; his own is not.
     */
    public Holder readHolder(UUID id, Caller caller) {
        Holder h = visibleHolder(id, caller);
        if (!h.id().equals(caller.staffId())) {
            events.publishEvent(Audited.read("points_holder", h.id(), h.unitPath()));
        }
        return h;
    }

    public int balance(UUID holder) {
        return jdbc.sql("SELECT balance FROM points_balance WHERE holder_id = ?").param(holder).query(Integer.class)
                .optional().orElse(0);
    }

    /** Takes the holder's lock in the caller's transaction (which must exist) until it ends; answers his balance. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int lock(UUID holder) {
        jdbc.sql("INSERT INTO points_balance (holder_id, balance) VALUES (?, 0) ON CONFLICT DO NOTHING")
                .param(holder).update();
        return jdbc.sql("SELECT balance FROM points_balance WHERE holder_id = ? FOR UPDATE").param(holder)
                .query(Integer.class).single();
    }

    /**
     * Appends one entry in the caller's transaction (which must exist), under the holder's lock.
     * Refuses a balance below zero with the {@code points.error.insufficient} message.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long append(UUID holder, String kind, int points, String rule, String sourceType, String sourceId,
            UUID gridId, UUID awardId, Long reversesId, UUID approvedBy, String note) {
        int balance = lock(holder);
        int after = balance + points;
        if (after < 0) {
            throw Invalid.of("points", "points.error.insufficient", balance, -points);
        }
        jdbc.sql("UPDATE points_balance SET balance = ? WHERE holder_id = ?").params(after, holder).update();
        return jdbc.sql("""
                INSERT INTO points_entry (holder_id, kind, points, balance_after, rule, source_type, source_id, grid_id,
                    award_id, reverses_id, approved_by, note, at)
                VALUES (:holder, :kind, :points, :after, :rule, :stype, :sid, :grid, :award, :reverses, :by, :note, :at)
                RETURNING id""")
                .param("holder", holder).param("kind", kind).param("points", points).param("after", after)
                .param("rule", rule).param("stype", sourceType).param("sid", sourceId).param("grid", gridId)
                .param("award", awardId).param("reverses", reversesId).param("by", approvedBy).param("note", note)
                .param("at", now())
                .query(Long.class).single();
    }

    /** A correction: the opposite of an entry, written as a new entry; an entry is reversed once. */
    @Transactional
    public Entry reverse(long entryId, String reason, Caller caller) {
        Entry entry = visibleEntry(entryId, caller);
        if (!caller.may("POINTS_APPROVE")) {
            throw new NotFound("points entry", entryId);
        }
        if (reason == null || reason.isBlank()) {
            throw Invalid.of("reason", "points.error.reasonRequired");
        }
        if (reason.strip().length() > 200) {
            // the holder's page allows 200 characters; a pasted longer text or a client of its own is refused too
            throw Invalid.of("reason", "points.error.reasonTooLong");
        }
        if (Texts.hasControlCharacters(reason)) {
            // as an award's note: the ledger's xlsx export writes the reason too
            throw Invalid.of("reason", "points.error.reasonControl");
        }
        // the holder's lock before asking whether the entry stands: a second reversal sent at once (a double click,
        // two chiefs) waits for the first and is told the entry is reversed, not that the points ran short
        lock(entry.holderId());
        entry = entry(entryId).orElseThrow();
        if (entry.kind().equals("REVERSAL") || entry.reversed()) {
            throw Invalid.of("entry", "points.error.alreadyReversed");
        }
        if (entry.kind().equals("REDEMPTION")) {
            throw Invalid.of("entry", "points.error.redemptionNotReversible");
        }
        long id = append(entry.holderId(), "REVERSAL", -entry.points(), entry.rule(), entry.sourceType(),
                entry.sourceId(), entry.gridId(), null, entry.id(), caller.staffId(), reason.strip());
        Entry written = entry(id).orElseThrow();
        events.publishEvent(Audited.created("points_entry", id, written.unitPath(), written));
        return written;
    }

    public Optional<Entry> entry(long id) {
        return jdbc.sql(SELECT + " WHERE e.id = ?").param(id).query(this::row).optional();
    }

    /**
     * An entry whose holder the caller may see (himself, or in scope with POINTS_READ), checked in the query, and not
     * an informant's the caller may not know.
     */
    public Entry visibleEntry(long id, Caller caller) {
        Entry entry = jdbc.sql(SELECT + """
                 WHERE e.id = :id AND (e.holder_id = :me
                    OR (CAST(:read AS boolean) AND u.path LIKE ANY(CAST(:scope AS text[]))))""")
                .param("id", id).param("me", caller.staffId()).param("read", caller.may("POINTS_READ"))
                .param("scope", caller.scopePatterns())
                .query(this::row).optional().orElseThrow(() -> new NotFound("points entry", id));
        if (names.hidden(caller, entry.holderId())) {
            // an informant the caller may not know: his entry is not found, as his ledger is not
            throw new NotFound("points entry", id);
        }
        return entry;
    }

    public List<Entry> history(UUID holder, int limit) {
        return jdbc.sql(SELECT + " WHERE e.holder_id = ? ORDER BY e.id DESC LIMIT ?").params(holder, limit)
                .query(this::row).list();
    }

    /** How many entries a holder has: a history lists the latest and says when it lists fewer than all. */
    public long count(UUID holder) {
        return jdbc.sql("SELECT count(*) FROM points_entry WHERE holder_id = ?").param(holder).query(Long.class)
                .single();
    }

    /** How many entries of the caller's scope fall in a period: the export says beforehand when they pass its cap. */
    public long countInScope(Caller caller, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT count(*) FROM points_entry e JOIN staff s ON s.id = e.holder_id JOIN unit u ON u.id = s.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND e.at >= :from AND e.at < :to""")
                .param("scope", caller.scopePatterns()).param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC)).query(Long.class).single();
    }

    /**
     * A page of the entries of the caller's scope in a period, those after the entry {@code afterId} in the order of
     * their ids, for the ledger export (informants as {@link HolderNames}): read page after page from where the last
     * ended, so that the export holds one page at a time and the thousandth page costs what the first does.
     */
    public List<Entry> inScope(Caller caller, Instant from, Instant to, long afterId, int limit) {
        return names.entries(jdbc.sql(SELECT + """
                 WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND e.at >= :from AND e.at < :to AND e.id > :after
                ORDER BY e.id LIMIT :limit""")
                .param("scope", caller.scopePatterns()).param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC)).param("after", afterId)
                .param("limit", limit).query(this::row).list(), caller);
    }

    /**
     * What each entry's source is called where a person knows it by a name: the item a redemption bought, the
     * dispute's case code, the incident's reference or the hard case's code its award was proposed with (a reversal's
     * too: it keeps the source of the entry it reverses). An award by hand, a clue giver's and a shift have none but
     * their kind. The ledger's export shows these, never the source's internal id.
     */
    public Map<Long, String> sourceNames(List<Entry> entries) {
        Map<Long, String> names = new java.util.HashMap<>();
        if (entries.isEmpty()) {
            return names;
        }
        jdbc.sql("""
                SELECT e.id, CASE WHEN e.source_type = 'store_item'
                        THEN (SELECT i.name FROM store_item i WHERE i.id::text = e.source_id)
                    WHEN e.source_type IN ('dispute', 'incident', 'claim')
                        THEN (SELECT a.note FROM points_award a WHERE a.source_type = e.source_type
                            AND a.source_id = e.source_id ORDER BY a.proposed_at LIMIT 1) END
                FROM points_entry e WHERE e.id = ANY(CAST(:ids AS bigint[]))""")
                .param("ids", entries.stream().map(Entry::id).toArray(Long[]::new))
                .query((rs, n) -> Map.entry(rs.getLong(1), java.util.Optional.ofNullable(rs.getString(2))))
                .list().forEach(e -> e.getValue().ifPresent(name -> names.put(e.getKey(), name)));
        return names;
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static final String SELECT = """
            SELECT e.*, s.name AS holder_name, u.path AS unit_path, g.name AS grid_name, a.name AS approver_name,
                EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses_id = e.id) AS reversed
            FROM points_entry e JOIN staff s ON s.id = e.holder_id JOIN unit u ON u.id = s.unit_id
            LEFT JOIN grid g ON g.id = e.grid_id LEFT JOIN staff a ON a.id = e.approved_by""" + " ";

    private Entry row(ResultSet rs, int n) throws SQLException {
        long reverses = rs.getLong("reverses_id");
        Long reversesId = rs.wasNull() ? null : reverses;
        return new Entry(rs.getLong("id"), rs.getObject("holder_id", UUID.class), rs.getString("holder_name"),
                rs.getString("kind"), rs.getInt("points"), rs.getInt("balance_after"), rs.getString("rule"),
                rs.getString("source_type"), rs.getString("source_id"), rs.getObject("grid_id", UUID.class),
                rs.getString("grid_name"), rs.getObject("award_id", UUID.class), reversesId,
                rs.getBoolean("reversed"), rs.getString("approver_name"), rs.getString("note"),
                rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("unit_path"));
    }
}
