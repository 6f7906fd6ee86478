package org.fengqiao.points.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.QrCode;
import org.fengqiao.platform.Refused;
import org.fengqiao.platform.Yuan;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.points.internal.Awards;
import org.fengqiao.points.internal.Exports;
import org.fengqiao.points.internal.HolderNames;
import org.fengqiao.points.internal.Leaderboards;
import org.fengqiao.points.internal.Ledger;
import org.fengqiao.points.internal.PointsProperties;
import org.fengqiao.points.internal.Store;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages: the holder's own (my points, history, the store, my vouchers with their QR codes) and the staff's
 * (approvals and the award form, one holder's ledger with reversals, the store's items, stock and funds, the
 * leaderboards with activists and the xlsx exports, the voucher scan at pickup). Plain forms that post and
 * redirect, so they work on a phone without scripts.
 */
@Controller
@FieldLabels({"points.field.", "points.store.", "points.award.", "points.holder."})
class PointsPages {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(Leaderboards.ZONE);

    private final Ledger ledger;
    private final Awards awards;
    private final Store store;
    private final Leaderboards boards;
    private final PointsProperties properties;
    private final PointsLinks links;
    private final MessageSource messages;
    private final JdbcClient jdbc;
    private final FormAnswers answers;
    private final HolderNames names;
    private final ApplicationEventPublisher events;
    private final PlatformTransactionManager transactions;

    PointsPages(Ledger ledger, Awards awards, Store store, Leaderboards boards, PointsProperties properties,
            PointsLinks links, MessageSource messages, JdbcClient jdbc, FormAnswers answers, HolderNames names,
            ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.events = events;
        this.transactions = transactions;
        this.names = names;
        this.answers = answers;
        this.ledger = ledger;
        this.awards = awards;
        this.store = store;
        this.boards = boards;
        this.properties = properties;
        this.links = links;
        this.messages = messages;
        this.jdbc = jdbc;
    }

    /** Formats an instant for the pages, in China's time. */
    public static String at(Instant i) {
        return i == null ? "" : AT.format(i);
    }

    /** Fen as yuan with two decimals. */
    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    // ---- the holder's page ----

    /** The latest entries the holder's own page lists; the page says when he has more. */
    static final int HISTORY_SHOWN = 100;
    /** The latest entries a holder's page lists to his chief; the page says when he has more. */
    static final int HOLDER_HISTORY_SHOWN = 500;
    /**
     * The most entries the ledger export writes: as many as an xlsx sheet holds ({@link Exports.LedgerSheet#MOST}),
     * the file being written as it is read, not built in memory. Fewer than the period holds are said on the
     * leaderboard page beside the link and in a last row of the file, so that nobody reads a cut file as whole. Not
     * final: a test lowers it rather than writing a million entries.
     */
    int ledgerExportMax = Exports.LedgerSheet.MOST;
    /** How many entries the ledger export reads at a time. */
    static final int LEDGER_PAGE = 1000;

    /**
     * One's own points, for those who earn them (POINTS_EARN). Typed by one who earns none, the page listed an empty
     * balance as if his were nil: the inspector, who reads the points of his jurisdiction, is taken to its leaderboard
     * with a line saying why; the three administrators (三员), who neither earn nor read points, are refused, told why.
     */
    @GetMapping("/points")
    String mine(Model model, Locale locale, RedirectAttributes redirect) {
        Caller caller = Callers.require();
        if (!caller.may("POINTS_EARN")) {
            if (!caller.may("POINTS_READ")) {
                throw new Refused("points.my.notEarnedNorRead");
            }
            String role = messages.getMessage("role." + caller.role(), null, caller.role(), locale);
            redirect.addFlashAttribute("notice", messages.getMessage("points.my.notEarned", new Object[] {role},
                    locale));
            return "redirect:/points/leaderboard";
        }
        UUID me = caller.staffId();
        model.addAttribute("balance", ledger.balance(me));
        model.addAttribute("history", ledger.history(me, HISTORY_SHOWN));
        model.addAttribute("historyTotal", ledger.count(me));
        model.addAttribute("pending", awards.ofHolder(me, "PENDING"));
        model.addAttribute("items", store.forHolder(me));
        model.addAttribute("vouchers", store.vouchersOf(me));
        model.addAttribute("fmt", PointsFormat.INSTANCE);
        // the redeem forms' one-time key: a double tap redeems once (Store.redeem)
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "points/mine";
    }

    @PostMapping("/points/store/{id}/redeem")
    String redeem(@PathVariable UUID id, @RequestParam(required = false) String formKey, Locale locale,
            RedirectAttributes redirect) {
        try {
            Store.Redeemed r = store.redeem(id, formKey, Callers.require());
            redirect.addFlashAttribute("notice", messages.getMessage(r.repeated() ? "points.form.repeated"
                    : "points.my.redeemed", new Object[] {r.voucher().code()}, locale));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/points";
    }

    @GetMapping(value = "/points/vouchers/{code}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@PathVariable String code) {
        Store.Voucher v = visible(() -> store.visibleVoucher(code, Callers.require()));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                .contentType(MediaType.IMAGE_PNG).body(QrCode.encode(links.scanUrl(v.code())).png(6));
    }

    // ---- the scan at pickup ----

    @GetMapping("/points/vouchers/{code}/scan")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    String scanPage(@PathVariable String code, Model model) {
        Store.Voucher v = visible(() -> store.storeVoucher(code, Callers.require()));
        model.addAttribute("voucher", v);
        model.addAttribute("fmt", PointsFormat.INSTANCE);
        return "points/scan";
    }

    @PostMapping("/points/vouchers/{code}/scan")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    String scan(@PathVariable String code, Locale locale, RedirectAttributes redirect) {
        Store.Scan scan;
        try {
            scan = visible(() -> store.scan(code, Callers.require()));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            return "redirect:/points/vouchers/" + code + "/scan";
        }
        if (scan.alreadyUsed()) {
            redirect.addFlashAttribute("problems", List.of(messages.getMessage("points.scan.already",
                    new Object[] {at(scan.voucher().usedAt())}, locale)));
        } else {
            redirect.addFlashAttribute("notice", messages.getMessage("points.scan.done",
                    new Object[] {scan.voucher().itemName()}, locale));
        }
        return "redirect:/points/vouchers/" + code + "/scan";
    }

    /**
     * Cancels a voucher not picked up (its holder from his page, the store's keeper from the scan page): the points
     * and the unit go back. Back to the page it was sent from.
     */
    @PostMapping("/points/vouchers/{code}/cancel")
    String cancel(@PathVariable String code, Locale locale, RedirectAttributes redirect) {
        Caller caller = Callers.require();
        Store.Voucher v = visible(() -> store.visibleVoucher(code, caller));
        String back = v.holderId() != null && v.holderId().equals(caller.staffId()) ? "/points"
                : "/points/vouchers/" + code + "/scan";
        try {
            visible(() -> store.cancel(code, caller));
            redirect.addFlashAttribute("notice", messages.getMessage("points.voucher.cancelDone", null, locale));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        }
        return "redirect:" + back;
    }

    /**
     * The store's counter: a code typed in (or read by a hand scanner) opens its scan page. A code that is no voucher
     * of this counter's (mistyped, or another station's) is said on the store page, the code kept in its field.
     */
    @PostMapping("/points/scan")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    String scanCode(@RequestParam(required = false) String code, Locale locale, RedirectAttributes redirect) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        int slash = c.indexOf("/VOUCHERS/");
        if (slash >= 0) {
            c = c.substring(slash + "/VOUCHERS/".length()).replace("/SCAN", "");
        }
        if (c.isEmpty()) {
            answers.refused(redirect, List.of(msg("points.scan.noCode", locale)));
            return "redirect:/points/store";
        }
        if (!c.matches("[A-Z0-9]{4,32}") || !counterKnows(c)) {
            answers.refused(redirect, List.of(messages.getMessage("points.scan.unknown", new Object[] {c}, locale)));
            return "redirect:/points/store";
        }
        return "redirect:/points/vouchers/" + c + "/scan";
    }

    /** Whether the voucher of this code is one the signed-in person's store may scan. */
    private boolean counterKnows(String code) {
        try {
            store.storeVoucher(code, Callers.require());
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    // ---- approvals ----

    /** The pending awards the approvals page lists: those proposed first, which have waited longest. */
    static final int PENDING_LISTED = 200;

    @GetMapping("/points/approvals")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    String approvals(Model model, Locale locale) {
        Caller caller = Callers.require();
        // oldest first: listing the newest left those that had waited longest below the cut, never seen
        List<Awards.Award> pending = awards.list("PENDING", caller, PENDING_LISTED, 0, true);
        model.addAttribute("pending", pending);
        // a full list may not be all: the chief is told how many wait in all, not left to think these are every one
        model.addAttribute("pendingTotal", pending.size() < PENDING_LISTED ? pending.size()
                : awards.count("PENDING", caller));
        // who decides each (its grid's chief, or the station chief), and the awards the reader decides himself: both
        // are the grid's, so worked out once per grid of the list (a few statements each), not per award
        Map<UUID, String> decidersOfGrid = new HashMap<>();
        Map<UUID, Boolean> readerDecidesGrid = new HashMap<>();
        for (Awards.Award a : pending) {
            decidersOfGrid.computeIfAbsent(a.gridId(), g -> String.join("、", awards.deciderNames(a)));
            readerDecidesGrid.computeIfAbsent(a.gridId(), g -> awards.mayDecide(a, caller));
        }
        model.addAttribute("deciders", pending.stream().collect(java.util.stream.Collectors.toMap(Awards.Award::id,
                a -> decidersOfGrid.get(a.gridId()))));
        model.addAttribute("decides", pending.stream().filter(a -> readerDecidesGrid.get(a.gridId()))
                .map(Awards.Award::id).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("recent", awards.decided(caller, 30));
        model.addAttribute("rules", properties.rules().keySet());
        model.addAttribute("holders", holdersInScope(caller, locale));
        model.addAttribute("grids", gridsInScope(caller, locale));
        model.addAttribute("fmt", PointsFormat.INSTANCE);
        // the award form's one-time key: a double tap proposes once (Awards.award)
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "points/approvals";
    }

    @PostMapping("/points/awards")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    String award(@RequestParam(required = false) UUID holderId, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) String rule, @RequestParam(required = false) String note,
            @RequestParam(required = false) UUID clueGiverId, @RequestParam(required = false) String formKey,
            Locale locale, RedirectAttributes redirect) {
        try {
            Awards.Proposed p = awards.award(holderId, gridId, rule, note, clueGiverId, formKey, Callers.require());
            redirect.addFlashAttribute("notice", messages.getMessage(p.repeated() ? "points.form.repeatedAward"
                    : "points.award.done", null, locale));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/points/approvals";
    }

    @PostMapping("/points/awards/{id}/{decision}")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    String decide(@PathVariable UUID id, @PathVariable String decision, @RequestParam(required = false) String note,
            Locale locale, RedirectAttributes redirect) {
        try {
            switch (decision) {
                case "approve" -> awards.approve(id, note, Callers.require());
                case "reject" -> awards.reject(id, note, Callers.require());
                default -> throw new NotFound("points award", id);
            }
            redirect.addFlashAttribute("notice", messages.getMessage("points.action.done", null, locale));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/points/approvals";
    }

    // ---- one holder's ledger ----

    @GetMapping("/points/holders/{id}")
    @PreAuthorize("hasAuthority('POINTS_READ')")
    String holder(@PathVariable UUID id, Model model) {
        Ledger.Holder h = visible(() -> ledger.readHolder(id, Callers.require()));
        model.addAttribute("holder", h);
        model.addAttribute("balance", ledger.balance(id));
        model.addAttribute("history", ledger.history(id, HOLDER_HISTORY_SHOWN));
        model.addAttribute("historyTotal", ledger.count(id));
        model.addAttribute("mayReverse", Callers.require().may("POINTS_APPROVE"));
        model.addAttribute("fmt", PointsFormat.INSTANCE);
        return "points/holder";
    }

    @PostMapping("/points/entries/{id}/reverse")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    String reverse(@PathVariable long id, @RequestParam(required = false) String reason, Locale locale,
            RedirectAttributes redirect) {
        Ledger.Entry entry = visible(() -> ledger.visibleEntry(id, Callers.require()));
        try {
            ledger.reverse(id, reason, Callers.require());
            redirect.addFlashAttribute("notice", messages.getMessage("points.holder.done", null, locale));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        }
        return "redirect:/points/holders/" + entry.holderId();
    }

    // ---- the store's items, stock and funds ----

    @GetMapping("/points/store")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    String storePage(@RequestParam(required = false) UUID fund, Model model) {
        Caller caller = Callers.require();
        List<Store.Fund> funds = store.funds(caller);
        model.addAttribute("items", store.items(caller));
        model.addAttribute("funds", funds);
        model.addAttribute("units", boards.units(caller));
        Store.Fund shown = fund == null ? (funds.isEmpty() ? null : funds.get(0)) : visible(() -> store.visibleFund(fund, caller));
        model.addAttribute("shownFund", shown);
        model.addAttribute("fundEntries", shown == null ? List.of() : store.fundEntries(shown.id()));
        model.addAttribute("fmt", PointsFormat.INSTANCE);
        return "points/store";
    }

    @PostMapping("/points/store/items")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    String createItem(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String source, @RequestParam(required = false) String donor,
            @RequestParam(required = false) Integer pricePoints, @RequestParam(required = false) Integer stock,
            Locale locale, RedirectAttributes redirect) {
        return act(locale, redirect, "/points/store",
                () -> store.createItem(unitId, name, source, donor, pricePoints, stock, Callers.require()));
    }

    @PostMapping("/points/store/items/{id}/stock")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    String addStock(@PathVariable UUID id, @RequestParam(required = false) Integer quantity,
            @RequestParam(required = false) String costYuan, @RequestParam(required = false) String note,
            Locale locale, RedirectAttributes redirect) {
        return act(locale, redirect, "/points/store",
                () -> store.addStock(id, quantity, fen(costYuan, "costFen"), note, Callers.require()));
    }

    /** Takes an item off sale (withdraw) or puts it back (restore), from the store page. */
    @PostMapping("/points/store/items/{id}/{change:withdraw|restore}")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    String onSale(@PathVariable UUID id, @PathVariable String change, Locale locale, RedirectAttributes redirect) {
        return act(locale, redirect, "/points/store",
                () -> store.setOnSale(id, change.equals("restore"), Callers.require()));
    }

    @PostMapping("/points/funds")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    String openFund(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String name, Locale locale, RedirectAttributes redirect) {
        return act(locale, redirect, "/points/store", () -> store.openFund(unitId, kind, name, Callers.require()));
    }

    @PostMapping("/points/funds/{id}/income")
    @PreAuthorize("hasAuthority('POINTS_STORE')")
    String income(@PathVariable UUID id, @RequestParam(required = false) String amountYuan,
            @RequestParam(required = false) String note, Locale locale, RedirectAttributes redirect) {
        return act(locale, redirect, "/points/store?fund=" + id,
                () -> store.income(id, fen(amountYuan, "amountFen"), note, Callers.require()));
    }

    /** Yuan typed as {@link Yuan} reads them (thousands separators too), as fen. */
    static Long fen(String yuan, String field) {
        return Yuan.fen(yuan, field, "points.error.amount.format");
    }

    // ---- leaderboards, activists, exports ----

    @GetMapping("/points/leaderboard")
    @PreAuthorize("hasAuthority('POINTS_READ')")
    String leaderboard(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) Integer year, Locale locale, Model model) {
        Caller caller = Callers.require();
        List<Leaderboards.Place> units = boards.units(caller);
        LocalDate f = from == null ? LocalDate.now(Leaderboards.ZONE).withDayOfYear(1) : from;
        LocalDate t = to == null ? LocalDate.now(Leaderboards.ZONE) : to;
        UUID unit = unitId == null && gridId == null && !units.isEmpty() ? units.get(0).id() : unitId;
        model.addAttribute("units", units);
        model.addAttribute("grids", gridsInScope(caller, locale));
        model.addAttribute("unitId", unit);
        model.addAttribute("gridId", gridId);
        model.addAttribute("from", f);
        model.addAttribute("to", t);
        int y = year == null ? LocalDate.now(Leaderboards.ZONE).getYear() : year;
        model.addAttribute("year", y);
        try {
            model.addAttribute("rows", gridId != null ? boards.byGrid(gridId, f, t, 100, caller)
                    : unit == null ? List.of() : boards.byUnit(unit, f, t, 100, caller));
        } catch (Invalid e) {
            model.addAttribute("rows", List.of());
            model.addAttribute("problems", answers.texts(e, locale));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("activists", unit == null ? List.of() : boards.activists(unit, y, caller));
        model.addAttribute("mayConfirm", caller.may("POINTS_APPROVE"));
        if (!t.isBefore(f)) {
            long inPeriod = ledger.countInScope(caller, f.atStartOfDay(Leaderboards.ZONE).toInstant(),
                    t.plusDays(1).atStartOfDay(Leaderboards.ZONE).toInstant());
            model.addAttribute("ledgerExportCut", inPeriod > ledgerExportMax
                    ? messages.getMessage("points.board.exportCut", new Object[] {String.valueOf(inPeriod),
                            String.valueOf(ledgerExportMax)}, locale) : null);
        }
        model.addAttribute("fmt", PointsFormat.INSTANCE);
        return "points/leaderboard";
    }

    @PostMapping("/points/activists")
    @PreAuthorize("hasAuthority('POINTS_APPROVE')")
    String confirmActivists(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer top, Locale locale, RedirectAttributes redirect) {
        if (unitId == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return act(locale, redirect, "/points/leaderboard?unitId=" + unitId + (year == null ? "" : "&year=" + year),
                () -> boards.confirmActivists(unitId, year == null ? 0 : year, top == null ? 10 : top, Callers.require()));
    }

    @GetMapping("/points/leaderboard.xlsx")
    @PreAuthorize("hasAuthority('POINTS_READ')")
    ResponseEntity<byte[]> leaderboardXlsx(@RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) UUID gridId, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, Locale locale) {
        Caller caller = Callers.require();
        LocalDate f = from == null ? LocalDate.now(Leaderboards.ZONE).withDayOfYear(1) : from;
        LocalDate t = to == null ? LocalDate.now(Leaderboards.ZONE) : to;
        if (gridId == null && unitId == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Leaderboards.Place place = visible(() -> gridId != null ? boards.visibleGrid(gridId, caller)
                : boards.visibleUnit(unitId, caller));
        List<Leaderboards.Row> rows = visible(() -> gridId != null ? boards.byGrid(gridId, f, t, 1000, caller)
                : boards.byUnit(unitId, f, t, 1000, caller));
        byte[] body = Exports.leaderboard(rows, List.of(msg("points.board.rank", locale),
                msg("points.board.name", locale), msg("points.board.role", locale),
                msg("points.export.unit", locale), msg("points.field.points", locale), msg("points.board.awards", locale)),
                k -> msg(k, locale));
        exported(place.path(), Map.of("board", place.name(), "from", f.toString(), "to", t.toString(),
                "rows", rows.size()));
        return xlsx(body, msg("points.export.boardFile", locale) + "-" + f + "-" + t + ".xlsx");
    }

    @GetMapping("/points/ledger.xlsx")
    @PreAuthorize("hasAuthority('POINTS_READ')")
    void ledgerXlsx(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            Locale locale, HttpServletResponse response) throws IOException {
        LocalDate f = from == null ? LocalDate.now(Leaderboards.ZONE).withDayOfYear(1) : from;
        LocalDate t = to == null ? LocalDate.now(Leaderboards.ZONE) : to;
        if (t.isBefore(f)) {
            // refused as the board's export refuses it: an empty sheet read as "no points moved in the period"
            throw Invalid.of("to", "points.error.period");
        }
        // the year 1 or 9999 is a mistyped year, as the board refuses it
        PeriodFigures.Period.held("from", f);
        PeriodFigures.Period.held("to", t);
        Caller caller = Callers.require();
        Instant start = f.atStartOfDay(Leaderboards.ZONE).toInstant();
        Instant end = t.plusDays(1).atStartOfDay(Leaderboards.ZONE).toInstant();
        int max = ledgerExportMax;
        boolean[] cut = {false};
        try (Exports.LedgerSheet sheet = new Exports.LedgerSheet(List.of(msg("points.export.id", locale),
                msg("points.field.at", locale), msg("points.field.holder", locale), msg("points.field.kind", locale),
                msg("points.field.points", locale), msg("points.field.balance", locale),
                msg("points.field.rule", locale), msg("points.field.grid", locale), msg("points.field.source", locale),
                msg("points.field.approvedBy", locale), msg("points.field.note", locale)), k -> msg(k, locale),
                (kind, name) -> aside(kind, name, locale))) {
            // every page read in one snapshot: an entry written while a large ledger is read is not half in it
            org.fengqiao.platform.web.Ledger.snapshot(transactions, () -> {
                long after = 0;
                Ledger.Entry last = null;
                while (true) {
                    List<Ledger.Entry> page = ledger.inScope(caller, start, end, after, LEDGER_PAGE);
                    int room = max - sheet.rows();
                    List<Ledger.Entry> written = page.size() > room ? page.subList(0, room) : page;
                    sheet.add(written, ledger.sourceNames(written));
                    last = written.isEmpty() ? last : written.get(written.size() - 1);
                    if (page.size() > room) {
                        cut[0] = true;
                        sheet.cut(messages.getMessage("points.export.cut", new Object[] {max,
                                last == null ? f.toString()
                                        : last.at().atZone(Leaderboards.ZONE).toLocalDate().toString()}, locale));
                        return;
                    }
                    if (page.size() < LEDGER_PAGE) {
                        return;
                    }
                    after = last.id();
                }
            });
            response.setContentType(XLSX.toString());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(msg("points.export.ledgerFile", locale) + "-" + f + "-" + t + ".xlsx",
                            StandardCharsets.UTF_8).build().toString());
            // written on the request thread, not as an async StreamingResponseBody: the token-authenticated async
            // dispatch would be checked again without a security context
            sheet.write(response.getOutputStream());
            exported(caller.unitPaths().size() == 1 ? caller.unitPaths().get(0) : null, Map.of("scope",
                    caller.unitPaths(), "from", f.toString(), "to", t.toString(), "rows", sheet.rows(), "cut", cut[0]));
        }
    }

    /**
     * An export names every holder on it with his points (informants only to those who may know them): each is
     * audited as the other modules' ledgers are, with what was exported and how many rows.
     */
    private void exported(String unitPath, Map<String, Object> what) {
        events.publishEvent(new Audited("EXPORT", "points_entry", null, unitPath, null, new java.util.TreeMap<>(what),
                null));
    }

    private static ResponseEntity<byte[]> xlsx(byte[] body, String name) {
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    // ---- helpers ----

    record Option(UUID id, String label) {
    }

    /**
     * The people of the caller's scope who may hold points (not the three administrators, nor an informant the caller
     * may not know: the form would name him), each with his role's name in the reader's language: the role's code
     * (GRID_MEMBER) means nothing to a reader, and a title typed in Chinese means nothing to an English one.
     */
    /** Who the award form offers: the active people of the caller's scope whose role earns points (no inspector). */
    private List<Option> holdersInScope(Caller caller, Locale locale) {
        record Holder(UUID id, String name, String role) {
        }
        List<String> earners = awards.earners();
        List<Holder> all = jdbc.sql("""
                SELECT s.id, s.name, s.role FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND s.active AND s.role = ANY(CAST(:earners AS text[]))
                ORDER BY s.role, s.name LIMIT 2000""").param("scope", caller.scopePatterns())
                .param("earners", earners.toArray(String[]::new))
                .query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
        java.util.Set<UUID> hidden = names.hidden(caller, all.stream().map(Holder::id).toList());
        return all.stream().filter(h -> !hidden.contains(h.id()))
                .map(h -> new Option(h.id(), aside(h.name(), messages.getMessage("points.role." + h.role(), null,
                        h.role(), locale), locale))).toList();
    }

    private List<Option> gridsInScope(Caller caller, Locale locale) {
        return jdbc.sql("""
                SELECT g.id, g.name, g.code FROM grid g JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND g.network = 'POLICE' ORDER BY g.code""")
                .param("scope", caller.scopePatterns())
                .query((rs, n) -> new Option(rs.getObject(1, UUID.class), aside(rs.getString(2), rs.getString(3), locale)))
                .list();
    }

    /** A name with a note in brackets, as the reader's language writes it: 张三（网格长）, Zhang San (grid chief). */
    private String aside(String name, String note, Locale locale) {
        return messages.getMessage("text.aside", new Object[] {name, note}, locale);
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }


    private String act(Locale locale, RedirectAttributes redirect, String back, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", messages.getMessage("points.action.done", null, locale));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:" + back;
    }

    private static <T> T visible(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
