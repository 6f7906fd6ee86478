package org.fengqiao.supplies.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.supplies.CountUnit;
import org.fengqiao.supplies.EntryType;
import org.fengqiao.supplies.internal.SupplyDesk;
import org.fengqiao.supplies.internal.SupplyLedger;
import org.fengqiao.supplies.internal.SupplyLedger.Entry;
import org.fengqiao.supplies.internal.SupplyLedger.Kind;
import org.fengqiao.supplies.internal.SupplyLedger.Place;
import org.springframework.stereotype.Component;

/** The supplies as the API and the pages show them: kinds named in the reader's language, amounts in yuan. */
@Component
class SuppliesViews {

    record KindView(UUID id, String code, String name, CountUnit countUnit, String countUnitName, boolean builtin,
            boolean required, boolean retired) {
    }

    record EntryView(UUID id, UUID unitId, String unitName, KindView kind, EntryType type, int quantity, int change,
            String costYuan, LocalDate occurredOn, String supplier, String reason, UUID counterpartUnitId,
            String counterpartUnitName, UUID reversesId, boolean reversed, boolean pending, String recordedBy,
            OffsetDateTime recordedAt, String confirmedBy, OffsetDateTime confirmedAt) {
    }

    record StockView(KindView kind, long onHand, long pending) {
    }

    record UnitView(Place unit, List<StockView> stock, List<EntryView> waiting) {
    }

    record Period(LocalDate from, LocalDate to) {
    }

    record KindTotalView(KindView kind, long onHand, long pending, long issued, String spentYuan) {
    }

    record UnitRow(UUID unitId, String unitName, UnitKind unitKind, Map<UUID, Long> onHand,
            Map<UUID, Long> pending, String spentYuan) {
    }

    record Summary(Place unit, Period period, List<KindTotalView> kinds, List<UnitRow> units, String spentYuan) {
    }

    /**
     * The issues under a unit in a period (those reversed since left out), a page of them: {@code total} the lines,
     * {@code spentYuan} what all of them cost, as the work figures count supplies issued and their cost.
     */
    record Issues(Place unit, Period period, List<EntryView> items, long total, String spentYuan) {
    }

    record GapView(UUID unitId, String unitName, UnitKind unitKind, List<KindView> missing) {
    }

    private final SupplyLedger ledger;
    private final SupplyDesk desk;
    private final SupplyNames names;

    SuppliesViews(SupplyLedger ledger, SupplyDesk desk, SupplyNames names) {
        this.ledger = ledger;
        this.desk = desk;
        this.names = names;
    }

    KindView kind(Kind k) {
        return new KindView(k.id(), k.code(), names.name(k), k.countUnit(), names.countUnit(k), k.builtin(),
                k.required(), k.retired());
    }

    EntryView entry(Entry e) {
        return new EntryView(e.id(), e.unitId(), e.unitName(), kind(e.kind()), e.type(), e.quantity(), e.change(),
                e.costFen() == null ? null : names.yuan(e.costFen()), e.occurredOn(), e.supplier(), e.reason(),
                e.counterpartId(), e.counterpartName(), e.reversesId(), e.reversed(), e.pending(),
                e.recordedByName(), e.recordedAt(), e.confirmedByName(), e.confirmedAt());
    }

    UnitView unit(Place p) {
        List<StockView> stock = ledger.stock(p.id()).stream()
                .map(s -> new StockView(kind(s.kind()), s.onHand(), s.pending())).toList();
        // what waits for the officer's confirmation is among the latest lines; a unit rarely has many on its way
        List<EntryView> waiting = ledger.history(p.id(), 500, 0).stream().filter(Entry::pending).map(this::entry)
                .toList();
        return new UnitView(p, stock, waiting);
    }

    /** The period asked for, this year by default; refused when it ends before it starts. */
    Period period(LocalDate from, LocalDate to) {
        LocalDate today = desk.today();
        LocalDate f = from == null ? today.withDayOfYear(1) : from;
        LocalDate t = to == null ? today : to;
        // a first day of the year 1 is a mistyped year, which summed every issue ever as the period's
        PeriodFigures.Period.held("from", f);
        if (t.isBefore(f)) {
            throw Invalid.of("to", "supplies.period.reversed");
        }
        // nothing is issued ahead of today (an issue may not be dated later): a period ending later would show the
        // sums so far under dates that read as a whole period, as the work figures refuse it too
        if (t.isAfter(today)) {
            throw Invalid.of("to", "supplies.period.future", t.toString(), today.toString());
        }
        return new Period(f, t);
    }

    Summary summary(Place root, Period period) {
        List<KindTotalView> kinds = ledger.kindTotals(root.path(), period.from(), period.to()).stream()
                .map(t -> new KindTotalView(kind(t.kind()), t.onHand(), t.pending(), t.issued(),
                        names.yuan(t.spentFen()))).toList();
        Map<UUID, Long> spent = ledger.spent(root.path(), period.from(), period.to()).stream()
                .collect(Collectors.toMap(SupplyLedger.UnitSpent::unitId, SupplyLedger.UnitSpent::spentFen));
        Map<UUID, UnitRow> rows = new java.util.LinkedHashMap<>();
        for (SupplyLedger.UnitStock s : ledger.unitStocks(root.path())) {
            UnitRow row = rows.computeIfAbsent(s.unitId(), id -> new UnitRow(id, s.unitName(), s.unitKind(),
                    new java.util.HashMap<>(), new java.util.HashMap<>(), names.yuan(spent.getOrDefault(id, 0L))));
            row.onHand().put(s.kindId(), s.onHand());
            row.pending().put(s.kindId(), s.pending());
        }
        for (SupplyLedger.UnitSpent s : ledger.spent(root.path(), period.from(), period.to())) {
            rows.computeIfAbsent(s.unitId(), id -> new UnitRow(id, s.unitName(), null, Map.of(), Map.of(),
                    names.yuan(s.spentFen())));
        }
        long total = spent.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(root, period, kinds, List.copyOf(rows.values()), names.yuan(total));
    }

    Issues issues(Place root, Period period, int limit, int offset) {
        SupplyLedger.Issued issued = ledger.issued(root.path(), period.from(), period.to());
        return new Issues(root, period, ledger.issues(root.path(), period.from(), period.to(), limit, offset).stream()
                .map(this::entry).toList(), issued.lines(), names.yuan(issued.costFen()));
    }

    List<GapView> gaps(Place root) {
        Map<UUID, Kind> kinds = ledger.kinds(SupplyLedger.bureau(root.path())).stream()
                .collect(Collectors.toMap(Kind::id, Function.identity()));
        return ledger.gaps(root.path()).stream().map(g -> new GapView(g.unitId(), g.unitName(), g.unitKind(),
                g.missing().stream().map(kinds::get).map(this::kind).toList())).toList();
    }
}
