package org.fengqiao.supplies.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.supplies.CountUnit;
import org.fengqiao.supplies.EntryType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The supply kinds, the units' ledger lines with their receipts, and the stock rows. Reads for a person are scoped
 * inside the SQL by the unit's path ({@code u.path LIKE ANY(:scope)}), so a unit outside the caller's subtree is not
 * found; a null scope is the application's own (everything).
 */
@Repository
public class SupplyLedger {

    /**
     * A kind of supplies of one bureau's catalogue ({@code bureauId}); a retired one is offered by no form and
     * required of no unit, and the lines and stock that count it still name it.
     */
    public record Kind(UUID id, String code, String name, CountUnit countUnit, boolean builtin, boolean required,
            UUID bureauId, boolean retired) {
    }

    /** A unit as supplies see it; {@code retired}: merged away, nothing new is issued or transferred to it. */
    public record Place(UUID id, String code, String name, UnitKind kind, String path, boolean retired) {
        public Place(UUID id, String code, String name, UnitKind kind, String path) {
            this(id, code, name, kind, path, false);
        }
    }

    public record Entry(UUID id, long seq, UUID unitId, String unitName, String unitPath, Kind kind, EntryType type,
            int quantity, int change, Long costFen, LocalDate occurredOn, String supplier, String reason,
            UUID counterpartId, String counterpartName, UUID reversesId, boolean reversed, String recordedByName,
            OffsetDateTime recordedAt, String confirmedByName, OffsetDateTime confirmedAt) {

        /** Waiting for the unit's officer to confirm he received it. */
        public boolean pending() {
            return type.needsReceipt() && confirmedAt == null && !reversed;
        }
    }

    /**
     * A unit's stock of a kind: on hand (confirmed) and on its way (issued or transferred, not yet confirmed). What is
     * on its way sums lines of up to a million each, so it may pass a 32-bit count: both are read as 64-bit.
     */
    public record Stock(Kind kind, long onHand, long pending) {
    }

    /** One unit's stock of one kind, in a summary of a subtree. */
    public record UnitStock(UUID unitId, String unitName, UnitKind unitKind, UUID kindId, long onHand, long pending,
            String unitPath) {
    }

    /** What a kind adds up to under a unit: on hand, on its way, issued and spent in a period. */
    public record KindTotal(Kind kind, long onHand, long pending, long issued, long spentFen) {
    }

    /** What was spent on a unit's supplies in a period. */
    public record UnitSpent(UUID unitId, String unitName, long spentFen) {
    }

    /** A workstation or central office missing required kinds. */
    public record Gap(UUID unitId, String unitName, UnitKind unitKind, List<UUID> missing) {
    }

    record NewEntry(UUID id, UUID unitId, UUID kindId, EntryType type, int quantity, int change, Long costFen,
            LocalDate occurredOn, String supplier, String reason, UUID counterpartId, UUID transferId,
            UUID reversesId, UUID recordedBy, String recordedByName, OffsetDateTime recordedAt) {
    }

    private static final String KIND = "SELECT id, code, name, count_unit, builtin, required, unit_id,"
            + " retired_at IS NOT NULL AS retired FROM supply_kind";
    private static final String ENTRY = """
            SELECT e.id, e.seq, e.unit_id, u.name AS unit_name, u.path AS unit_path, k.id AS k_id, k.code AS k_code,
                   k.name AS k_name, k.count_unit, k.builtin, k.required, k.unit_id,
                   k.retired_at IS NOT NULL AS k_retired, e.entry_type, e.quantity, e.change,
                   e.cost_fen, e.occurred_on, e.supplier, e.reason, e.counterpart_unit_id, cu.name AS counterpart,
                   e.reverses_id, EXISTS (SELECT 1 FROM supply_entry r WHERE r.reverses_id = e.id) AS reversed,
                   e.recorded_by_name, e.recorded_at, rc.confirmed_by_name, rc.confirmed_at
              FROM supply_entry e JOIN unit u ON u.id = e.unit_id JOIN supply_kind k ON k.id = e.kind_id
              LEFT JOIN unit cu ON cu.id = e.counterpart_unit_id LEFT JOIN supply_receipt rc ON rc.entry_id = e.id
            """;
    private static final String SCOPE = " u.path LIKE ANY(CAST(:scope AS text[])) ";

    private final JdbcClient jdbc;

    SupplyLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String[] patterns(List<String> scopePaths) {
        return scopePaths == null ? new String[] {"%"} : scopePaths.stream().map(p -> p + "%").toArray(String[]::new);
    }

    /** The bureau (the root of the tree) a unit's path lies under: the path's first step. */
    public static UUID bureau(String path) {
        return UUID.fromString(path.substring(1, path.indexOf('/', 1)));
    }

    /** Every bureau, in the tree's order. */
    List<UUID> bureaus() {
        return jdbc.sql("SELECT id FROM unit WHERE kind = 'BUREAU' ORDER BY path").query(UUID.class).list();
    }

    /**
     * A bureau's catalogue: the standard kinds (its own copies, made the first time they are needed) and its own,
     * those it retired last.
     */
    public List<Kind> kinds(UUID bureau) {
        standardKinds(bureau);
        return jdbc.sql(KIND + " WHERE unit_id = ? ORDER BY retired_at IS NOT NULL, builtin DESC, created_at, code")
                .param(bureau)
                .query(SupplyLedger::kind).list();
    }

    /**
     * Gives a bureau its copy of every standard kind (the template, V180) it was never given: all of them the first
     * time its catalogue is read, and then each one added to the template later. A kind given once is never given
     * again (V183 keeps which), so one the bureau retired stays retired, and the copies it has keep its changes. The
     * insert runs only when the template holds a kind the bureau was not given; two reads at once give it once.
     */
    void standardKinds(UUID bureau) {
        if (!jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM supply_standard_kind t WHERE NOT EXISTS (
                    SELECT 1 FROM supply_standard_offered o WHERE o.unit_id = ? AND o.code = t.code))""")
                .param(bureau).query(Boolean.class).single()) {
            return;
        }
        jdbc.sql("""
                WITH given AS (
                    INSERT INTO supply_standard_offered (unit_id, code)
                    SELECT u.id, t.code FROM supply_standard_kind t JOIN unit u ON u.id = ? AND u.kind = 'BUREAU'
                    ON CONFLICT DO NOTHING RETURNING unit_id, code)
                INSERT INTO supply_kind (id, unit_id, code, count_unit, builtin, required)
                SELECT gen_random_uuid(), g.unit_id, t.code, t.count_unit, true, t.required
                  FROM given g JOIN supply_standard_kind t ON t.code = g.code
                ON CONFLICT DO NOTHING""").param(bureau).update();
    }

    public Optional<Kind> kind(UUID id) {
        return jdbc.sql(KIND + " WHERE id = ?").param(id).query(SupplyLedger::kind).optional();
    }

    /** A kind of a bureau's catalogue by its code. */
    public Optional<Kind> kindByCode(UUID bureau, String code) {
        standardKinds(bureau);
        return jdbc.sql(KIND + " WHERE unit_id = ? AND code = ?").params(bureau, code).query(SupplyLedger::kind)
                .optional();
    }

    /** Whether another kind of the bureau has this name. */
    boolean kindNamed(UUID bureau, String name, UUID except) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM supply_kind WHERE unit_id = ? AND lower(name) = lower(?)
                                  AND id IS DISTINCT FROM ?)""").params(bureau, name, except)
                .query(Boolean.class).single();
    }

    void insertKind(UUID id, UUID bureau, String code, String name, CountUnit unit, boolean required, UUID by) {
        jdbc.sql("""
                INSERT INTO supply_kind (id, unit_id, code, name, count_unit, builtin, required, created_by)
                VALUES (?, ?, ?, ?, ?, false, ?, ?)""").params(id, bureau, code, name, unit.name(), required, by)
                .update();
    }

    void changeKind(UUID id, String name, CountUnit unit, boolean required) {
        jdbc.sql("UPDATE supply_kind SET name = ?, count_unit = ?, required = ? WHERE id = ?")
                .params(name, unit.name(), required, id).update();
    }

    /** Retires a kind (from now, when it was in use) or brings it back. */
    void retire(UUID id, boolean retired) {
        jdbc.sql("UPDATE supply_kind SET retired_at = CASE WHEN ? THEN coalesce(retired_at, now()) END WHERE id = ?")
                .params(retired, id).update();
    }

    /** The units that hold some of a kind or have some on its way to them, with how many, in the tree's order. */
    List<UnitStock> holders(UUID kind) {
        return jdbc.sql("""
                SELECT u.id, u.name, u.kind, u.path, sum(x.on_hand) AS on_hand, sum(x.pending) AS pending FROM (
                    SELECT unit_id, on_hand, 0 AS pending FROM supply_stock WHERE kind_id = :kind
                    UNION ALL SELECT unit_id, 0, pending FROM (""" + PENDING + """
                    ) p WHERE p.kind_id = :kind) x JOIN unit u ON u.id = x.unit_id
                 GROUP BY u.id, u.name, u.kind, u.path
                HAVING sum(x.on_hand) > 0 OR sum(x.pending) > 0
                 ORDER BY u.path""").param("kind", kind)
                .query((rs, n) -> new UnitStock(rs.getObject(1, UUID.class), rs.getString(2),
                        UnitKind.valueOf(rs.getString(3)), kind, rs.getLong(5), rs.getLong(6), rs.getString(4)))
                .list();
    }

    /** Whether any line or stock row counts the kind (its count unit is then what they were counted in). */
    boolean kindCounted(UUID id) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM supply_entry WHERE kind_id = :id)
                    OR EXISTS (SELECT 1 FROM supply_stock WHERE kind_id = :id)""").param("id", id)
                .query(Boolean.class).single();
    }

    /** A unit of the caller's scope (null: any), or nothing. */
    public Optional<Place> place(UUID id, List<String> scopePaths) {
        // a retired unit is still found, for the stock and ledger it kept; the desk refuses it as a target
        return jdbc.sql("SELECT id, code, name, kind, path, retired_at IS NOT NULL FROM unit u WHERE id = :id AND"
                        + SCOPE)
                .param("id", id).param("scope", patterns(scopePaths))
                .query((rs, n) -> new Place(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        UnitKind.valueOf(rs.getString(4)), rs.getString(5), rs.getBoolean(6))).optional();
    }

    /**
     * The units of the caller's scope that may hold supplies (every kind but the bureau), in the tree's order. A
     * retired unit is left out, unless it still holds some or has some on its way: listed (marked retired) until
     * that is used up or moved out, so that no stock disappears from the lists with the unit.
     */
    public List<Place> places(List<String> scopePaths) {
        return jdbc.sql("SELECT id, code, name, kind, path, retired_at IS NOT NULL FROM unit u WHERE kind <> 'BUREAU'"
                + " AND (u.retired_at IS NULL OR EXISTS (SELECT 1 FROM supply_stock s WHERE s.unit_id = u.id"
                + " AND s.on_hand > 0) OR EXISTS (SELECT 1 FROM (" + PENDING + ") p WHERE p.unit_id = u.id)) AND"
                + SCOPE + " ORDER BY depth > 3, path").param("scope", patterns(scopePaths))
                .query((rs, n) -> new Place(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        UnitKind.valueOf(rs.getString(4)), rs.getString(5), rs.getBoolean(6))).list();
    }

    /** The stock row of a unit and kind, locked until the transaction ends (made at zero when there was none). */
    int lockStock(UUID unit, UUID kind) {
        jdbc.sql("INSERT INTO supply_stock (unit_id, kind_id, on_hand) VALUES (?, ?, 0) ON CONFLICT DO NOTHING")
                .params(unit, kind).update();
        return jdbc.sql("SELECT on_hand FROM supply_stock WHERE unit_id = ? AND kind_id = ? FOR UPDATE")
                .params(unit, kind).query(Integer.class).single();
    }

    void addStock(UUID unit, UUID kind, int change) {
        jdbc.sql("UPDATE supply_stock SET on_hand = on_hand + ? WHERE unit_id = ? AND kind_id = ?")
                .params(change, unit, kind).update();
    }

    void insert(NewEntry e) {
        jdbc.sql("""
                INSERT INTO supply_entry (id, unit_id, kind_id, entry_type, quantity, change, cost_fen, occurred_on,
                    supplier, reason, counterpart_unit_id, transfer_id, reverses_id, needs_receipt, recorded_by,
                    recorded_by_name, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.id(), e.unitId(), e.kindId(), e.type().name(), e.quantity(), e.change(), e.costFen(),
                        e.occurredOn(), e.supplier(), e.reason(), e.counterpartId(), e.transferId(), e.reversesId(),
                        e.type().needsReceipt(), e.recordedBy(), e.recordedByName(), e.recordedAt())
                .update();
    }

    void insertReceipt(UUID entry, UUID by, String byName, OffsetDateTime at) {
        jdbc.sql("""
                INSERT INTO supply_receipt (entry_id, confirmed_by, confirmed_by_name, confirmed_at)
                VALUES (?, ?, ?, ?)""").params(entry, by, byName, at).update();
    }

    /** A line of a unit of the caller's scope (null: any). */
    public Optional<Entry> entry(UUID id, List<String> scopePaths) {
        return jdbc.sql(ENTRY + " WHERE e.id = :id AND" + SCOPE).param("id", id).param("scope", patterns(scopePaths))
                .query(SupplyLedger::entry).optional();
    }

    /** A unit's lines, newest first. */
    public List<Entry> history(UUID unit, int limit, int offset) {
        return jdbc.sql(ENTRY + " WHERE e.unit_id = ? ORDER BY e.seq DESC LIMIT ? OFFSET ?")
                .params(unit, limit, offset).query(SupplyLedger::entry).list();
    }

    public long historySize(UUID unit) {
        return jdbc.sql("SELECT count(*) FROM supply_entry WHERE unit_id = ?").param(unit).query(Long.class).single();
    }

    /** The lines under a unit's path dated in a period, oldest first, a page of them. */
    public List<Entry> lines(String path, LocalDate from, LocalDate to, int limit, int offset) {
        return jdbc.sql(ENTRY + """
                 WHERE u.path LIKE :path AND e.occurred_on BETWEEN :from AND :to
                 ORDER BY e.occurred_on, e.seq LIMIT :limit OFFSET :offset""")
                .param("path", path + "%").param("from", from).param("to", to).param("limit", limit)
                .param("offset", offset).query(SupplyLedger::entry).list();
    }

    public long lineCount(String path, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT count(*) FROM supply_entry e JOIN unit u ON u.id = e.unit_id
                 WHERE u.path LIKE :path AND e.occurred_on BETWEEN :from AND :to""")
                .param("path", path + "%").param("from", from).param("to", to).query(Long.class).single();
    }

    /**
     * An issue {@code e} the ledger has not reversed since: a reversed issue was recorded in error and counts for
     * nothing in any period (the work figures' supplies issued, SupplyFigures, and their list).
     */
    static final String ISSUE_STANDING = "e.entry_type = 'ISSUED'"
            + " AND NOT EXISTS (SELECT 1 FROM supply_entry r WHERE r.reverses_id = e.id)";

    private static final String ISSUED_UNDER = " WHERE u.path LIKE :path AND e.occurred_on BETWEEN :from AND :to AND "
            + ISSUE_STANDING;

    /** How many issue lines and what they cost, as {@link #issues} lists them. */
    public record Issued(long lines, long costFen) {
    }

    /**
     * The issues to the units under a unit's path dated in a period (both days included), those reversed since left
     * out, oldest first, a page of them: what the work figures count as supplies issued.
     */
    public List<Entry> issues(String path, LocalDate from, LocalDate to, int limit, int offset) {
        return jdbc.sql(ENTRY + ISSUED_UNDER + " ORDER BY e.occurred_on, e.seq LIMIT :limit OFFSET :offset")
                .param("path", path + "%").param("from", from).param("to", to).param("limit", limit)
                .param("offset", offset).query(SupplyLedger::entry).list();
    }

    public Issued issued(String path, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT count(*), coalesce(sum(e.cost_fen), 0) FROM supply_entry e JOIN unit u"
                + " ON u.id = e.unit_id" + ISSUED_UNDER)
                .param("path", path + "%").param("from", from).param("to", to)
                .query((rs, n) -> new Issued(rs.getLong(1), rs.getLong(2))).single();
    }

    /** A unit's stock of every kind it holds or has on its way. */
    public List<Stock> stock(UUID unit) {
        return jdbc.sql("""
                SELECT k.id, k.code, k.name, k.count_unit, k.builtin, k.required, k.unit_id,
                       k.retired_at IS NOT NULL AS retired,
                       coalesce(s.on_hand, 0) AS on_hand, coalesce(p.pending, 0) AS pending
                  FROM supply_kind k
                  LEFT JOIN supply_stock s ON s.kind_id = k.id AND s.unit_id = :unit
                  LEFT JOIN (""" + PENDING + """
                       ) p ON p.kind_id = k.id AND p.unit_id = :unit
                 WHERE coalesce(s.on_hand, 0) > 0 OR coalesce(p.pending, 0) > 0
                 ORDER BY k.builtin DESC, k.created_at, k.code""").param("unit", unit)
                .query((rs, n) -> new Stock(kind(rs, n), rs.getLong("on_hand"), rs.getLong("pending"))).list();
    }

    private static final String PENDING = """
            SELECT e.unit_id, e.kind_id, sum(e.quantity) AS pending FROM supply_entry e
             WHERE e.needs_receipt AND NOT EXISTS (SELECT 1 FROM supply_receipt r WHERE r.entry_id = e.id)
               AND NOT EXISTS (SELECT 1 FROM supply_entry v WHERE v.reverses_id = e.id)
             GROUP BY e.unit_id, e.kind_id""";

    /** Each unit's stock of each kind under a unit's path (rows with nothing held or on its way left out). */
    public List<UnitStock> unitStocks(String path) {
        return jdbc.sql("""
                SELECT u.id, u.name, u.kind, x.kind_id, sum(x.on_hand) AS on_hand, sum(x.pending) AS pending,
                       u.path FROM (
                    SELECT unit_id, kind_id, on_hand, 0 AS pending FROM supply_stock
                    UNION ALL SELECT unit_id, kind_id, 0, pending FROM (""" + PENDING + """
                    ) p) x JOIN unit u ON u.id = x.unit_id
                 WHERE u.path LIKE ?
                 GROUP BY u.id, u.name, u.kind, u.path, x.kind_id
                HAVING sum(x.on_hand) > 0 OR sum(x.pending) > 0
                 ORDER BY u.path""").param(path + "%")
                .query((rs, n) -> new UnitStock(rs.getObject(1, UUID.class), rs.getString(2),
                        UnitKind.valueOf(rs.getString(3)), rs.getObject(4, UUID.class), rs.getLong(5), rs.getLong(6),
                        rs.getString(7)))
                .list();
    }

    /**
     * Per kind under a unit's path: on hand and on its way now, issued and spent in a period, as {@link #issues}
     * lists them: an issue reversed since counts in no period (netting it against its reversal's day made the month
     * of the issue count it and the month of the reversal go below nothing, and missed the reversal of a cost-less
     * issue).
     */
    public List<KindTotal> kindTotals(String path, LocalDate from, LocalDate to) {
        List<UnitStock> stocks = unitStocks(path);
        record Flow(long issued, long spent) {
        }
        java.util.Map<UUID, Flow> flows = new java.util.HashMap<>();
        jdbc.sql("SELECT e.kind_id, sum(e.quantity) AS issued, coalesce(sum(e.cost_fen), 0) AS spent"
                + " FROM supply_entry e JOIN unit u ON u.id = e.unit_id" + ISSUED_UNDER + " GROUP BY e.kind_id")
                .param("path", path + "%").param("from", from).param("to", to)
                .query((rs, n) -> flows.put(rs.getObject(1, UUID.class), new Flow(rs.getLong(2), rs.getLong(3))))
                .list();
        return kinds(bureau(path)).stream().map(k -> {
            Flow f = flows.getOrDefault(k.id(), new Flow(0, 0));
            long onHand = stocks.stream().filter(s -> s.kindId().equals(k.id())).mapToLong(UnitStock::onHand).sum();
            long pending = stocks.stream().filter(s -> s.kindId().equals(k.id())).mapToLong(UnitStock::pending).sum();
            return new KindTotal(k, onHand, pending, f.issued(), f.spent());
        }).filter(t -> t.onHand() > 0 || t.pending() > 0 || t.issued() != 0 || t.spentFen() != 0).toList();
    }

    /**
     * What was spent per unit under a unit's path in a period, in the tree's order: the cost of the issues standing,
     * as {@link #issued} sums them (a reversed issue cost nothing, in any period).
     */
    public List<UnitSpent> spent(String path, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT u.id, u.name, sum(e.cost_fen) AS spent FROM supply_entry e JOIN unit u"
                + " ON u.id = e.unit_id" + ISSUED_UNDER + " AND e.cost_fen IS NOT NULL"
                + " GROUP BY u.id, u.name, u.path HAVING sum(e.cost_fen) <> 0 ORDER BY u.path")
                .param("path", path + "%").param("from", from).param("to", to)
                .query((rs, n) -> new UnitSpent(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3))).list();
    }

    /**
     * The workstations and central offices under a unit's path that hold none of a required kind (每个警务工作站都统一
     * 配备) by their own bureau, with the kinds they lack; a kind on its way, not yet confirmed, is still lacking.
     */
    public List<Gap> gaps(String path) {
        standardKinds(bureau(path));
        return jdbc.sql("""
                SELECT u.id, u.name, u.kind, array_agg(k.id ORDER BY k.code) AS missing
                  FROM unit u JOIN supply_kind k ON k.unit_id = CAST(split_part(u.path, '/', 2) AS uuid)
                 WHERE u.path LIKE ? AND u.kind IN ('WORKSTATION', 'CENTRAL_OFFICE') AND k.required
                   AND u.retired_at IS NULL
                   AND k.retired_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM supply_stock s WHERE s.unit_id = u.id AND s.kind_id = k.id
                                      AND s.on_hand > 0)
                 GROUP BY u.id, u.name, u.kind, u.path ORDER BY u.path""").param(path + "%")
                .query((rs, n) -> new Gap(rs.getObject(1, UUID.class), rs.getString(2),
                        UnitKind.valueOf(rs.getString(3)),
                        List.of((UUID[]) rs.getArray(4).getArray()))).list();
    }

    private static Kind kind(ResultSet rs, int n) throws SQLException {
        return new Kind(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
                CountUnit.valueOf(rs.getString("count_unit")), rs.getBoolean("builtin"), rs.getBoolean("required"),
                rs.getObject("unit_id", UUID.class), rs.getBoolean("retired"));
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        Kind kind = new Kind(rs.getObject("k_id", UUID.class), rs.getString("k_code"), rs.getString("k_name"),
                CountUnit.valueOf(rs.getString("count_unit")), rs.getBoolean("builtin"), rs.getBoolean("required"),
                rs.getObject("unit_id", UUID.class), rs.getBoolean("k_retired"));
        Long cost = rs.getObject("cost_fen", Long.class);
        return new Entry(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getObject("unit_id", UUID.class),
                rs.getString("unit_name"), rs.getString("unit_path"), kind,
                EntryType.valueOf(rs.getString("entry_type")),
                rs.getInt("quantity"), rs.getInt("change"), cost,
                rs.getObject("occurred_on", LocalDate.class), rs.getString("supplier"), rs.getString("reason"),
                rs.getObject("counterpart_unit_id", UUID.class), rs.getString("counterpart"),
                rs.getObject("reverses_id", UUID.class), rs.getBoolean("reversed"), rs.getString("recorded_by_name"),
                rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("confirmed_by_name"),
                rs.getObject("confirmed_at", OffsetDateTime.class));
    }
}
