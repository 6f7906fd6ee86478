package org.fengqiao.supplies.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.Refused;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.supplies.CountUnit;
import org.fengqiao.supplies.EntryType;
import org.fengqiao.supplies.internal.SupplyLedger.Entry;
import org.fengqiao.supplies.internal.SupplyLedger.Kind;
import org.fengqiao.supplies.internal.SupplyLedger.Place;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the lines of the units' supplies ledgers. Each change is one transaction: the input is checked whole, the
 * stock row of the unit and kind it touches is locked, {@link StockPolicy} judges the change on the stock as it stands
 * under that lock, and only then are the line and the stock written, audited. So a refused change changes nothing,
 * and two lines taking from the same stock at the same moment are judged one after the other.
 */
@Service
public class SupplyDesk {

    /** More than any one delivery: the 5万余份 leaflets of seed 004 were several. */
    static final int MAX_QUANTITY = 1_000_000;
    /** Ten million yuan: far more than the bureau's whole 50多万元, far from overflowing a sum. */
    static final long MAX_FEN = 1_000_000_000L;
    static final int MAX_TEXT = 2000;
    /** The oldest day a line may carry: a paper ledger carried over is of this century, a day in year 1 a slip. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    /** A kind of a bureau's own: {@code bureauId} the bureau, needed of one who keeps several bureaus' catalogues. */
    public record KindForm(String name, CountUnit countUnit, Boolean required, UUID bureauId) {
    }

    /**
     * What a catalogue manager changes of a kind: its name (the bureau's own kinds), what it is counted in (while no
     * line counts it yet) and whether it is required; what is null stays.
     */
    public record KindChange(String name, CountUnit countUnit, Boolean required) {
    }

    public record IssueForm(UUID kindId, Integer quantity, Long costFen, LocalDate occurredOn, String supplier,
            String note) {
    }

    public record UseForm(EntryType type, UUID kindId, Integer quantity, LocalDate occurredOn, String reason) {
    }

    public record TransferForm(UUID toUnitId, UUID kindId, Integer quantity, LocalDate occurredOn, String reason) {
    }

    private final SupplyLedger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SupplyDesk(SupplyLedger ledger, ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), LocalTimes.ZONE);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A unit of the actor's scope that holds supplies, or 404. */
    public Place place(UUID id, Actor who) {
        return ledger.place(id, who.scopePaths()).filter(p -> p.kind() != UnitKind.BUREAU)
                .orElseThrow(() -> new NotFound("unit", id));
    }

    /** The unit to sum up under: the one asked for (of the actor's scope, the bureau too), or the actor's first. */
    public Place root(UUID id, Actor who) {
        if (id != null) {
            return ledger.place(id, who.scopePaths()).orElseThrow(() -> new NotFound("unit", id));
        }
        String first = who.scopePaths() == null || who.scopePaths().isEmpty() ? null : who.scopePaths().get(0);
        String[] parts = first == null ? new String[0] : first.split("/");
        return ledger.place(UUID.fromString(parts[parts.length - 1]), who.scopePaths())
                .orElseThrow(() -> new NotFound("unit", id));
    }

    public Entry entry(UUID id, Actor who) {
        return ledger.entry(id, who.scopePaths()).orElseThrow(() -> new NotFound("supply-entry", id));
    }

    /** The bureaus whose catalogues the actor reads and keeps: those of his units (every one for the application). */
    List<UUID> bureaus(Actor who) {
        if (who.scopePaths() == null) {
            return ledger.bureaus();
        }
        return who.scopePaths().stream().map(SupplyLedger::bureau).distinct().toList();
    }

    /** The catalogues of the actor's bureaus (of his one bureau, but for one who serves several). */
    public List<Kind> kinds(Actor who) {
        return bureaus(who).stream().flatMap(b -> ledger.kinds(b).stream()).toList();
    }

    /** A kind of the actor's bureaus, or 404: another bureau's catalogue is not his to see nor to change. */
    public Kind kindOf(UUID id, Actor who) {
        return ledger.kind(id).filter(k -> bureaus(who).contains(k.bureauId()))
                .orElseThrow(() -> new NotFound("supply-kind", id));
    }

    /**
     * Changes a kind of the actor's bureau: renames one of its own (the standard ones are named by the platform in
     * the reader's language), counts it in another unit while no line counts it yet (the lines' quantities were
     * counted in the one it has), and marks it required or not for its workstations and central offices.
     */
    @Transactional
    public Kind changeKind(UUID id, KindChange f, Actor who) {
        Kind before = kindOf(id, who);
        List<Invalid.Problem> problems = new ArrayList<>();
        String name = before.name();
        if (f.name() != null) {
            if (before.builtin()) {
                problems.add(problem("name", "supplies.kind.standardName"));
            } else {
                text(f.name(), "name", true, 100, problems);
                name = f.name().strip();
            }
        }
        CountUnit unit = f.countUnit() == null ? before.countUnit() : f.countUnit();
        if (unit != before.countUnit() && ledger.kindCounted(id)) {
            problems.add(problem("countUnit", "supplies.kind.countUnitInUse"));
        }
        check(problems);
        if (!before.builtin() && ledger.kindNamed(before.bureauId(), name, id)) {
            throw Invalid.of("name", "supplies.kind.duplicate", name);
        }
        ledger.changeKind(id, name, unit, f.required() == null ? before.required() : f.required());
        Kind after = ledger.kind(id).orElseThrow();
        events.publishEvent(Audited.updated("supply_kind", id, "/" + after.bureauId() + "/", before, after)
                .by(who.name()));
        return after;
    }

    /**
     * Retires a kind of the actor's bureau that no unit holds any more nor has on its way: it leaves the issue form
     * and is no longer required, while the lines and stock rows that count it keep it by its name. A standard kind
     * retired stays retired: the bureau was given it once (supply_standard_offered). Retiring one retired already
     * changes nothing. Refused while units hold some, naming those of the actor's scope with what each holds and has
     * on its way (and counting the others), so that he knows whom to ask.
     */
    @Transactional
    public Kind retireKind(UUID id, Actor who) {
        Kind before = kindOf(id, who);
        if (before.retired()) {
            return before;
        }
        List<SupplyLedger.UnitStock> holders = ledger.holders(id);
        if (!holders.isEmpty()) {
            throw new Conflict("supplies.kind.stillHeld", holders.size(), holdersText(holders, before, who));
        }
        return retired(before, true, who);
    }

    /**
     * The units holding a kind as the refusal to retire it names them, in the reader's language when it is said:
     * each of the actor's scope with its stock and what is on its way ("房山中心警务室（在库 0 个，待签收 2 个）"), the
     * others only counted.
     */
    private static MessageSourceResolvable holdersText(List<SupplyLedger.UnitStock> holders, Kind kind, Actor who) {
        List<MessageSourceResolvable> named = new ArrayList<>();
        long elsewhere = 0;
        for (SupplyLedger.UnitStock h : holders) {
            if (who.scopePaths() != null && who.scopePaths().stream().noneMatch(p -> h.unitPath().startsWith(p))) {
                elsewhere++;
                continue;
            }
            named.add(resolvable("supplies.kind.holder", h.unitName(),
                    resolvable("supplies.count." + kind.countUnit(), h.onHand()),
                    resolvable("supplies.count." + kind.countUnit(), h.pending())));
        }
        if (elsewhere > 0) {
            named.add(resolvable("supplies.kind.heldElsewhere", elsewhere));
        }
        // one after another, each joined to the rest as the language lists them ("甲、乙", "one; two")
        MessageSourceResolvable list = named.get(named.size() - 1);
        for (int i = named.size() - 2; i >= 0; i--) {
            list = resolvable("supplies.kind.holders", named.get(i), list);
        }
        return list;
    }

    private static MessageSourceResolvable resolvable(String key, Object... args) {
        return new DefaultMessageSourceResolvable(new String[] {key}, args);
    }

    /** Brings a retired kind of the actor's bureau back into its forms, required again if it was. */
    @Transactional
    public Kind restoreKind(UUID id, Actor who) {
        Kind before = kindOf(id, who);
        return before.retired() ? retired(before, false, who) : before;
    }

    private Kind retired(Kind before, boolean retired, Actor who) {
        ledger.retire(before.id(), retired);
        Kind after = ledger.kind(before.id()).orElseThrow();
        events.publishEvent(Audited.updated("supply_kind", before.id(), "/" + after.bureauId() + "/", before, after)
                .by(who.name()));
        return after;
    }

    /**
     * A kind of the bureau's own, in the catalogue of the bureau chosen (one of the actor's) or of his one bureau:
     * one who keeps several bureaus' catalogues is asked which, never given his first one unasked.
     */
    @Transactional
    public Kind addKind(KindForm f, Actor who) {
        List<UUID> mine = bureaus(who);
        if (f.bureauId() != null && !mine.contains(f.bureauId())) {
            throw new NotFound("unit", f.bureauId());
        }
        List<Invalid.Problem> problems = new ArrayList<>();
        text(f.name(), "name", true, 100, problems);
        if (f.countUnit() == null) {
            problems.add(problem("countUnit", "error.field.required"));
        }
        if (f.bureauId() == null && mine.size() != 1) {
            problems.add(problem("bureauId", "supplies.kind.bureauNeeded"));
        }
        check(problems);
        String name = f.name().strip();
        UUID bureau = f.bureauId() == null ? mine.get(0) : f.bureauId();
        if (ledger.kindNamed(bureau, name, null)) {
            throw Invalid.of("name", "supplies.kind.duplicate", name);
        }
        UUID id = UUID.randomUUID();
        ledger.insertKind(id, bureau, "OWN-" + id.toString().substring(0, 8).toUpperCase(), name, f.countUnit(),
                Boolean.TRUE.equals(f.required()), who.staffId());
        Kind kind = ledger.kind(id).orElseThrow();
        events.publishEvent(Audited.created("supply_kind", id, "/" + bureau + "/", kind).by(who.name()));
        return kind;
    }

    /** The bureaus whose catalogues the actor keeps, by name, for the form that asks which. */
    public List<Place> bureauPlaces(Actor who) {
        return bureaus(who).stream().flatMap(b -> ledger.place(b, null).stream()).toList();
    }

    /** Supplies issued to a unit (by the station chief or the bureau): they count once its officer confirms them. */
    @Transactional
    public Entry issue(UUID unitId, IssueForm f, Actor who) {
        Place unit = place(unitId, who);
        List<Invalid.Problem> problems = new ArrayList<>();
        if (unit.retired()) {
            // a unit merged away (a stale page, the API) receives nothing new; what it holds may still be used or moved
            throw Invalid.of("unitId", "supplies.unit.retired", unit.name());
        }
        Kind kind = kind(f.kindId(), unit, true, problems);
        quantity(f.quantity(), problems);
        if (f.costFen() != null && (f.costFen() < 0 || f.costFen() > MAX_FEN)) {
            problems.add(problem("costYuan", "supplies.amount.range", MAX_FEN / 100));
        }
        LocalDate on = date(f.occurredOn(), problems);
        text(f.supplier(), "supplier", true, 200, problems);
        text(f.note(), "note", false, MAX_TEXT, problems);
        check(problems);
        UUID id = UUID.randomUUID();
        ledger.insert(new SupplyLedger.NewEntry(id, unit.id(), kind.id(), EntryType.ISSUED, f.quantity(),
                f.quantity(), f.costFen(), on, f.supplier().strip(), blankToNull(f.note()), null, null, null,
                who.staffId(), who.name(), now()));
        return created(id, who);
    }

    /** Used up or lost (with the reason): taken from the unit's stock at once, never below nothing. */
    @Transactional
    public Entry use(UUID unitId, UseForm f, Actor who) {
        Place unit = place(unitId, who);
        List<Invalid.Problem> problems = new ArrayList<>();
        if (f.type() != EntryType.USED && f.type() != EntryType.LOST) {
            problems.add(problem("type", f.type() == null ? "error.field.required" : "supplies.use.type"));
        }
        Kind kind = kind(f.kindId(), unit, false, problems);
        quantity(f.quantity(), problems);
        LocalDate on = date(f.occurredOn(), problems);
        text(f.reason(), "reason", true, MAX_TEXT, problems);
        check(problems);
        take(unit.id(), kind.id(), f.quantity());
        UUID id = UUID.randomUUID();
        ledger.insert(new SupplyLedger.NewEntry(id, unit.id(), kind.id(), f.type(), f.quantity(), -f.quantity(),
                null, on, null, f.reason().strip(), null, null, null, who.staffId(), who.name(), now()));
        return created(id, who);
    }

    /**
     * From one unit to another of the same station: out of the first at once (never below nothing), into the second
     * once its officer confirms. Answers the line of the unit it left.
     */
    @Transactional
    public Entry transfer(UUID fromId, TransferForm f, Actor who) {
        Place from = place(fromId, who);
        List<Invalid.Problem> problems = new ArrayList<>();
        Place to = null;
        if (f.toUnitId() == null) {
            problems.add(problem("toUnitId", "error.field.required"));
        } else {
            to = ledger.place(f.toUnitId(), who.scopePaths()).filter(p -> p.kind() != UnitKind.BUREAU).orElse(null);
            if (to == null) {
                problems.add(problem("toUnitId", "supplies.unit.unknown"));
            } else if (to.retired()) {
                problems.add(problem("toUnitId", "supplies.unit.retired", to.name()));
            } else {
                StockPolicy.Decision d = StockPolicy.transfer(from.path(), to.path());
                if (!d.allowed()) {
                    problems.add(problem("toUnitId", d.key(), d.args()));
                }
            }
        }
        Kind kind = kind(f.kindId(), from, false, problems);
        quantity(f.quantity(), problems);
        LocalDate on = date(f.occurredOn(), problems);
        text(f.reason(), "reason", false, MAX_TEXT, problems);
        check(problems);
        take(from.id(), kind.id(), f.quantity());
        UUID transfer = UUID.randomUUID();
        UUID out = UUID.randomUUID();
        UUID in = UUID.randomUUID();
        OffsetDateTime at = now();
        String reason = blankToNull(f.reason());
        ledger.insert(new SupplyLedger.NewEntry(out, from.id(), kind.id(), EntryType.TRANSFERRED_OUT, f.quantity(),
                -f.quantity(), null, on, null, reason, to.id(), transfer, null, who.staffId(), who.name(), at));
        ledger.insert(new SupplyLedger.NewEntry(in, to.id(), kind.id(), EntryType.TRANSFERRED_IN, f.quantity(),
                f.quantity(), null, on, null, reason, from.id(), transfer, null, who.staffId(), who.name(), at));
        created(in, who);
        return created(out, who);
    }

    /** The unit's officer confirms he received an issue or a transfer in: from now on it counts in the stock. */
    @Transactional
    public Entry confirm(UUID entryId, Actor who) {
        Entry before = entry(entryId, who);
        int onHand = ledger.lockStock(before.unitId(), before.kind().id());
        Entry e = entry(entryId, who);
        StockPolicy.Decision d = StockPolicy.confirm(e.type(), e.quantity(), e.confirmedAt() != null, e.reversed());
        if (d.allowed()) {
            d = StockPolicy.putIn(onHand, d.change());
        }
        if (!d.allowed()) {
            throw new Conflict(d.key(), d.args());
        }
        ledger.insertReceipt(e.id(), who.staffId(), who.name(), now());
        ledger.addStock(e.unitId(), e.kind().id(), d.change());
        Entry after = entry(entryId, who);
        events.publishEvent(Audited.updated("supply_entry", e.id(), e.unitPath(), snapshot(e), snapshot(after))
                .by(who.name()));
        return after;
    }

    /**
     * Corrects a line by a reversing one (lines are never changed): an issue by those who issue, a use or a loss by
     * those who record them. The reversal is dated today and undoes what the line did to the stock.
     */
    @Transactional
    public Entry reverse(UUID entryId, String reason, Actor who) {
        Entry before = entry(entryId, who);
        // what no one may reverse is bad input (400), what others reverse is forbidden (403): neither a conflict
        // with the stock, which only the stock's state under its lock decides (409)
        StockPolicy.Decision kind = StockPolicy.reversible(before.type());
        if (!kind.allowed()) {
            throw Invalid.of("id", kind.key(), kind.args());
        }
        String needed = before.type() == EntryType.ISSUED ? Permission.SUPPLIES_ISSUE.authority()
                : Permission.SUPPLIES_RECEIVE.authority();
        if (!who.may(needed)) {
            throw new Refused("supplies.reversal.notYours");
        }
        List<Invalid.Problem> problems = new ArrayList<>();
        text(reason, "reason", true, MAX_TEXT, problems);
        check(problems);
        int onHand = ledger.lockStock(before.unitId(), before.kind().id());
        Entry e = entry(entryId, who);
        StockPolicy.Decision d = StockPolicy.reverse(e.type(), e.quantity(), e.confirmedAt() != null, e.reversed(),
                onHand);
        if (!d.allowed()) {
            throw new Conflict(d.key(), d.args());
        }
        UUID id = UUID.randomUUID();
        ledger.insert(new SupplyLedger.NewEntry(id, e.unitId(), e.kind().id(), EntryType.REVERSAL, e.quantity(),
                d.change(), e.costFen() == null ? null : -e.costFen(), today(), null, reason.strip(), null, null,
                e.id(), who.staffId(), who.name(), now()));
        if (d.change() != 0) {
            ledger.addStock(e.unitId(), e.kind().id(), d.change());
        }
        return created(id, who);
    }

    /** Takes {@code quantity} out of a unit's stock of a kind under its lock, or refuses with what it holds. */
    private void take(UUID unit, UUID kind, int quantity) {
        StockPolicy.Decision d = StockPolicy.takeOut(ledger.lockStock(unit, kind), quantity);
        if (!d.allowed()) {
            throw new Conflict(d.key(), d.args());
        }
        ledger.addStock(unit, kind, d.change());
    }

    private Entry created(UUID id, Actor who) {
        Entry e = ledger.entry(id, null).orElseThrow();
        events.publishEvent(Audited.created("supply_entry", id, e.unitPath(), snapshot(e)).by(who.name()));
        return e;
    }

    /** What the trail keeps of a line. */
    static Map<String, Object> snapshot(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", e.unitName());
        m.put("kind", e.kind().code());
        m.put("type", e.type().name());
        m.put("quantity", e.quantity());
        m.put("change", e.change());
        m.put("costFen", e.costFen());
        m.put("occurredOn", String.valueOf(e.occurredOn()));
        m.put("supplier", e.supplier());
        m.put("reason", e.reason());
        m.put("counterpart", e.counterpartName());
        m.put("reverses", e.reversesId() == null ? null : e.reversesId().toString());
        m.put("confirmedBy", e.confirmedByName());
        return m;
    }

    /**
     * A kind of the catalogue of the unit's bureau (another bureau's is unknown there). A retired one is never issued
     * anew; what a unit still holds of it (brought back by a reversal, or on its way when it was retired) is real, and
     * is used up, lost or transferred out as any other, so only {@code issuing} refuses it.
     */
    private Kind kind(UUID id, Place unit, boolean issuing, List<Invalid.Problem> problems) {
        if (id == null) {
            problems.add(problem("kindId", "error.field.required"));
            return null;
        }
        Kind k = ledger.kind(id).filter(x -> x.bureauId().equals(SupplyLedger.bureau(unit.path()))).orElse(null);
        if (k == null) {
            problems.add(problem("kindId", "supplies.kind.unknown"));
        } else if (k.retired() && issuing) {
            problems.add(problem("kindId", "supplies.kind.retired"));
        }
        return k;
    }

    /**
     * A quantity as typed or sent, which may not fit an int (3000000000): held at the int's bounds, so the range check
     * refuses it with its reason on the form, instead of the request failing as unreadable before anything is checked.
     */
    public static Integer quantity(Long q) {
        return q == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, q));
    }

    private static void quantity(Integer q, List<Invalid.Problem> problems) {
        if (q == null) {
            problems.add(problem("quantity", "error.field.required"));
        } else if (q < 1 || q > MAX_QUANTITY) {
            problems.add(problem("quantity", "supplies.quantity.range", MAX_QUANTITY));
        }
    }

    private LocalDate date(LocalDate on, List<Invalid.Problem> problems) {
        LocalDate d = on == null ? today() : on;
        if (d.isAfter(today())) {
            problems.add(problem("occurredOn", "supplies.date.future"));
        } else if (d.isBefore(EARLIEST)) {
            problems.add(problem("occurredOn", "supplies.date.tooEarly", EARLIEST.toString()));
        }
        return d;
    }

    private static void text(String v, String field, boolean required, int max, List<Invalid.Problem> problems) {
        if (v == null || v.isBlank()) {
            if (required) {
                problems.add(problem(field, "error.field.required"));
            }
        } else if (v.strip().length() > max) {
            problems.add(problem(field, "supplies.text.tooLong", max));
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Invalid.Problem problem(String field, String key, Object... args) {
        return new Invalid.Problem(field, key, args);
    }

    private static void check(List<Invalid.Problem> problems) {
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
    }
}
