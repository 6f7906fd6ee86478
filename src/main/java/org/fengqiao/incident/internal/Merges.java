package org.fengqiao.incident.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.incident.IncidentMerged;
import org.fengqiao.incident.internal.Incidents.Incident;
import org.fengqiao.incident.internal.Incidents.Status;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges a duplicate into a primary: the duplicate is closed as MERGED (it leaves its owner's open list and
 * the escalation sweep, keeping the owner it had), the timeline says MERGED_INTO on the duplicate and MERGED on
 * the primary, and when the primary is answered the duplicate's reporter is answered with it (see
 * {@code IncidentDesk.answer}). Rules:
 * <ul>
 * <li>both must lie in the caller's subtree, else 404 like a missing record;</li>
 * <li>not into itself (400), not a closed duplicate and not into a closed primary (409);</li>
 * <li>across categories only when the request says so ({@code acrossCategories}), else 400;</li>
 * <li>into a merged report means into its primary, so merges never chain; the duplicates already merged into
 * the duplicate move to the primary with it, each with a step (CARRIED_ON) on its timeline.</li>
 * </ul>
 * A duplicate answered with its primary and reopened by its reporter is its own open item again, no longer merged
 * ({@code IncidentDesk.reopen}): the answer they shared is the one he did not accept.
 * The tracking codes stay out of the timeline (residents read it); the staff pages show the links. Each merge is
 * published as {@link IncidentMerged} in its transaction (mediation closes the duplicate's case).
 */
@Service
public class Merges {

    private final Incidents incidents;
    private final Duplicates duplicates;
    private final IncidentDesk desk;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Merges(Incidents incidents, Duplicates duplicates, IncidentDesk desk, ApplicationEventPublisher events, Clock clock) {
        this.incidents = incidents;
        this.duplicates = duplicates;
        this.desk = desk;
        this.events = events;
        this.clock = clock;
    }

    /** Which primary: its id, or its tracking code. */
    public record Into(UUID primaryId, String trackingCode, boolean acrossCategories, String reason) {
    }

    /** Merges the duplicate into the primary; answers the duplicate as it is after. */
    @Transactional
    public Incident merge(UUID duplicateId, Into into, Submitter who) {
        Incident duplicate = incidents.findVisible(duplicateId, who.reach())
                .orElseThrow(() -> new NotFound("incident", duplicateId));
        UUID target = target(into, who);
        if (target.equals(duplicate.id())) {
            throw Invalid.of("primaryId", "incident.merge.self");
        }
        lockInOrder(duplicate.id(), target);
        // into a merged report: into its primary (a merge never makes a chain)
        for (int hop = 0; hop < 10; hop++) {
            Incident t = incidents.find(target).orElseThrow();
            if (t.status() != Status.MERGED) {
                break;
            }
            UUID next = duplicates.primaryOf(target).orElseThrow();
            if (incidents.findVisible(next, who.reach()).isEmpty()) {
                throw new NotFound("incident", next);
            }
            incidents.lock(next);
            target = next;
        }
        if (target.equals(duplicate.id())) {
            throw Invalid.of("primaryId", "incident.merge.self");
        }
        Incident before = incidents.find(duplicate.id()).orElseThrow();
        Incident primary = incidents.find(target).orElseThrow();
        if (!before.status().open()) {
            throw new Conflict("incident.merge.duplicateClosed");
        }
        if (!primary.status().open()) {
            throw new Conflict("incident.merge.primaryClosed");
        }
        if (primary.category() != before.category() && !into.acrossCategories()) {
            throw Invalid.of("acrossCategories", "incident.merge.acrossCategories");
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String reason = into.reason() == null || into.reason().isBlank() ? null : into.reason().trim();
        incidents.update(before.id(), "status = 'MERGED', merged_into = ?, merged_at = ?, merged_by = ?, due_at = NULL, "
                + "next_escalation_at = NULL", primary.id(), now, who.staffId());
        // those merged into the duplicate before (waiting or answered with it) now get the primary's answers
        int carried = carryOver(before, primary, now, who, reason);
        // the duplicate's step names the report it joined: its reporter's page follows his matter by it, also once
        // the report is no longer merged (reopened) or the two steps are no longer written one after the other
        desk.recordStep(before, "MERGED_INTO", now, who.staffId(), who.name(), "incident.merge.mergedInto", reason,
                primary.id());
        desk.recordStep(primary, "MERGED", now, who.staffId(), who.name(), "incident.merge.merged", reason);

        Incident after = incidents.find(before.id()).orElseThrow();
        events.publishEvent(Audited.updated("incident", before.id(), before.unitPath(), snapshot(before, null),
                snapshot(after, primary.trackingCode())).by(who.name()));
        Map<String, Object> primaryAfter = snapshot(primary, null);
        primaryAfter.put("mergedDuplicate", before.trackingCode());
        primaryAfter.put("carriedOver", carried);
        if (primary.category() != before.category()) {
            primaryAfter.put("acrossCategories", before.category().name() + "->" + primary.category().name());
        }
        events.publishEvent(Audited.updated("incident", primary.id(), primary.unitPath(), snapshot(primary, null),
                primaryAfter).by(who.name()));
        // in this transaction: the duplicate's mediation case (a 110 dispute's) ends with the merge or neither happens
        events.publishEvent(new IncidentMerged(before.id(), before.trackingCode(), primary.id(), primary.trackingCode(),
                before.unitPath(), who.staffId(), who.name(), now.toInstant()));
        return after;
    }

    private UUID target(Into into, Submitter who) {
        if (into == null || (into.primaryId() == null && (into.trackingCode() == null || into.trackingCode().isBlank()))) {
            throw Invalid.of("primaryId", "error.field.required");
        }
        if (into.primaryId() != null) {
            return incidents.findVisible(into.primaryId(), who.reach()).map(Incident::id)
                    .orElseThrow(() -> new NotFound("incident", into.primaryId()));
        }
        Optional<UUID> byCode = duplicates.byTrackingCode(into.trackingCode(), who.reach());
        return byCode.orElseThrow(() -> Invalid.of("trackingCode", "incident.merge.unknownCode"));
    }

    /**
     * Moves the duplicates merged into {@code from} to {@code to}, each with a step on its own timeline (CARRIED_ON,
     * naming the report it now goes with): its reporter reads why his report is now answered with another one than the
     * one it joined, and the staff page links that one.
     */
    private int carryOver(Incident from, Incident to, OffsetDateTime now, Submitter who, String reason) {
        int n = 0;
        for (UUID d : duplicates.duplicatesOf(from.id())) {
            Incident carried = incidents.find(d).orElseThrow();
            incidents.update(d, "merged_into = ?", to.id());
            desk.recordStep(carried, "CARRIED_ON", now, who.staffId(), who.name(), "incident.merge.carriedOn", reason,
                    to.id());
            // the report it goes with changed: the trail says from which to which
            events.publishEvent(Audited.updated("incident", d, carried.unitPath(), snapshot(carried,
                    from.trackingCode()), snapshot(carried, to.trackingCode())).by(who.name()));
            n++;
        }
        return n;
    }

    /** Two rows locked in one order, so two merges of the same pair cannot wait on each other. */
    private void lockInOrder(UUID a, UUID b) {
        if (a.compareTo(b) < 0) {
            incidents.lock(a);
            incidents.lock(b);
        } else {
            incidents.lock(b);
            incidents.lock(a);
        }
    }

    private static Map<String, Object> snapshot(Incident i, String mergedInto) {
        Map<String, Object> m = new LinkedHashMap<>(IncidentDesk.snapshot(i));
        if (mergedInto != null) {
            m.put("mergedInto", mergedInto);
        }
        return m;
    }
}
