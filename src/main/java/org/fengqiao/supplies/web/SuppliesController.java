package org.fengqiao.supplies.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Yuan;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.supplies.CountUnit;
import org.fengqiao.supplies.EntryType;
import org.fengqiao.supplies.internal.Actor;
import org.fengqiao.supplies.internal.SupplyDesk;
import org.fengqiao.supplies.internal.SupplyLedger;
import org.fengqiao.supplies.internal.SupplyLedger.Entry;
import org.fengqiao.supplies.internal.SupplyLedger.Kind;
import org.fengqiao.supplies.internal.SupplyLedger.Place;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@org.fengqiao.platform.web.FieldLabels("supplies.field.")
@RequestMapping("/api/v1/supplies")
@Tag(name = "Police work supplies", description = "警务保障: kinds, the units' ledgers and stocks, sums, gaps, export")
class SuppliesController {

    static final int MAX_PAGE = 100;

    private final SupplyDesk desk;
    private final SupplyLedger ledger;
    private final SuppliesViews views;
    private final SuppliesExport export;

    SuppliesController(SupplyDesk desk, SupplyLedger ledger, SuppliesViews views, SuppliesExport export) {
        this.desk = desk;
        this.ledger = ledger;
        this.views = views;
        this.export = export;
    }

    record KindBody(String name, CountUnit countUnit, Boolean required, UUID bureauId) {
    }

    record IssueBody(UUID kindId, Long quantity, String costYuan, LocalDate occurredOn, String supplier,
            String note) {
    }

    record UseBody(EntryType type, UUID kindId, Long quantity, LocalDate occurredOn, String reason) {
    }

    record TransferBody(UUID toUnitId, UUID kindId, Long quantity, LocalDate occurredOn, String reason) {
    }

    record ReasonBody(String reason) {
    }

    record EntriesPage(List<SuppliesViews.EntryView> items, long total, int page, int size) {
    }

    private static Actor me() {
        return Actor.of(Callers.require());
    }

    @GetMapping("/kinds")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    @Operation(summary = "The catalogue of the caller's bureau: the standard kinds and the bureau's own")
    List<SuppliesViews.KindView> kinds() {
        return desk.kinds(me()).stream().map(views::kind).toList();
    }

    @PostMapping("/kinds")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SUPPLIES_CATALOGUE')")
    @Operation(summary = "Add a kind of the caller's bureau", description = "countUnit: PIECE 个, VOLUME 册, BOOK 本, "
            + "COPY 份, SET 套; required: every workstation and central office must hold it; bureauId: the bureau, "
            + "needed of one whose units span several bureaus (404 for a bureau outside his scope).")
    SuppliesViews.KindView addKind(@RequestBody(required = false) KindBody body) {
        KindBody b = body == null ? new KindBody(null, null, null, null) : body;
        return views.kind(desk.addKind(new SupplyDesk.KindForm(b.name(), b.countUnit(), b.required(), b.bureauId()),
                me()));
    }

    record KindChangeBody(String name, CountUnit countUnit, Boolean required) {
    }

    @PatchMapping("/kinds/{id}")
    @PreAuthorize("hasAuthority('SUPPLIES_CATALOGUE')")
    @Operation(summary = "Change a kind of the caller's bureau: rename one of its own, count it in another unit, "
            + "mark one required or not", description = "Only what is given changes; the count unit only while no "
            + "line counts the kind (400); a kind of another bureau is not found (404).")
    SuppliesViews.KindView changeKind(@PathVariable UUID id, @RequestBody(required = false) KindChangeBody body) {
        KindChangeBody b = body == null ? new KindChangeBody(null, null, null) : body;
        return views.kind(desk.changeKind(id, new SupplyDesk.KindChange(b.name(), b.countUnit(), b.required()),
                me()));
    }

    @PostMapping("/kinds/{id}/retirement")
    @PreAuthorize("hasAuthority('SUPPLIES_CATALOGUE')")
    @Operation(summary = "Retire a kind of the caller's bureau that no unit holds any more",
            description = "It is no longer issued and is required of no unit; the lines and stock that count it "
            + "keep its name, and what a unit still holds of it (a reversal may bring some back) is used up, lost "
            + "or transferred as before. 409 while a unit holds some or has some on its way, naming the units of the "
            + "caller's jurisdiction with what each holds; a kind of another bureau is not found (404).")
    SuppliesViews.KindView retireKind(@PathVariable UUID id) {
        return views.kind(desk.retireKind(id, me()));
    }

    @DeleteMapping("/kinds/{id}/retirement")
    @PreAuthorize("hasAuthority('SUPPLIES_CATALOGUE')")
    @Operation(summary = "Bring a retired kind of the caller's bureau back into its forms")
    SuppliesViews.KindView restoreKind(@PathVariable UUID id) {
        return views.kind(desk.restoreKind(id, me()));
    }

    @GetMapping("/units")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    @Operation(summary = "The units of the caller's jurisdiction that hold supplies, in the tree's order")
    List<Place> units() {
        return ledger.places(Callers.require().unitPaths());
    }

    @GetMapping("/units/{id}")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    @Operation(summary = "A unit's stock now: per kind on hand (confirmed) and on its way (not yet confirmed)")
    SuppliesViews.UnitView unit(@PathVariable UUID id) {
        Place p = desk.place(id, me());
        return views.unit(p);
    }

    @GetMapping("/units/{id}/entries")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    @Operation(summary = "A unit's ledger, newest first")
    EntriesPage entries(@PathVariable UUID id, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        Place p = desk.place(id, me());
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int n = Math.max(1, page);
        return new EntriesPage(ledger.history(p.id(), limit, Paging.offset(n, limit)).stream().map(views::entry)
                .toList(), ledger.historySize(p.id()), n, limit);
    }

    @PostMapping("/units/{id}/issues")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SUPPLIES_ISSUE')")
    @Operation(summary = "Issue supplies to a unit", description = "costYuan: what they cost, in yuan with at most "
            + "two decimals; supplier: from whom; occurredOn: the day (today when left out, never ahead). They count "
            + "in the stock once the unit's officer confirms the receipt.")
    SuppliesViews.EntryView issue(@PathVariable UUID id, @RequestBody(required = false) IssueBody body) {
        IssueBody b = body == null ? new IssueBody(null, null, null, null, null, null) : body;
        Long fen = Yuan.fen(b.costYuan(), "costYuan", "supplies.amount.format");
        return views.entry(desk.issue(id, new SupplyDesk.IssueForm(b.kindId(), SupplyDesk.quantity(b.quantity()), fen,
                b.occurredOn(), b.supplier(), b.note()), me()));
    }

    @PostMapping("/units/{id}/uses")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SUPPLIES_RECEIVE')")
    @Operation(summary = "Record supplies used up (USED) or lost (LOST), with the reason",
            description = "409 when the unit holds fewer than that: a stock never goes negative.")
    SuppliesViews.EntryView use(@PathVariable UUID id, @RequestBody(required = false) UseBody body) {
        UseBody b = body == null ? new UseBody(null, null, null, null, null) : body;
        return views.entry(desk.use(id, new SupplyDesk.UseForm(b.type(), b.kindId(), SupplyDesk.quantity(b.quantity()),
                b.occurredOn(), b.reason()), me()));
    }

    @PostMapping("/units/{id}/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SUPPLIES_ISSUE')")
    @Operation(summary = "Transfer supplies to another unit of the same station",
            description = "Out of this unit at once (409 when it holds fewer), into the other once its officer "
                    + "confirms. Answers this unit's line.")
    SuppliesViews.EntryView transfer(@PathVariable UUID id, @RequestBody(required = false) TransferBody body) {
        TransferBody b = body == null ? new TransferBody(null, null, null, null, null) : body;
        return views.entry(desk.transfer(id, new SupplyDesk.TransferForm(b.toUnitId(), b.kindId(),
                SupplyDesk.quantity(b.quantity()), b.occurredOn(), b.reason()), me()));
    }

    @GetMapping("/entries/{id}")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    @Operation(summary = "One line of a unit's ledger")
    SuppliesViews.EntryView entry(@PathVariable UUID id) {
        return views.entry(desk.entry(id, me()));
    }

    @PostMapping("/entries/{id}/receipt")
    @PreAuthorize("hasAuthority('SUPPLIES_RECEIVE')")
    @Operation(summary = "The unit's officer confirms he received an issue or a transfer in",
            description = "409 when already confirmed or reversed.")
    SuppliesViews.EntryView confirm(@PathVariable UUID id) {
        return views.entry(desk.confirm(id, me()));
    }

    @PostMapping("/entries/{id}/reversal")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyAuthority('SUPPLIES_ISSUE','SUPPLIES_RECEIVE')")
    @Operation(summary = "Correct a line by a reversing one, with the reason",
            description = "An issue by those who issue, a use or loss by those who record them (403 for the "
                    + "others); a transfer is corrected by a transfer back and a reversal is not reversed (400). 409 "
                    + "when the stock would go negative or it was reversed.")
    SuppliesViews.EntryView reverse(@PathVariable UUID id, @RequestBody(required = false) ReasonBody body) {
        return views.entry(desk.reverse(id, body == null ? null : body.reason(), me()));
    }

    @GetMapping("/summary")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    @Operation(summary = "The supplies under a unit summed up",
            description = "unitId: the unit (default: the caller's own); from/to: the period of the money spent and "
                    + "the quantities issued (default: this year). Per kind on hand, on its way, issued and spent; "
                    + "per unit under it its stock of each kind and what was spent on it.")
    SuppliesViews.Summary summary(@RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        return views.summary(desk.root(unitId, me()), views.period(from, to));
    }

    @GetMapping("/issues")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    @Operation(summary = "The supplies issued to the units under a unit in a period, and what they cost",
            description = "unitId: the unit (default: the caller's own; 404 outside his scope); from/to: the days, "
                    + "both included (default: this year). Issues reversed since are left out, as the work figures "
                    + "count supplies issued; total: the lines, spentYuan: what they all cost.")
    SuppliesViews.Issues issues(@RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        return views.issues(desk.root(unitId, me()), views.period(from, to), limit,
                Paging.offset(Math.max(1, page), limit));
    }

    @GetMapping("/gaps")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    @Operation(summary = "The workstations and central offices under a unit that hold none of a required kind",
            description = "每个警务工作站都统一配备: a kind on its way but not yet confirmed still lacks.")
    List<SuppliesViews.GapView> gaps(@RequestParam(required = false) UUID unitId) {
        return views.gaps(desk.root(unitId, me()));
    }

    @GetMapping("/export")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    @Operation(summary = "The ledger lines under a unit in a period as xlsx",
            description = "Oldest first, amounts in yuan, headers in the reader's language; audited as an EXPORT.")
    void export(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, Locale locale, HttpServletResponse response)
            throws IOException {
        export.write(desk.root(unitId, me()), views.period(from, to), locale, response);
    }
}
