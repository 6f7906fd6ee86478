package org.fengqiao.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fengqiao.audit.StaffNames;
import org.fengqiao.platform.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the trail and checks its chain; writing is {@link AuditTrail}'s alone. */
@Component
public class AuditEntries {

    private static final String COLUMNS = "seq, at, actor_id, actor, actor_role, remote_addr, action, record_type, "
            + "record_id, unit_path, before::text AS before, after::text AS after, s.prev_hash, s.hash";

    private final JdbcClient jdbc;
    private final ActorNames actors;
    private final Supplier<StaffNames> staffNames;
    private final AuditSealer sealer;
    private final AuditWitness witness;

    /** Without the account module (a module test starts without it) nobody is found by his real name. */
    private static final StaffNames NOBODY = typed -> List.of();

    AuditEntries(JdbcClient jdbc, ActorNames actors, AuditSealer sealer, AuditWitness witness,
            ObjectProvider<StaffNames> staffNames) {
        this.staffNames = () -> staffNames.getIfAvailable(() -> NOBODY);
        this.jdbc = jdbc;
        this.actors = actors;
        this.sealer = sealer;
        this.witness = witness;
    }

    /**
     * The entries matching the query, newest first, limited inside the query to the caller's
     * subtrees. Entries tied to no unit (sign-ins of unknown names, jobs) belong to the whole
     * system and are shown only to an auditor whose scope holds a root of the tree.
     */
    public AuditPage search(AuditQuery q, Caller caller) {
        return slice(q, caller, q.size(), (long) q.page() * q.size());
    }

    /**
     * The entries of {@link #search} from an offset, as many as asked (an export reads the whole reading in slices
     * larger than a page); the count and {@code upTo} as there.
     */
    public AuditPage slice(AuditQuery q, Caller caller, int limit, long offset) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        where.add(caller.unitPaths().stream().anyMatch(AuditEntries::isRoot)
                ? "(unit_path IS NULL OR unit_path LIKE ANY(:scope))"
                : "unit_path LIKE ANY(:scope)");
        params.put("scope", caller.scopePatterns());
        if (q.actor() != null) {
            // a system's stored name, or its name in either language; in any letter case, as a sign-in is written
            // under the name as typed (Chief) while user names are kept in lower case (V169)
            // and a person by his real name, exact or a part of it: by the id his signed-in entries carry and by
            // his user name, which his sign-ins (no id yet) are written under
            List<StaffNames.Named> people = staffNames.get().named(q.actor());
            List<String> stored = new ArrayList<>(actors.stored(q.actor()));
            people.stream().map(StaffNames.Named::username).filter(java.util.Objects::nonNull).forEach(stored::add);
            where.add("(lower(btrim(actor)) = ANY(:actors) OR actor_id = ANY(:actorIds))");
            params.put("actors", stored.stream().map(a -> a.strip().toLowerCase(Locale.ROOT))
                    .distinct().toArray(String[]::new));
            params.put("actorIds", people.stream().map(StaffNames.Named::staffId).toArray(UUID[]::new));
        }
        if (q.action() != null) {
            where.add("action = :action");
            params.put("action", q.action().toUpperCase(Locale.ROOT));
        }
        if (q.recordType() != null) {
            where.add("record_type = :recordType");
            params.put("recordType", q.recordType());
        }
        if (q.recordId() != null) {
            where.add("record_id = :recordId");
            params.put("recordId", q.recordId());
        }
        if (q.from() != null) {
            where.add("at >= :from");
            params.put("from", q.from().atOffset(ZoneOffset.UTC));
        }
        if (q.to() != null) {
            where.add("at < :to");
            params.put("to", q.to().atOffset(ZoneOffset.UTC));
        }
        // the pages of one reading are counted from the newest entry the first found, whatever is written since
        long upTo = q.upTo() != null ? q.upTo()
                : jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
        where.add("seq <= :upTo");
        params.put("upTo", upTo);
        String condition = " WHERE " + String.join(" AND ", where);
        long total = jdbc.sql("SELECT count(*) FROM audit_entry" + condition).params(params)
                .query(Long.class).single();
        // an entry committed in the last half second may not be sealed yet: its hashes are null until it is
        List<AuditEntry> items = jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry LEFT JOIN audit_seal s USING (seq)"
                        + condition
                        + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query(AuditEntries::map).list();
        return new AuditPage(items, q.page(), q.size(), total, upTo);
    }

    /**
     * Seals every entry committed so far, then recomputes the whole chain in the database. The check and the count
     * run in one statement, so both see the same snapshot even while entries are being added and sealed. A chain whole
     * in itself must still reach the head witnessed outside the database, with the same hash there: a tail cut off
     * (triggers disabled, last entries and seals deleted) leaves a shorter chain that recomputes without a flaw. No
     * witness (a new installation, the first start with it, the file moved aside) is no alarm.
     */
    public ChainCheck verify() {
        Optional<AuditWitness.Head> witnessed = witness.latest();
        sealer.sealAll();
        ChainCheck check = jdbc.sql("""
                SELECT v.broken_seq, v.reason, v.checked, (SELECT count(*) FROM audit_seal) AS total
                FROM (SELECT 1) AS one LEFT JOIN audit_verify() AS v ON true
                """)
                .query((rs, n) -> {
                    long brokenSeq = rs.getLong("broken_seq");
                    return rs.wasNull() ? ChainCheck.whole(rs.getLong("total"))
                            : ChainCheck.broken(brokenSeq, rs.getString("reason"), rs.getLong("checked"));
                })
                .single();
        if (!check.valid() || witnessed.isEmpty()) {
            return check;
        }
        AuditWitness.Head head = witnessed.get();
        Optional<Map<String, Object>> seal = jdbc.sql("SELECT seq, hash FROM audit_seal WHERE chain_no = ?")
                .param(head.chainNo()).query().listOfRows().stream().findFirst();
        if (seal.isEmpty()) {
            return ChainCheck.truncated(head, check.checked());
        }
        if (!head.hash().equals(seal.get().get("hash"))) {
            return ChainCheck.rewritten(head, ((Number) seal.get().get("seq")).longValue(), check.checked());
        }
        return check;
    }

    /** A root unit's path has one segment: "/id/". */
    private static boolean isRoot(String path) {
        return path.chars().filter(c -> c == '/').count() == 2;
    }

    private static AuditEntry map(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
                rs.getObject("actor_id", UUID.class), rs.getString("actor"), rs.getString("actor"), rs.getString("actor_role"),
                rs.getString("remote_addr"), rs.getString("action"), rs.getString("record_type"),
                rs.getString("record_id"), rs.getString("unit_path"), rs.getString("before"), rs.getString("after"),
                rs.getString("prev_hash"), rs.getString("hash"), List.of());
    }
}
