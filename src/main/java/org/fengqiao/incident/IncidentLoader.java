package org.fengqiao.incident;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.incident.internal.ApiKeys;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Unchanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the demo district may ask of the incidents: whether any are there, filing one as the application
 * (routed, timed and audited like any other), carrying it through its steps, and registering the 110
 * centre's API key of a unit.
 */
@Service
public class IncidentLoader {

    private final IncidentDesk desk;
    private final ApiKeys keys;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    IncidentLoader(IncidentDesk desk, ApiKeys keys, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.desk = desk;
        this.keys = keys;
        this.jdbc = jdbc;
        this.events = events;
    }

    public boolean anyIncidents() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM incident)").query(Boolean.class).single();
    }

    public UUID file(NewIncident incident, String by) {
        return desk.file(incident, Submitter.system(by)).incident().id();
    }

    /** Files an item as a staff member from the field (a hazard a volunteer found): he is its filer. */
    public UUID fileAs(NewIncident incident, UUID staffId, String name) {
        return desk.file(incident, new Submitter("staff:" + staffId, staffId, name, null)).incident().id();
    }

    /**
     * The steps a handled item went through, in order, up to the one named (ACKNOWLEDGED .. ANSWERED), each taken by
     * the person the routing gave it to, as he would have: the response times count each step for whoever took it, and
     * a chief reading them per officer found no one (the demo's own steps were taken by the application). {@code by}
     * takes them for an item with no person to own it.
     */
    public void handle(UUID id, String upTo, String resolution, String by) {
        Submitter system = Submitter.system(by);
        Owner owner = owner(id);
        Submitter who = owner == null ? system : new Submitter("staff:" + owner.id(), owner.id(), owner.name(), null);
        if (owner == null || !owner.takenUp()) {
            // a report routed back to the staff member who filed it was taken up by his filing
            desk.acknowledge(id, who);
        }
        if (upTo.equals("ACKNOWLEDGED")) {
            return;
        }
        desk.arrive(id, IncidentDesk.Arrival.MANAGER, who);
        if (upTo.equals("ARRIVED")) {
            return;
        }
        desk.resolve(id, resolution, who);
        if (upTo.equals("RESOLVED")) {
            return;
        }
        desk.answer(id, resolution, who);
    }

    private record Owner(UUID id, String name, boolean takenUp) {
    }

    /** The person an item belongs to, if any. */
    private Owner owner(UUID id) {
        Incidents.Incident i = desk.get(id, Submitter.system("demo"));
        return i.ownerStaffId() == null ? null
                : new Owner(i.ownerStaffId(), i.ownerStaffName(), i.status() != Incidents.Status.RECEIVED);
    }

    /** Gives a case its offence on the item, as its officer would (a step on its timeline). */
    public void setOffence(UUID id, Offence offence, String by) {
        try {
            desk.setOffence(id, offence, Submitter.system(by));
        } catch (Unchanged e) {
            // loaded again: it has that offence already
        }
    }

    /**
     * Sets an item's receipt back, and its whole story with it: its first steps to the given seconds after the receipt,
     * so the demo's response-time figures show minutes, not milliseconds, and the steps after the arrival (resolution,
     * answer, an offence given) an hour after it, as they would have been, never later than they were written. The
     * timeline says what the columns say (接报 at the receipt, 受理 at the acknowledgement...): a page that showed the
     * item received hours, or a year, before the steps its timeline dates to the moment the demo loaded would be read
     * as a record kept wrong. A deadline moves with what it runs from: the resolution for a resolved item, else the
     * receipt. What announced a step (the owner's inbox entry of its routing) moves with it
     * ({@link IncidentStepsBackdated}): an entry dated the moment the demo loaded announced an item received before.
     */
    public void backdate(UUID id, Instant received, long ackSeconds, long arriveSeconds) {
        Map<Long, Instant> written = steps(id);
        jdbc.sql("""
                WITH old AS (SELECT received_at, (SELECT min(f.id) FROM incident_event f WHERE f.incident_id = :id
                                                    AND f.kind = 'ACKNOWLEDGED') AS acknowledged
                             FROM incident WHERE id = :id)
                UPDATE incident_event e SET at = CASE
                        WHEN e.kind = 'ACKNOWLEDGED' THEN :r + make_interval(secs => :a)
                        WHEN e.kind = 'ARRIVED' THEN :r + make_interval(secs => :v)
                        -- what came with the receipt, before anyone took it up (routed, offered as a duplicate, a
                        -- dispute handed to mediation): at the receipt
                        WHEN old.acknowledged IS NULL OR e.id < old.acknowledged THEN :r + (e.at - old.received_at)
                        ELSE least(e.at, :r + make_interval(secs => :v) + interval '1 hour' + (e.at - old.received_at))
                    END
                FROM old WHERE e.incident_id = :id""")
                .param("r", java.time.OffsetDateTime.ofInstant(received, java.time.ZoneOffset.UTC))
                .param("a", (double) ackSeconds).param("v", (double) arriveSeconds).param("id", id).update();
        jdbc.sql("""
                UPDATE incident SET received_at = :r, owner_since = :r, occurred_at = :r,
                    due_at = due_at - (coalesce(resolved_at, received_at) - coalesce(
                        (SELECT max(e.at) FROM incident_event e WHERE e.incident_id = :id AND e.kind = 'RESOLVED'), :r)),
                    next_escalation_at = next_escalation_at - (coalesce(resolved_at, received_at) - coalesce(
                        (SELECT max(e.at) FROM incident_event e WHERE e.incident_id = :id AND e.kind = 'RESOLVED'), :r)),
                    acknowledged_at = CASE WHEN acknowledged_at IS NULL THEN NULL ELSE :r + make_interval(secs => :a) END,
                    arrived_at = CASE WHEN arrived_at IS NULL THEN NULL ELSE :r + make_interval(secs => :v) END,
                    resolved_at = CASE WHEN resolved_at IS NULL THEN NULL ELSE (SELECT max(e.at) FROM incident_event e
                                   WHERE e.incident_id = :id AND e.kind = 'RESOLVED') END,
                    answered_at = CASE WHEN answered_at IS NULL THEN NULL ELSE (SELECT max(e.at) FROM incident_event e
                                   WHERE e.incident_id = :id AND e.kind = 'ANSWERED') END
                WHERE id = :id""")
                .param("r", java.time.OffsetDateTime.ofInstant(received, java.time.ZoneOffset.UTC))
                .param("a", (double) ackSeconds).param("v", (double) arriveSeconds).param("id", id).update();
        Map<Instant, Instant> moved = org.fengqiao.platform.MovedMoments.between(written, steps(id));
        if (!moved.isEmpty()) {
            events.publishEvent(new IncidentStepsBackdated(id, moved));
        }
    }

    /** The moments an incident's steps say, by step. */
    private Map<Long, Instant> steps(UUID id) {
        Map<Long, Instant> at = new HashMap<>();
        jdbc.sql("SELECT id, at FROM incident_event WHERE incident_id = ?").param(id)
                .query((rs, n) -> at.put(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()))
                .list();
        return at;
    }

    /**
     * Moves a loaded item up the levels as the escalation sweep would have while its story ran: each time its deadline
     * passed before {@code now}, at that moment (never before its last step), so that the item stands at the level its
     * story reached, with an ESCALATED step dated when it went there and that level's deadline counted from then. Left
     * to the sweep, every item set back past its deadline moved up together at its first run, dated the moment the demo
     * loaded, and each level's deadline counting from then carried them all to the bureau within hours. Answers how
     * many levels it went up.
     */
    public int escalateAsDue(UUID id, Instant now) {
        int moved = 0;
        while (true) {
            Instant at = jdbc.sql("""
                    SELECT greatest(i.next_escalation_at, (SELECT max(e.at) FROM incident_event e WHERE e.incident_id = i.id))
                    FROM incident i WHERE i.id = ? AND i.next_escalation_at IS NOT NULL AND i.answered_at IS NULL""")
                    .param(id).query(java.time.OffsetDateTime.class).optional().map(java.time.OffsetDateTime::toInstant)
                    .orElse(null);
            if (at == null || at.isAfter(now) || !desk.escalateOverdue(id, at)) {
                return moved;
            }
            moved++;
        }
    }

    public void registerApiKey(UnitId unit, String name, String key) {
        keys.register(unit.value(), name, key);
    }
}
