package org.fengqiao.incident.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.Subtype;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The incident table and its timeline. Reads for a person are scoped inside the SQL through the grid's
 * unit ({@code u.path LIKE ANY(:scope)}), so an incident outside the caller's subtree is not found.
 */
@Repository
public class Incidents {

    public enum Status {
        RECEIVED, ACKNOWLEDGED, DISPATCHED, ARRIVED, RESOLVED, ANSWERED,
        /** Merged into another report (a duplicate): closed, answered when its primary is. */
        MERGED;

        public boolean open() {
            return this != ANSWERED && this != MERGED;
        }
    }

    public record Incident(UUID id, String trackingCode, Source source, Category category, Subtype subtype,
            String department, String description, OffsetDateTime occurredAt, Double lon, Double lat, String address,
            UUID gridId, String gridCode, String gridName, String unitPath, Status status, UUID ownerUnitId,
            String ownerUnitName, String ownerUnitKind, UUID ownerStaffId, String ownerStaffName, OffsetDateTime ownerSince,
            int escalations, String routingRule, String routingReason, String routingFallback, OffsetDateTime receivedAt,
            OffsetDateTime acknowledgedAt, OffsetDateTime dispatchedAt, OffsetDateTime arrivedAt,
            OffsetDateTime chiefArrivedAt, OffsetDateTime resolvedAt, OffsetDateTime answeredAt, OffsetDateTime dueAt,
            OffsetDateTime nextEscalationAt, String reporterName, String reporterPhoneMasked, String externalRef,
            UUID createdBy, OffsetDateTime createdAt, long version) {

        public boolean overdue(Instant now) {
            return status.open() && dueAt != null && !dueAt.toInstant().isAfter(now);
        }
    }

    public record Event(long id, String kind, OffsetDateTime at, String actorName, UUID ownerUnitId, String ownerUnitName,
            UUID ownerStaffId, String ownerStaffName, String reason, String department, String contact, String outcome,
            String note) {
    }

    /** The list's filters; null means any. */
    /** {@code owner}: only the items this person owns (his own to-do list), else everyone's. */
    public record Filter(Status status, Category category, UUID gridId, Boolean overdue, Boolean open, UUID owner) {

        public Filter(Status status, Category category, UUID gridId, Boolean overdue, Boolean open) {
            this(status, category, gridId, overdue, open, null);
        }
    }

    public record Page(List<Incident> items, long total) {
    }

    static final String SELECT = """
            SELECT i.*, g.code AS grid_code, g.name AS grid_name, u.path AS unit_path, ou.name AS owner_unit_name,
                   ou.kind AS owner_unit_kind, os.name AS owner_staff_name
            FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN unit ou ON ou.id = i.owner_unit_id LEFT JOIN staff os ON os.id = i.owner_staff_id
            """;
    /** The sweep's question: the open items whose next escalation has come. */
    static final String DUE = """
            SELECT id FROM incident WHERE answered_at IS NULL AND next_escalation_at <= :now
            ORDER BY next_escalation_at LIMIT :limit""";
    private static final String SCOPE = " u.path LIKE ANY(CAST(:scope AS text[])) ";

    private final JdbcClient jdbc;

    Incidents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new incident row; false when the same submitter filed the same idempotency key before. */
    public boolean insert(New n) {
        return jdbc.sql("""
                INSERT INTO incident (id, tracking_code, source, category, subtype, department, description, occurred_at,
                    lon, lat, address, grid_id, status, owner_unit_id, owner_staff_id, owner_since, routing_rule,
                    routing_reason, routing_fallback, received_at, due_at, next_escalation_at, reporter_name,
                    reporter_phone, reporter_phone_masked, external_ref, submitter, idempotency_key, created_by,
                    submission_hash, created_at, updated_at)
                VALUES (:id, :code, :source, :category, :subtype, :department, :description, :occurredAt, :lon, :lat,
                    :address, :grid, 'RECEIVED', :unit, :staff, :now, :rule, :reason, :fallback, :now, :due, :next,
                    :reporterName, :phone, :phoneMasked, :externalRef, :submitter, :key, :createdBy, :hash, :now, :now)
                ON CONFLICT (submitter, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING""")
                .param("id", n.id()).param("code", n.trackingCode()).param("source", n.source().name())
                .param("category", n.category().name()).param("subtype", n.subtype() == null ? null : n.subtype().name())
                .param("department", n.department()).param("description", n.description())
                .param("occurredAt", n.occurredAt()).param("lon", n.lon()).param("lat", n.lat())
                .param("address", n.address()).param("grid", n.gridId()).param("unit", n.ownerUnitId())
                .param("staff", n.ownerStaffId()).param("now", n.now()).param("rule", n.rule())
                .param("reason", n.reason()).param("fallback", n.fallback()).param("due", n.due())
                .param("next", n.nextEscalation()).param("reporterName", n.reporterName())
                .param("phone", n.phone()).param("phoneMasked", n.phoneMasked()).param("externalRef", n.externalRef())
                .param("submitter", n.submitter()).param("key", n.idempotencyKey()).param("createdBy", n.createdBy())
                .param("hash", n.submissionHash())
                .update() > 0;
    }

    public record New(UUID id, String trackingCode, Source source, Category category, Subtype subtype,
            String department, String description, OffsetDateTime occurredAt, Double lon, Double lat, String address,
            UUID gridId, UUID ownerUnitId, UUID ownerStaffId, OffsetDateTime now, String rule, String reason,
            String fallback, OffsetDateTime due, OffsetDateTime nextEscalation, String reporterName, byte[] phone,
            String phoneMasked, String externalRef, String submitter, String idempotencyKey, UUID createdBy,
            byte[] submissionHash) {
    }

    /** What a submitter filed under an idempotency key: the incident and the hash of its submission (null before V86). */
    public record Prior(UUID id, byte[] submissionHash) {
    }

    public Optional<Prior> prior(String submitter, String key) {
        return jdbc.sql("SELECT id, submission_hash FROM incident WHERE submitter = ? AND idempotency_key = ?")
                .params(submitter, key).query((rs, n) -> new Prior(rs.getObject(1, UUID.class), rs.getBytes(2))).optional();
    }

    public Optional<UUID> byIdempotencyKey(String submitter, String key) {
        return jdbc.sql("SELECT id FROM incident WHERE submitter = ? AND idempotency_key = ?").params(submitter, key)
                .query(UUID.class).optional();
    }

    public Optional<Incident> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE i.id = :id").param("id", id).query(Incidents::map).optional();
    }

    /** The incident if the scope (unit paths) sees its grid; null scope sees all. */
    public Optional<Incident> findVisible(UUID id, List<String> scopePaths) {
        if (scopePaths == null) {
            return find(id);
        }
        return jdbc.sql(SELECT + " WHERE i.id = :id AND" + SCOPE).param("id", id).param("scope", patterns(scopePaths))
                .query(Incidents::map).optional();
    }

    /** Locks the row for a change, so two changes to one incident run one after the other. */
    public void lock(UUID id) {
        jdbc.sql("SELECT id FROM incident WHERE id = ? FOR UPDATE").param(id).query(UUID.class).single();
    }

    public Page list(Filter f, List<String> scopePaths, Instant now, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE" + SCOPE);
        if (f.status() != null) {
            where.append(" AND i.status = :status");
        }
        if (f.category() != null) {
            where.append(" AND i.category = :category");
        }
        if (f.gridId() != null) {
            where.append(" AND i.grid_id = :grid");
        }
        if (f.owner() != null) {
            where.append(" AND i.owner_staff_id = :owner");
        }
        if (Boolean.TRUE.equals(f.overdue())) {
            where.append(" AND i.answered_at IS NULL AND i.due_at <= :now");
        } else if (Boolean.FALSE.equals(f.overdue())) {
            where.append(" AND NOT (i.answered_at IS NULL AND i.due_at <= :now AND i.due_at IS NOT NULL)");
        }
        if (Boolean.TRUE.equals(f.open())) {
            where.append(" AND i.answered_at IS NULL AND i.status <> 'MERGED'");
        } else if (Boolean.FALSE.equals(f.open())) {
            where.append(" AND (i.answered_at IS NOT NULL OR i.status = 'MERGED')");
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        var count = jdbc.sql("SELECT count(*) FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id"
                + where);
        var rows = jdbc.sql(SELECT + where + "\n" + """
                 ORDER BY (i.answered_at IS NULL AND i.due_at <= :now) DESC, (i.answered_at IS NULL) DESC,
                          i.due_at NULLS LAST, i.received_at DESC, i.id
                 LIMIT :limit OFFSET :offset""");
        for (var spec : List.of(count, rows)) {
            spec.param("scope", patterns(scopePaths)).param("now", at);
            if (f.status() != null) {
                spec.param("status", f.status().name());
            }
            if (f.category() != null) {
                spec.param("category", f.category().name());
            }
            if (f.gridId() != null) {
                spec.param("grid", f.gridId());
            }
            if (f.owner() != null) {
                spec.param("owner", f.owner());
            }
        }
        long total = count.query(Long.class).single();
        List<Incident> items = rows.param("limit", limit).param("offset", offset).query(Incidents::map).list();
        return new Page(items, total);
    }

    public void event(UUID incident, String kind, OffsetDateTime at, UUID actorId, String actorName, UUID unitId,
            String unitName, UUID staffId, String staffName, String reason, String department, String contact,
            String outcome, String note) {
        jdbc.sql("""
                INSERT INTO incident_event (incident_id, kind, at, actor_id, actor_name, owner_unit_id, owner_unit_name,
                    owner_staff_id, owner_staff_name, reason, department, contact, outcome, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(incident, kind, at, actorId, actorName, unitId, unitName, staffId, staffName, reason, department,
                        contact, outcome, note)
                .update();
    }

    /** Several steps of one incident in one statement, in order; answers them with their ids. */
    public List<Event> steps(UUID incident, UUID actorId, List<Event> steps) {
        StringBuilder sql = new StringBuilder("INSERT INTO incident_event (incident_id, kind, at, actor_id, actor_name, "
                + "owner_unit_id, owner_unit_name, owner_staff_id, owner_staff_name, reason, department, contact, outcome, "
                + "note) VALUES ");
        List<Object> params = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            Event e = steps.get(k);
            sql.append(k == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(incident, e.kind(), e.at(), e.actorName() == null ? null : actorId, e.actorName(),
                    e.ownerUnitId(), e.ownerUnitName(), e.ownerStaffId(), e.ownerStaffName(), e.reason(), e.department(),
                    e.contact(), e.outcome(), e.note()));
        }
        List<Long> ids = jdbc.sql(sql.append(" RETURNING id").toString()).params(params).query(Long.class).list();
        List<Event> stored = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            Event e = steps.get(k);
            stored.add(new Event(ids.get(k), e.kind(), e.at(), e.actorName(), e.ownerUnitId(), e.ownerUnitName(),
                    e.ownerStaffId(), e.ownerStaffName(), e.reason(), e.department(), e.contact(), e.outcome(), e.note()));
        }
        return stored;
    }

    public List<Event> timeline(UUID incident) {
        return jdbc.sql("""
                SELECT id, kind, at, actor_name, owner_unit_id, owner_unit_name, owner_staff_id, owner_staff_name, reason,
                       department, contact, outcome, note
                FROM incident_event WHERE incident_id = ? ORDER BY id""")
                .param(incident)
                .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getObject(7, UUID.class),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getString(13)))
                .list();
    }

    /** Sets the columns a step changes; every other column stays. */
    public void update(UUID id, String setClause, Object... params) {
        Object[] all = new Object[params.length + 1];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = id;
        jdbc.sql("UPDATE incident SET " + setClause + ", updated_at = now(), version = version + 1 WHERE id = ?")
                .params(all).update();
    }

    /**
     * The open items whose next escalation has come, oldest deadline first. Reads the partial index {@code incident_escalation_due} only, so the cost
     * follows the number of items due, not the number open.
     */
    public List<UUID> due(Instant now, UUID gridId, int limit) {
        var query = jdbc.sql(gridId == null ? DUE : DUE.replace("ORDER BY", "AND grid_id = :grid ORDER BY"))
                .param("now", now.atOffset(ZoneOffset.UTC)).param("limit", limit);
        if (gridId != null) {
            query = query.param("grid", gridId);
        }
        return query.query(UUID.class).list();
    }

    static String[] patterns(List<String> paths) {
        return paths.stream().map(p -> p + "%").toArray(String[]::new);
    }

    static Incident map(ResultSet rs, int row) throws SQLException {
        String subtype = rs.getString("subtype");
        return new Incident(rs.getObject("id", UUID.class), rs.getString("tracking_code"),
                Source.valueOf(rs.getString("source")), Category.valueOf(rs.getString("category")),
                subtype == null ? null : Subtype.valueOf(subtype), rs.getString("department"),
                rs.getString("description"), rs.getObject("occurred_at", OffsetDateTime.class),
                (Double) rs.getObject("lon"), (Double) rs.getObject("lat"), rs.getString("address"),
                rs.getObject("grid_id", UUID.class), rs.getString("grid_code"), rs.getString("grid_name"),
                rs.getString("unit_path"), Status.valueOf(rs.getString("status")), rs.getObject("owner_unit_id", UUID.class),
                rs.getString("owner_unit_name"), rs.getString("owner_unit_kind"), rs.getObject("owner_staff_id", UUID.class),
                rs.getString("owner_staff_name"), rs.getObject("owner_since", OffsetDateTime.class), rs.getInt("escalations"),
                rs.getString("routing_rule"), rs.getString("routing_reason"), rs.getString("routing_fallback"),
                rs.getObject("received_at", OffsetDateTime.class), rs.getObject("acknowledged_at", OffsetDateTime.class),
                rs.getObject("dispatched_at", OffsetDateTime.class), rs.getObject("arrived_at", OffsetDateTime.class),
                rs.getObject("chief_arrived_at", OffsetDateTime.class), rs.getObject("resolved_at", OffsetDateTime.class),
                rs.getObject("answered_at", OffsetDateTime.class), rs.getObject("due_at", OffsetDateTime.class),
                rs.getObject("next_escalation_at", OffsetDateTime.class), rs.getString("reporter_name"),
                rs.getString("reporter_phone_masked"), rs.getString("external_ref"), rs.getObject("created_by", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getLong("version"));
    }
}
