package org.fengqiao.points.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.QrCode;
import org.fengqiao.points.internal.Awards;
import org.fengqiao.points.internal.Leaderboards;
import org.fengqiao.points.internal.Ledger;
import org.fengqiao.points.internal.PointsProperties;
import org.fengqiao.points.internal.Store;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Points and the points store over JSON, for the phone app and other systems; scoped like the pages. */
@RestController
@RequestMapping("/api/v1/points")
@Tag(name = "Points", description = "积分: the ledger, awards and approvals, leaderboards, the points store")
class PointsApi {

    private final Ledger ledger;
    private final Awards awards;
    private final Store store;
    private final Leaderboards boards;
    private final PointsProperties properties;
    private final PointsLinks links;

    PointsApi(Ledger ledger, Awards awards, Store store, Leaderboards boards, PointsProperties properties,
            PointsLinks links) {
        this.ledger = ledger;
        this.awards = awards;
        this.store = store;
        this.boards = boards;
        this.properties = properties;
        this.links = links;
    }

    /** {@code historyTotal}: all the holder's entries, of which {@code history} is the latest (at most 200 or 500). */
    record Mine(int balance, List<Ledger.Entry> history, long historyTotal, List<Awards.Award> pending,
            List<Store.Voucher> vouchers) {
    }

    record AwardForm(UUID holderId, UUID gridId, String rule, String note, UUID clueGiverId) {
    }

    record Decision(String note) {
    }

    record Reason(String reason) {
    }

    record ItemForm(UUID unitId, String name, String source, String donor, Integer pricePoints, Integer stock) {
    }

    record StockForm(Integer quantity, Long costFen, String note) {
    }

    record FundForm(UUID unitId, String kind, String name) {
    }

    record IncomeForm(Long amountFen, String note) {
    }

    record ActivistForm(UUID unitId, Integer year, Integer top) {
    }

    record VoucherView(Store.Voucher voucher, String qrUrl, String scanUrl) {
    }

    @GetMapping("/rules")
    Map<String, Integer> rules() {
        return properties.rules();
    }

    @GetMapping("/me")
    Mine me() {
        Caller caller = Callers.require();
        return new Mine(ledger.balance(caller.staffId()), ledger.history(caller.staffId(), 200),
                ledger.count(caller.staffId()), awards.ofHolder(caller.staffId(), "PENDING"), store.vouchersOf(caller.staffId()));
    }

    @GetMapping("/holders/{id}")
    Mine holder(@PathVariable UUID id) {
        Ledger.Holder h = ledger.readHolder(id, Callers.require());
        return new Mine(ledger.balance(h.id()), ledger.history(h.id(), 500), ledger.count(h.id()), awards.ofHolder(h.id(), "PENDING"), null);
    }

    /**
     * The states an award's list may be asked for: a choice, so that a status that is none of them (a typo) is refused
     * with the allowed values instead of answered with an empty page, which reads as "no awards".
     */
    @org.fengqiao.platform.ChoiceNames("points.status.")
    enum AwardStatus { PENDING, APPROVED, REJECTED }

    /** The most awards one page of {@code GET /awards} answers. */
    static final int MAX_PAGE = 100;

    record AwardsPage(List<Awards.Award> items, long total, int page, int size) {
    }

    @GetMapping("/awards")
    @PreAuthorize("hasAuthority('POINTS_READ')")
    @Operation(summary = "The awards of the caller's scope, a page at a time",
            description = "status: PENDING, APPROVED or REJECTED (default all); oldestFirst=true lists those proposed "
                    + "first (the pending that waited longest) first, else the newest come first; page from 1; size "
                    + "at most " + MAX_PAGE + " (default 20); total: how many there are in all.")
    AwardsPage awards(@RequestParam(required = false) AwardStatus status,
            @RequestParam(defaultValue = "false") boolean oldestFirst, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        // the list stopped at 500 without a word: a client could not tell it from all, nor reach the rest
        Caller caller = Callers.require();
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        String wanted = status == null ? null : status.name();
        return new AwardsPage(awards.list(wanted, caller, limit, org.fengqiao.platform.web.Paging.offset(p, limit),
                oldestFirst), awards.count(wanted, caller), p, limit);
    }

    @GetMapping("/awards/{id}")
    Awards.Award award(@PathVariable UUID id) {
        return awards.shown(id, Callers.require());
    }

    @PostMapping("/awards")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    @Operation(summary = "Propose an award by hand",
            description = "An Idempotency-Key header makes a repeated request answer the award proposed the first time "
                    + "(200) instead of proposing another (201); the same key with another award is refused (400).")
    ResponseEntity<Awards.Award> award(@RequestBody AwardForm form,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        Awards.Proposed p = awards.award(form.holderId(), form.gridId(), form.rule(), form.note(), form.clueGiverId(),
                key, Callers.require());
        return ResponseEntity.status(p.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(p.award());
    }

    @PostMapping("/awards/{id}/approve")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    Awards.Award approve(@PathVariable UUID id, @RequestBody(required = false) Decision d) {
        return awards.approve(id, d == null ? null : d.note(), Callers.require());
    }

    @PostMapping("/awards/{id}/reject")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    Awards.Award reject(@PathVariable UUID id, @RequestBody(required = false) Decision d) {
        return awards.reject(id, d == null ? null : d.note(), Callers.require());
    }

    @PostMapping("/entries/{id}/reverse")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    ResponseEntity<Ledger.Entry> reverse(@PathVariable long id, @RequestBody(required = false) Reason r) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(ledger.reverse(id, r == null ? null : r.reason(), Callers.require()));
    }

    @GetMapping("/leaderboard")
    @PreAuthorize("hasAuthority('POINTS_READ')")
    List<Leaderboards.Row> leaderboard(@RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) UUID unitId, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(defaultValue = "50") int top) {
        Caller caller = Callers.require();
        LocalDate f = from == null ? LocalDate.now(Leaderboards.ZONE).withDayOfYear(1) : from;
        LocalDate t = to == null ? LocalDate.now(Leaderboards.ZONE) : to;
        if (gridId != null) {
            return boards.byGrid(gridId, f, t, top, caller);
        }
        if (unitId == null) {
            throw Invalid.of("unitId", "points.error.place");
        }
        return boards.byUnit(unitId, f, t, top, caller);
    }

    @GetMapping("/activists")
    @PreAuthorize("hasAuthority('POINTS_READ')")
    List<Leaderboards.Activist> activists(@RequestParam UUID unitId, @RequestParam int year) {
        return boards.activists(unitId, year, Callers.require());
    }

    @PostMapping("/activists")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    ResponseEntity<List<Leaderboards.Activist>> confirm(@RequestBody ActivistForm form) {
        if (form.unitId() == null) {
            throw Invalid.of("unitId", "points.error.place");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(boards.confirmActivists(form.unitId(),
                form.year() == null ? 0 : form.year(), form.top() == null ? 10 : form.top(), Callers.require()));
    }

    // ---- store ----

    @GetMapping("/store")
    List<Store.Item> storeForMe() {
        return store.forHolder(Callers.require().staffId());
    }

    @PostMapping("/store/items/{id}/redeem")
    @Operation(summary = "Redeem an item of the store for points",
            description = "An Idempotency-Key header makes a repeated request answer the voucher of the first (200) "
                    + "instead of redeeming again (201); the same key for another item is refused (400).")
    ResponseEntity<VoucherView> redeem(@PathVariable UUID id,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        Store.Redeemed r = store.redeem(id, key, Callers.require());
        return ResponseEntity.status(r.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(view(r.voucher()));
    }

    @GetMapping("/store/items")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    List<Store.Item> items() {
        return store.items(Callers.require());
    }

    @GetMapping("/store/items/{id}")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    Store.Item item(@PathVariable UUID id) {
        return store.visibleItem(id, Callers.require());
    }

    @PostMapping("/store/items")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    ResponseEntity<Store.Item> createItem(@RequestBody ItemForm f) {
        return ResponseEntity.status(HttpStatus.CREATED).body(store.createItem(f.unitId(), f.name(), f.source(),
                f.donor(), f.pricePoints(), f.stock(), Callers.require()));
    }

    @PostMapping("/store/items/{id}/stock")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    Store.Item stock(@PathVariable UUID id, @RequestBody StockForm f) {
        return store.addStock(id, f.quantity(), f.costFen(), f.note(), Callers.require());
    }

    /** Takes the item off sale (下架): no longer offered nor redeemable; its vouchers stay and are honoured. */
    @PostMapping("/store/items/{id}/withdraw")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    Store.Item withdraw(@PathVariable UUID id) {
        return store.setOnSale(id, false, Callers.require());
    }

    /** Puts a withdrawn item back on sale. */
    @PostMapping("/store/items/{id}/restore")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    Store.Item restore(@PathVariable UUID id) {
        return store.setOnSale(id, true, Callers.require());
    }

    @GetMapping("/funds")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    List<Store.Fund> funds() {
        return store.funds(Callers.require());
    }

    @PostMapping("/funds")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    ResponseEntity<Store.Fund> openFund(@RequestBody FundForm f) {
        return ResponseEntity.status(HttpStatus.CREATED).body(store.openFund(f.unitId(), f.kind(), f.name(),
                Callers.require()));
    }

    @GetMapping("/funds/{id}/entries")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    List<Store.FundEntry> fundEntries(@PathVariable UUID id) {
        return store.fundEntries(store.visibleFund(id, Callers.require()).id());
    }

    @PostMapping("/funds/{id}/income")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    Store.Fund income(@PathVariable UUID id, @RequestBody IncomeForm f) {
        return store.income(id, f.amountFen(), f.note(), Callers.require());
    }

    @GetMapping("/vouchers/{code}")
    VoucherView voucher(@PathVariable String code) {
        return view(store.visibleVoucher(code, Callers.require()));
    }

    @GetMapping(value = "/vouchers/{code}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@PathVariable String code) {
        Store.Voucher v = store.visibleVoucher(code, Callers.require());
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                .contentType(MediaType.IMAGE_PNG).body(QrCode.encode(links.scanUrl(v.code())).png(8));
    }

    private VoucherView view(Store.Voucher v) {
        return new VoucherView(v, "/api/v1/points/vouchers/" + v.code() + "/qr.png", links.scanUrl(v.code()));
    }

    /**
     * Cancels a voucher not picked up, by its holder or its store's keeper: its points and its unit go back in one
     * step, once; a used or cancelled voucher is refused (400).
     */
    @PostMapping("/vouchers/{code}/cancel")
    VoucherView cancel(@PathVariable String code) {
        return view(store.cancel(code, Callers.require()));
    }

    /** The store's scan at pickup: 200 when this scan used the voucher, 409 when it was used before. */
    @PostMapping("/vouchers/{code}/scan")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    ResponseEntity<Store.Scan> scan(@PathVariable String code) {
        Store.Scan scan = store.scan(code, Callers.require());
        return ResponseEntity.status(scan.alreadyUsed() ? HttpStatus.CONFLICT : HttpStatus.OK).body(scan);
    }
}
