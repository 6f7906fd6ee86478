package org.fengqiao.incident.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.Subtype;
import org.fengqiao.platform.ChoiceNames;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The incident table and its timeline. Reads for a person are scoped inside the SQL through the grid's
 * unit ({@code u.path LIKE ANY(:scope)}), so an incident outside the caller's subtree is not found.
 */
@Repository
public class Incidents {

    @ChoiceNames("incident.status.")
    public enum Status {
        RECEIVED, ACKNOWLEDGED, DISPATCHED, ARRIVED, RESOLVED, ANSWERED,
        /** Merged into another report (a duplicate): closed, answered when its primary is. */
        MERGED;

        public boolean open() {
            return this != ANSWERED && this != MERGED;
        }
    }

    public record Incident(UUID id, String trackingCode, Source source, Category category, Subtype subtype,
            Offence offence, String department, String description, OffsetDateTime occurredAt, Double lon, Double lat,
            String address, UUID gridId, String gridCode, String gridName, String unitPath, Status status, UUID ownerUnitId,
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

    /**
     * A step of the timeline. {@code reason} is a message key the system wrote ({@code reasonIsKey} true: shown in
     * the reader's language) or a person's words (false: shown as typed); null for a step written before the two were
     * told apart, whose reason reads as it always did ({@link #reasonIsKey(Event)}).
     */
    public record Event(long id, String kind, OffsetDateTime at, String actorName, UUID ownerUnitId, String ownerUnitName,
            UUID ownerStaffId, String ownerStaffName, String reason, Boolean reasonIsKey, String department,
            String contact, String outcome, String note, UUID actorId) {

        /** A step whose actor (if any) is not known by id here: one of the steps a filing writes. */
        public Event(long id, String kind, OffsetDateTime at, String actorName, UUID ownerUnitId, String ownerUnitName,
                UUID ownerStaffId, String ownerStaffName, String reason, Boolean reasonIsKey, String department,
                String contact, String outcome, String note) {
            this(id, kind, at, actorName, ownerUnitId, ownerUnitName, ownerStaffId, ownerStaffName, reason, reasonIsKey,
                    department, contact, outcome, note, null);
        }
    }

    /**
     * Whether a step's reason is to be translated: as the step says, and for a step written before steps said so,
     * as it always was (whatever the bundles know as a key).
     */
    public static boolean reasonIsKey(Event e) {
        return e.reason() != null && !Boolean.FALSE.equals(e.reasonIsKey());
    }

    /**
     * The list's filters; null means any. {@code owner}: only the items this person owns (his own to-do list), else
     * everyone's. {@code filedBy}: only the reports this person filed, those outside the scope included (he may report
     * beyond the grids he reads). {@code offence}: only the cases of that offence (案由); {@code unclassified}: only
     * the cases with none yet (案由未定); {@code preventable}: only the cases whose offence is preventable (可防性案件,
     * {@link Offence#preventable()}); each leaves out a report merged into another as its duplicate, as the work
     * figures do, so the list holds what they count. {@code receivedFrom} to {@code receivedBefore} (exclusive): only
     * what came in then. {@code source}: only what came in that way (the 110 calls), a report merged into another as
     * its duplicate left out as well: the same call twice is one call, as the work figures count the 110 calls.
     */
    public record Filter(Status status, Category category, UUID gridId, Boolean overdue, Boolean open, UUID owner,
            UUID filedBy, Offence offence, boolean unclassified, boolean preventable, OffsetDateTime receivedFrom,
            OffsetDateTime receivedBefore, Source source) {

        public Filter(Status status, Category category, UUID gridId, Boolean overdue, Boolean open, UUID owner,
                UUID filedBy) {
            this(status, category, gridId, overdue, open, owner, filedBy, null, false, false, null, null, null);
        }

        public Filter(Status status, Category category, UUID gridId, Boolean overdue, Boolean open, UUID owner) {
            this(status, category, gridId, overdue, open, owner, null);
        }

        public Filter(Status status, Category category, UUID gridId, Boolean overdue, Boolean open) {
            this(status, category, gridId, overdue, open, null, null);
        }
    }

    /** The codes of the preventable offences (可防性案件), as the list's and the work figures' SQL compare them. */
    static final String[] PREVENTABLE = Stream.of(Offence.values()).filter(Offence::preventable).map(Offence::name)
            .toArray(String[]::new);

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

    /**
     * New incident rows in one statement, in order; answers for each whether it was stored: false when the same
     * submitter filed the same idempotency key before (or earlier in the same list). One array per column, so the
     * statement is the same for any number of rows and is prepared and planned once.
     */
    public boolean[] insert(List<New> rows) {
        Set<UUID> stored = new HashSet<>(jdbc.sql("""
                INSERT INTO incident (id, tracking_code, source, category, subtype, offence, department, description,
                    occurred_at, lon, lat, address, grid_id, status, owner_unit_id, owner_staff_id, owner_since, routing_rule,
                    routing_reason, routing_fallback, received_at, due_at, next_escalation_at, reporter_name,
                    reporter_phone, reporter_phone_masked, external_ref, submitter, idempotency_key, created_by,
                    submission_hash, created_at, updated_at, acknowledged_at, acknowledged_by)
                SELECT r.id, r.code, r.source, r.category, r.subtype, r.offence, r.department, r.description, r.occurred,
                    r.lon, r.lat, r.address, r.grid, CASE WHEN r.acked_by IS NULL THEN 'RECEIVED' ELSE 'ACKNOWLEDGED' END,
                    r.unit, r.staff, r.now, r.rule, r.reason, r.fallback, r.now,
                    r.due, r.next, r.reporter_name, r.phone, r.phone_masked, r.external_ref, r.submitter, r.key,
                    r.created_by, r.hash, r.now, r.now, CASE WHEN r.acked_by IS NOT NULL THEN r.now END, r.acked_by
                FROM unnest(CAST(:ids AS uuid[]), CAST(:codes AS text[]), CAST(:sources AS text[]),
                    CAST(:categories AS text[]), CAST(:subtypes AS text[]), CAST(:offences AS text[]),
                    CAST(:departments AS text[]), CAST(:descriptions AS text[]), CAST(:occurred AS timestamptz[]), CAST(:lons AS float8[]),
                    CAST(:lats AS float8[]), CAST(:addresses AS text[]), CAST(:grids AS uuid[]), CAST(:units AS uuid[]),
                    CAST(:staff AS uuid[]), CAST(:nows AS timestamptz[]), CAST(:rules AS text[]),
                    CAST(:reasons AS text[]), CAST(:fallbacks AS text[]), CAST(:dues AS timestamptz[]),
                    CAST(:nexts AS timestamptz[]), CAST(:reporterNames AS text[]), CAST(:phones AS bytea[]),
                    CAST(:masks AS text[]), CAST(:externalRefs AS text[]), CAST(:submitters AS text[]),
                    CAST(:keys AS text[]), CAST(:createdBy AS uuid[]), CAST(:hashes AS bytea[]), CAST(:ackedBy AS uuid[])) WITH ORDINALITY
                    AS r (id, code, source, category, subtype, offence, department, description, occurred, lon, lat,
                          address, grid, unit, staff, now, rule, reason, fallback, due, next, reporter_name, phone, phone_masked,
                          external_ref, submitter, key, created_by, hash, acked_by, ord)
                ORDER BY r.ord
                ON CONFLICT (submitter, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING id""")
                .param("ids", column(rows, New::id, UUID[]::new))
                .param("codes", column(rows, New::trackingCode, String[]::new))
                .param("sources", column(rows, r -> r.source().name(), String[]::new))
                .param("categories", column(rows, r -> r.category().name(), String[]::new))
                .param("subtypes", column(rows, r -> r.subtype() == null ? null : r.subtype().name(), String[]::new))
                .param("offences", column(rows, r -> r.offence() == null ? null : r.offence().name(), String[]::new))
                .param("departments", column(rows, New::department, String[]::new))
                .param("descriptions", column(rows, New::description, String[]::new))
                .param("occurred", column(rows, r -> text(r.occurredAt()), String[]::new))
                .param("lons", column(rows, New::lon, Double[]::new))
                .param("lats", column(rows, New::lat, Double[]::new))
                .param("addresses", column(rows, New::address, String[]::new))
                .param("grids", column(rows, New::gridId, UUID[]::new))
                .param("units", column(rows, New::ownerUnitId, UUID[]::new))
                .param("staff", column(rows, New::ownerStaffId, UUID[]::new))
                .param("nows", column(rows, r -> text(r.now()), String[]::new))
                .param("rules", column(rows, New::rule, String[]::new))
                .param("reasons", column(rows, New::reason, String[]::new))
                .param("fallbacks", column(rows, New::fallback, String[]::new))
                .param("dues", column(rows, r -> text(r.due()), String[]::new))
                .param("nexts", column(rows, r -> text(r.nextEscalation()), String[]::new))
                .param("reporterNames", column(rows, New::reporterName, String[]::new))
                .param("phones", column(rows, New::phone, byte[][]::new))
                .param("masks", column(rows, New::phoneMasked, String[]::new))
                .param("externalRefs", column(rows, New::externalRef, String[]::new))
                .param("submitters", column(rows, New::submitter, String[]::new))
                .param("keys", column(rows, New::idempotencyKey, String[]::new))
                .param("createdBy", column(rows, New::createdBy, UUID[]::new))
                .param("hashes", column(rows, New::submissionHash, byte[][]::new))
                .param("ackedBy", column(rows, New::acknowledgedBy, UUID[]::new))
                .query(UUID.class).list());
        boolean[] created = new boolean[rows.size()];
        for (int i = 0; i < created.length; i++) {
            created[i] = stored.contains(rows.get(i).id());
        }
        return created;
    }

    /** One column of rows, as the array a statement unnests. */
    private static <T, C> C[] column(List<T> rows, Function<T, C> value, IntFunction<C[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    /** A moment as PostgreSQL reads it (ISO 8601 with its offset), or null. */
    private static String text(OffsetDateTime at) {
        return at == null ? null : at.toString();
    }

    public record New(UUID id, String trackingCode, Source source, Category category, Subtype subtype,
            Offence offence, String department, String description, OffsetDateTime occurredAt, Double lon, Double lat,
            String address, UUID gridId, UUID ownerUnitId, UUID ownerStaffId, OffsetDateTime now, String rule, String reason,
            String fallback, OffsetDateTime due, OffsetDateTime nextEscalation, String reporterName, byte[] phone,
            String phoneMasked, String externalRef, String submitter, String idempotencyKey, UUID createdBy,
            byte[] submissionHash, UUID acknowledgedBy) {
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
        return findVisible(id, Reach.within(scopePaths));
    }

    /** The incident if it is in the reader's reach. */
    public Optional<Incident> findVisible(UUID id, Reach reach) {
        if (reach.everything()) {
            return find(id);
        }
        return reach.bind(jdbc.sql(SELECT + " WHERE i.id = :id AND" + reach.condition())).param("id", id)
                .query(Incidents::map).optional();
    }

    /** The reporter's phone as stored (encrypted), if he left one. */
    public Optional<byte[]> reporterPhone(UUID id) {
        return jdbc.sql("SELECT reporter_phone FROM incident WHERE id = ? AND reporter_phone IS NOT NULL").param(id)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** Locks the row for a change, so two changes to one incident run one after the other. */
    public void lock(UUID id) {
        jdbc.sql("SELECT id FROM incident WHERE id = ? FOR UPDATE").param(id).query(UUID.class).single();
    }

    public Page list(Filter f, List<String> scopePaths, Instant now, int limit, int offset) {
        return list(f, Reach.within(scopePaths), now, limit, offset);
    }

    /** The items in the reader's reach that the filter lists, a page of them, and how many there are. */
    public Page list(Filter f, Reach reach, Instant now, int limit, int offset) {
        return page(f, reach, now, limit, offset, true);
    }

    /** A page of the list without counting the list again: a ledger reading it page after page counted it once. */
    public List<Incident> items(Filter f, Reach reach, Instant now, int limit, int offset) {
        return page(f, reach, now, limit, offset, false).items();
    }

    private Page page(Filter f, Reach reach, Instant now, int limit, int offset, boolean counted) {
        // the reports a person filed are his to follow wherever he filed them (IncidentDesk.get), so they need no scope
        StringBuilder where = new StringBuilder(f.filedBy() == null ? " WHERE" + reach.condition()
                : " WHERE i.created_by = :filedBy");
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
        if (f.offence() != null) {
            where.append(" AND i.offence = :offence AND i.merged_into IS NULL");
        }
        if (f.unclassified()) {
            where.append(" AND i.category = 'CASE' AND i.offence IS NULL AND i.merged_into IS NULL");
        }
        if (f.preventable()) {
            where.append(" AND i.offence = ANY(CAST(:preventable AS text[])) AND i.merged_into IS NULL");
        }
        if (f.source() != null) {
            where.append(" AND i.source = :source AND i.merged_into IS NULL");
        }
        if (f.receivedFrom() != null) {
            where.append(" AND i.received_at >= :receivedFrom");
        }
        if (f.receivedBefore() != null) {
            where.append(" AND i.received_at < :receivedBefore");
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
                 ORDER BY (i.answered_at IS NULL AND i.due_at <= :now) IS TRUE DESC,
                          (i.answered_at IS NULL AND i.status <> 'MERGED') DESC,
                          i.due_at NULLS LAST, i.received_at DESC, i.id
                 LIMIT :limit OFFSET :offset""");
        for (var spec : List.of(count, rows)) {
            if (f.filedBy() == null) {
                reach.bind(spec);
            }
            spec.param("now", at);
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
            if (f.filedBy() != null) {
                spec.param("filedBy", f.filedBy());
            }
            if (f.offence() != null) {
                spec.param("offence", f.offence().name());
            }
            if (f.preventable()) {
                spec.param("preventable", PREVENTABLE);
            }
            if (f.source() != null) {
                spec.param("source", f.source().name());
            }
            if (f.receivedFrom() != null) {
                spec.param("receivedFrom", f.receivedFrom());
            }
            if (f.receivedBefore() != null) {
                spec.param("receivedBefore", f.receivedBefore());
            }
        }
        long total = counted ? count.query(Long.class).single() : -1;
        List<Incident> items = rows.param("limit", limit).param("offset", offset).query(Incidents::map).list();
        return new Page(items, total);
    }

    /**
     * The tracking codes of the reports the given ones were merged into as duplicates, by the duplicate's id, for those
     * the scope (unit paths) sees; a report not merged, or merged into one outside the scope (another station's, the
     * bureau merging across them), is not in the map: a tracking code is its reporter's key to his report's page.
     */
    public Map<UUID, String> mergedInto(List<UUID> ids, Reach reach) {
        Map<UUID, String> codes = new HashMap<>();
        reach = reach == null ? Reach.within(List.of()) : reach;
        reach.bind(jdbc.sql("""
                SELECT d.id, p.tracking_code FROM incident d JOIN incident p ON p.id = d.merged_into
                JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE d.id = ANY(CAST(:ids AS uuid[])) AND""" + reach.condition("p", "u")))
                .param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    codes.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return codes;
    }

    /** How many open items a person owns in the scope (unit paths), and how many of them are past their deadline. */
    public record Owned(long open, long overdue) {
    }

    /** The start page's count of a person's to-do list: what {@link #list} lists with the "mine" filter, counted. */
    public Owned owned(UUID owner, List<String> scopePaths, Instant now) {
        return jdbc.sql("SELECT count(*), count(*) FILTER (WHERE i.due_at <= :now) FROM incident i "
                        + "JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id WHERE" + SCOPE
                        + "AND i.owner_staff_id = :owner AND i.answered_at IS NULL AND i.status <> 'MERGED'")
                .param("scope", patterns(scopePaths)).param("owner", owner).param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Owned(rs.getLong(1), rs.getLong(2))).single();
    }

    public record Reported(long total, long open) {
    }

    /**
     * The start page's count of the reports a person filed ("我上报的"), wherever he filed them, and how many of them
     * are still being handled: what {@link #list} lists with the "filed" filter, counted.
     */
    public Reported reported(UUID filer) {
        return jdbc.sql("SELECT count(*), count(*) FILTER (WHERE i.answered_at IS NULL AND i.status <> 'MERGED') "
                        + "FROM incident i WHERE i.created_by = :filer")
                .param("filer", filer).query((rs, n) -> new Reported(rs.getLong(1), rs.getLong(2))).single();
    }

    /**
     * The open items in these grids that their owning unit, or the person owning them, no longer sees where the grid
     * lies now (its village just handed to another unit), held for the change that re-owns them.
     */
    public List<UUID> openNoLongerSeenByOwner(java.util.Collection<UUID> grids) {
        return jdbc.sql("""
                SELECT i.id FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit gu ON gu.id = g.unit_id
                JOIN unit ou ON ou.id = i.owner_unit_id
                LEFT JOIN staff os ON os.id = i.owner_staff_id LEFT JOIN unit su ON su.id = os.unit_id
                WHERE i.grid_id = ANY(CAST(:grids AS uuid[])) AND i.status NOT IN ('ANSWERED', 'MERGED')
                  AND (gu.path NOT LIKE ou.path || '%' OR (su.id IS NOT NULL AND gu.path NOT LIKE su.path || '%'))
                ORDER BY i.received_at, i.id
                FOR UPDATE OF i""")
                .param("grids", grids.toArray(UUID[]::new)).query(UUID.class).list();
    }

    /**
     * The open items in these grids (by id, with the unit path each lay at before its village was handed over) that
     * their owning unit sees where they lie now by a path it did not have before: it went along with the village (the
     * grid's work point, the unit under it), so they stay its, under the new chain. An owning unit that sees them by
     * the path it had (one above both places) did not move; one that no longer sees them is for {@link
     * #openNoLongerSeenByOwner}. Held for the step that records it.
     */
    public List<UUID> openMovedWithOwner(java.util.Map<UUID, String> placeBefore) {
        if (placeBefore.isEmpty()) {
            return List.of();
        }
        List<UUID> grids = List.copyOf(placeBefore.keySet());
        return jdbc.sql("""
                SELECT i.id FROM incident i
                JOIN unnest(CAST(:grids AS uuid[]), CAST(:paths AS text[])) AS b (grid, path) ON b.grid = i.grid_id
                JOIN grid g ON g.id = i.grid_id JOIN unit gu ON gu.id = g.unit_id
                JOIN unit ou ON ou.id = i.owner_unit_id
                LEFT JOIN staff os ON os.id = i.owner_staff_id LEFT JOIN unit su ON su.id = os.unit_id
                WHERE i.status NOT IN ('ANSWERED', 'MERGED') AND gu.path <> b.path
                  AND gu.path LIKE ou.path || '%' AND b.path NOT LIKE ou.path || '%'
                  AND (su.id IS NULL OR gu.path LIKE su.path || '%')
                ORDER BY i.received_at, i.id
                FOR UPDATE OF i""")
                .param("grids", grids.toArray(UUID[]::new))
                .param("paths", grids.stream().map(placeBefore::get).toArray(String[]::new))
                .query(UUID.class).list();
    }

    /** Writes a step; {@code reasonIsKey} says whether the reason is a message key (true) or a person's words. */
    public void event(UUID incident, String kind, OffsetDateTime at, UUID actorId, String actorName, UUID unitId,
            String unitName, UUID staffId, String staffName, String reason, boolean reasonIsKey, String department,
            String contact, String outcome, String note) {
        event(incident, kind, at, actorId, actorName, unitId, unitName, staffId, staffName, reason, reasonIsKey,
                department, contact, outcome, note, null);
    }

    /**
     * As {@link #event(UUID, String, OffsetDateTime, UUID, String, UUID, String, UUID, String, String, boolean, String,
     * String, String, String)}, for a merge's step on the duplicate: {@code mergedInto} names the report it was merged
     * into, kept with the step whatever happens to either report after (see V190).
     */
    public void event(UUID incident, String kind, OffsetDateTime at, UUID actorId, String actorName, UUID unitId,
            String unitName, UUID staffId, String staffName, String reason, boolean reasonIsKey, String department,
            String contact, String outcome, String note, UUID mergedInto) {
        jdbc.sql("""
                INSERT INTO incident_event (incident_id, kind, at, actor_id, actor_name, owner_unit_id, owner_unit_name,
                    owner_staff_id, owner_staff_name, reason, reason_is_key, department, contact, outcome, note,
                    merged_into)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(incident, kind, at, actorId, actorName, unitId, unitName, staffId, staffName, reason,
                        reason == null ? null : reasonIsKey, department, contact, outcome, note, mergedInto)
                .update();
    }

    /** Steps of one incident, in order, by one person (the actor of those steps that name one). */
    public record Steps(UUID incident, UUID actorId, List<Event> events) {
    }

    /**
     * The steps of several incidents in one statement, in order; answers them with their ids, incident by incident.
     * One array per column, so the statement is the same for any number of steps and is prepared and planned once.
     */
    public List<List<Event>> steps(List<Steps> all) {
        // each step with its incident and actor, in order
        record Row(Steps of, Event e) {
        }
        List<Row> rows = all.stream().flatMap(of -> of.events().stream().map(e -> new Row(of, e))).toList();
        // the sequence numbers the rows in the order the ordered SELECT yields them: the ids in ascending order are
        // the rows' (sorted, whatever order RETURNING gives them in)
        List<Long> ids = jdbc.sql("""
                INSERT INTO incident_event (incident_id, kind, at, actor_id, actor_name, owner_unit_id, owner_unit_name,
                    owner_staff_id, owner_staff_name, reason, reason_is_key, department, contact, outcome, note)
                SELECT r.incident, r.kind, r.at, r.actor, r.actor_name, r.unit, r.unit_name, r.staff, r.staff_name,
                    r.reason, r.reason_is_key, r.department, r.contact, r.outcome, r.note
                FROM unnest(CAST(:incident AS uuid[]), CAST(:kind AS text[]), CAST(:at AS timestamptz[]),
                    CAST(:actorId AS uuid[]), CAST(:actorName AS text[]), CAST(:unitId AS uuid[]),
                    CAST(:unitName AS text[]), CAST(:staffId AS uuid[]), CAST(:staffName AS text[]),
                    CAST(:reason AS text[]), CAST(:reasonIsKey AS boolean[]), CAST(:department AS text[]),
                    CAST(:contact AS text[]), CAST(:outcome AS text[]), CAST(:note AS text[])) WITH ORDINALITY
                    AS r (incident, kind, at, actor, actor_name, unit, unit_name, staff, staff_name, reason, reason_is_key,
                          department, contact, outcome, note, ord)
                ORDER BY r.ord
                RETURNING id""")
                .param("incident", column(rows, r -> r.of().incident(), UUID[]::new))
                .param("kind", column(rows, r -> r.e().kind(), String[]::new))
                .param("at", column(rows, r -> text(r.e().at()), String[]::new))
                .param("actorId", column(rows, r -> r.e().actorName() == null ? null : r.of().actorId(), UUID[]::new))
                .param("actorName", column(rows, r -> r.e().actorName(), String[]::new))
                .param("unitId", column(rows, r -> r.e().ownerUnitId(), UUID[]::new))
                .param("unitName", column(rows, r -> r.e().ownerUnitName(), String[]::new))
                .param("staffId", column(rows, r -> r.e().ownerStaffId(), UUID[]::new))
                .param("staffName", column(rows, r -> r.e().ownerStaffName(), String[]::new))
                .param("reason", column(rows, r -> r.e().reason(), String[]::new))
                .param("reasonIsKey", column(rows, r -> r.e().reason() == null ? null : r.e().reasonIsKey(), Boolean[]::new))
                .param("department", column(rows, r -> r.e().department(), String[]::new))
                .param("contact", column(rows, r -> r.e().contact(), String[]::new))
                .param("outcome", column(rows, r -> r.e().outcome(), String[]::new))
                .param("note", column(rows, r -> r.e().note(), String[]::new))
                .query(Long.class).list().stream().sorted().toList();
        List<List<Event>> stored = new ArrayList<>();
        int k = 0;
        for (Steps of : all) {
            List<Event> mine = new ArrayList<>();
            for (Event e : of.events()) {
                mine.add(new Event(ids.get(k++), e.kind(), e.at(), e.actorName(), e.ownerUnitId(), e.ownerUnitName(),
                        e.ownerStaffId(), e.ownerStaffName(), e.reason(), e.reasonIsKey(), e.department(), e.contact(),
                        e.outcome(), e.note(), e.actorName() == null ? null : of.actorId()));
            }
            stored.add(mine);
        }
        return stored;
    }

    public List<Event> timeline(UUID incident) {
        return jdbc.sql("""
                SELECT id, kind, at, actor_name, owner_unit_id, owner_unit_name, owner_staff_id, owner_staff_name, reason,
                       department, contact, outcome, note, reason_is_key, actor_id
                FROM incident_event WHERE incident_id = ? ORDER BY id""")
                .param(incident)
                .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getObject(7, UUID.class),
                        rs.getString(8), rs.getString(9), rs.getObject(14, Boolean.class), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13), rs.getObject(15, UUID.class)))
                .list();
    }

    /**
     * Whether the timeline holds a step of this kind since the report's last reopening (since its filing, if it was
     * never reopened): each round of handling records its own arrivals, once each.
     */
    /** Whether the incident has this step already, with this reason, at this moment (a step told twice is one). */
    public boolean hasStep(UUID incident, String kind, String reason, OffsetDateTime at) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM incident_event
                               WHERE incident_id = ? AND kind = ? AND reason = ? AND at = ?)""")
                .params(incident, kind, reason, at).query(Boolean.class).single();
    }

    public boolean tookStepThisRound(UUID incident, String kind) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM incident_event s
                               WHERE s.incident_id = :id AND s.kind = :kind
                                 AND s.id > coalesce((SELECT max(r.id) FROM incident_event r
                                                      WHERE r.incident_id = :id AND r.kind = 'REOPENED'), 0))""")
                .param("id", incident).param("kind", kind).query(Boolean.class).single();
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
        String offence = rs.getString("offence");
        return new Incident(rs.getObject("id", UUID.class), rs.getString("tracking_code"),
                Source.valueOf(rs.getString("source")), Category.valueOf(rs.getString("category")),
                subtype == null ? null : Subtype.valueOf(subtype), offence == null ? null : Offence.valueOf(offence),
                rs.getString("department"),
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
