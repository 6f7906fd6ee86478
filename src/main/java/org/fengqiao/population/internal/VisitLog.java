package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Invalid;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Door-to-door visits (走访) and the changes made during each of them. */
@Repository
public class VisitLog {

    private final JdbcClient jdbc;
    private final VisitLinkPolicy policy;

    VisitLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.policy = new VisitLinkPolicy(clock);
    }

    /**
     * A change made during a visit. {@code summary} is the text to show: as stored until {@link VisitChangeTexts}
     * puts it in the reader's language from {@code messageKey} and {@code args} (null for rows written before V120,
     * and for free text a caller of the facade wrote).
     */
    public record Change(String recordType, UUID recordId, String summary, OffsetDateTime changedAt,
            String messageKey, List<String> args) {

        Change withSummary(String text) {
            return new Change(recordType, recordId, text, changedAt, messageKey, args);
        }
    }

    public record Visit(UUID id, UUID gridId, UUID householdId, UUID visitedBy, String visitedByName,
            OffsetDateTime visitedAt, String findings, boolean contactCard, List<Change> changes) {

        Visit withChanges(List<Change> shown) {
            return new Visit(id, gridId, householdId, visitedBy, visitedByName, visitedAt, findings, contactCard, shown);
        }
    }

    /** A visit recorded before under an idempotency key: its id and the hash of what was submitted then. */
    public record Prior(UUID id, byte[] submissionHash) {
    }

    /**
     * Why the staff member may not link a change of a record in the grid to the visit ({@link VisitLinkPolicy}: a
     * visit of another grid or none is unknown, another's is not his, an earlier day's is closed); empty when he may.
     */
    private Optional<VisitLinkPolicy.Refusal> refusal(UUID visitId, UUID gridId, UUID staffId) {
        return policy.refusal(find(visitId), gridId, staffId);
    }

    /**
     * The visit, when the staff member may link changes of the grid's records to it now: what a page opened during a
     * visit (named in its address) shows; empty, and the page 404s, for any visit he may not link to.
     */
    public Optional<Visit> linkable(UUID visitId, UUID gridId, UUID staffId) {
        Optional<Visit> visit = find(visitId);
        return policy.refusal(visit, gridId, staffId).isEmpty() ? visit : Optional.empty();
    }

    /** Whether the staff member may link changes to the visit now: his own, of today. */
    public boolean linkable(Visit visit, UUID staffId) {
        return policy.open(visit, staffId);
    }

    /**
     * Adds the problem of a change linked to a visit the staff member may not link it to (none when no visit is named),
     * with the reason as its message key: the link is refused and nothing is written.
     */
    public void checkLink(UUID visitId, UUID gridId, UUID staffId, List<Invalid.Problem> problems) {
        if (visitId != null) {
            refusal(visitId, gridId, staffId)
                    .ifPresent(r -> problems.add(new Invalid.Problem("visitId", r.key(), new Object[0])));
        }
    }

    public void insert(UUID id, UUID gridId, UUID householdId, UUID visitedBy, OffsetDateTime visitedAt,
            String findings, boolean contactCard) {
        insert(id, gridId, householdId, visitedBy, visitedAt, findings, contactCard, null, null);
    }

    /**
     * Writes a visit; false when the officer recorded one under the same idempotency key before (or a concurrent
     * request of his just did: the unique index makes this insert wait for it and then write nothing).
     */
    public boolean insert(UUID id, UUID gridId, UUID householdId, UUID visitedBy, OffsetDateTime visitedAt,
            String findings, boolean contactCard, String idempotencyKey, byte[] submissionHash) {
        return jdbc.sql("""
                INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at, findings, contact_card,
                                   idempotency_key, submission_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (visited_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING""")
                .params(id, gridId, householdId, visitedBy, visitedAt, findings, contactCard, idempotencyKey,
                        submissionHash).update() == 1;
    }

    /** What a visit day made of a household: whether it lived in a rental, whether a member is a floating resident. */
    public record HouseholdOn(boolean rental, boolean floating) {
    }

    /**
     * The household on a day: in a rental when a registered rental of its room (or, without a room, of its address)
     * let it that day, its room is marked 出租 by hand, or a member was then a tenant of a rental; floating when a
     * member's residence is 暂住/流动.
     */
    public HouseholdOn householdOn(UUID householdId, LocalDate day) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM rental r
                                WHERE (CASE WHEN h.room_id IS NOT NULL THEN r.room_id = h.room_id
                                            ELSE r.room_id IS NULL AND r.address_id = h.address_id END)
                                  AND (r.contract_from IS NULL OR r.contract_from <= :day)
                                  AND (r.contract_to IS NULL OR r.contract_to >= :day))
                       OR EXISTS (SELECT 1 FROM room rm WHERE rm.id = h.room_id AND rm.rental)
                       OR EXISTS (SELECT 1 FROM rental_tenant t JOIN person p ON p.id = t.person_id
                                   WHERE p.household_id = h.id AND t.from_on <= :day
                                     AND (t.to_on IS NULL OR t.to_on >= :day)) AS rental,
                       EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id AND p.residence = 'FLOATING')
                           AS floating
                FROM household h WHERE h.id = :id""")
                .param("id", householdId).param("day", day)
                .query((rs, n) -> new HouseholdOn(rs.getBoolean("rental"), rs.getBoolean("floating")))
                .optional().orElse(new HouseholdOn(false, false));
    }

    /** The visit an officer recorded under an idempotency key, if any. */
    public Optional<Prior> prior(UUID visitedBy, String idempotencyKey) {
        return jdbc.sql("SELECT id, submission_hash FROM visit WHERE visited_by = ? AND idempotency_key = ?")
                .params(visitedBy, idempotencyKey)
                .query((rs, n) -> new Prior(rs.getObject("id", UUID.class), rs.getBytes("submission_hash")))
                .optional();
    }

    public void recordChange(UUID visitId, String recordType, UUID recordId, String summary) {
        recordChange(visitId, recordType, recordId, summary, null, null);
    }

    public void recordChange(UUID visitId, String recordType, UUID recordId, String summary, String messageKey,
            List<String> args) {
        // stamped when written, not when the transaction began: the changes one request makes (a person's phone,
        // then his moving out) are listed in the order they were made, not in any order
        jdbc.sql("""
                INSERT INTO visit_change (visit_id, record_type, record_id, summary, message_key, message_args,
                                          changed_at)
                VALUES (?, ?, ?, ?, ?, CAST(? AS text[]), clock_timestamp())""")
                .params(visitId, recordType, recordId, summary, messageKey,
                        args == null ? null : args.toArray(String[]::new)).update();
    }

    public Optional<Visit> find(UUID id) {
        return visits("v.id = ?", id).stream().findFirst();
    }

    /** The visits of a household, newest first, each with the changes made during it. */
    public List<Visit> ofHousehold(UUID householdId) {
        return visits("v.household_id = ?", householdId);
    }

    private List<Visit> visits(String where, UUID param) {
        Map<UUID, Visit> visits = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT v.id, v.grid_id, v.household_id, v.visited_by, s.name AS staff_name, v.visited_at, v.findings,
                       v.contact_card, c.record_type, c.record_id, c.summary, c.changed_at,
                       c.message_key, c.message_args
                FROM visit v JOIN staff s ON s.id = v.visited_by
                LEFT JOIN visit_change c ON c.visit_id = v.id
                WHERE\s""" + where + " ORDER BY v.visited_at DESC, v.created_at DESC, v.id, c.changed_at")
                .param(param).query((ResultSet rs) -> {
                    Visit v = visits.computeIfAbsent(rs.getObject("id", UUID.class), k -> visit(rs));
                    if (rs.getString("record_type") != null) {
                        java.sql.Array args = rs.getArray("message_args");
                        v.changes().add(new Change(rs.getString("record_type"), rs.getObject("record_id", UUID.class),
                                rs.getString("summary"), rs.getObject("changed_at", OffsetDateTime.class),
                                rs.getString("message_key"), args == null ? null : List.of((String[]) args.getArray())));
                    }
                });
        return List.copyOf(visits.values());
    }

    private static Visit visit(ResultSet rs) {
        try {
            return new Visit(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class),
                    rs.getObject("household_id", UUID.class), rs.getObject("visited_by", UUID.class),
                    rs.getString("staff_name"), rs.getObject("visited_at", OffsetDateTime.class),
                    rs.getString("findings"), rs.getBoolean("contact_card"), new ArrayList<>());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
