package org.fengqiao.recovery.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Yuan;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.platform.web.TypedForm;
import org.fengqiao.population.PersonLookup;
import org.fengqiao.recovery.AssetKind;
import org.fengqiao.recovery.AssetState;
import org.fengqiao.recovery.Department;
import org.fengqiao.recovery.Outcome;
import org.fengqiao.recovery.internal.Actor;
import org.fengqiao.recovery.internal.Rates;
import org.fengqiao.recovery.internal.ReceiptPdf;
import org.fengqiao.recovery.internal.RecoveryDesk;
import org.fengqiao.recovery.internal.RecoveryFiles;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The recovery pages: the list of files (filters), opening a file, one file with its victims, losses, suspects,
 * assets, returns and revisits and a form for each, the receipt PDF, the collective return events and the rates.
 * Plain forms that post and redirect, so they work on a phone without scripts; amounts are typed in yuan and kept
 * in fen exactly.
 */
@Controller
@FieldLabels("recovery.field.")
class RecoveryPages {

    static final int PAGE_SIZE = 30;

    private final RecoveryDesk desk;
    private final RecoveryFiles files;
    private final RecoveryViews views;
    private final ReceiptPdf receipts;
    private final Rates rates;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;
    private final FormAnswers answers;
    private final PersonLookup persons;
    private final RecoveryLedger ledger;

    RecoveryPages(RecoveryDesk desk, RecoveryFiles files, RecoveryViews views, ReceiptPdf receipts, Rates rates,
            Jurisdictions jurisdictions, MessageSource messages, PersonLookup persons, FormAnswers answers,
            RecoveryLedger ledger) {
        this.ledger = ledger;
        this.persons = persons;
        this.desk = desk;
        this.files = files;
        this.views = views;
        this.receipts = receipts;
        this.rates = rates;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
        this.answers = answers;
    }

    @GetMapping("/recovery")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    String list(@RequestParam(required = false) String show, @RequestParam(required = false) String year,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page, Locale locale,
            Model model, HttpServletResponse response) {
        String filter = show == null ? "open" : show;
        int p = Math.max(1, page);
        String text = q == null || q.isBlank() ? null : q.trim();
        RecoveryFiles.Page found;
        try {
            found = files.list(tab(filter, RecoveryFiles.checkedYear(year), text), Callers.require().unitPaths(),
                    PAGE_SIZE, Paging.offset(p, PAGE_SIZE));
        } catch (Invalid e) {
            // a year out of range (or no year at all) is said above the list, in the reader's language, with what was
            // asked kept in the form and no file listed under filters he did not ask for
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            found = new RecoveryFiles.Page(List.of(), 0);
        }
        model.addAttribute("items", found.items());
        model.addAttribute("total", found.total());
        model.addAttribute("page", p);
        String pastTheEnd = Paging.lastPageIfPast(p, Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE)).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("show", filter);
        model.addAttribute("year", year);
        // the box takes the years the server counts files under (paper files since 1949), no narrower
        model.addAttribute("firstYear", RecoveryFiles.FIRST_YEAR);
        model.addAttribute("lastYear", RecoveryFiles.LAST_YEAR);
        model.addAttribute("q", text);
        return "recovery/list";
    }

    /**
     * The list's filter for a tab: the open files, the closed ones, or all (any other value), with the year and the
     * text searched. The page and the ledger read it here alike.
     */
    /**
     * The ledger of a tab of the list (追赃挽损台账), for the page's export link: the API's ledger, read by the same
     * query, on the page's terms. It goes with the session (signed out, to the sign-in page, never a 401 in JSON), is
     * written and named in the page's language, and a refusal (a year the list refuses too, more files than a ledger
     * holds) comes back on the list he was looking at, in his language, instead of a problem in JSON.
     */
    @GetMapping("/recovery/export.xlsx")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    String export(@RequestParam(required = false) String show, @RequestParam(required = false) String year,
            @RequestParam(required = false) String q, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) throws java.io.IOException {
        String filter = show == null ? "open" : show;
        String text = q == null || q.isBlank() ? null : q.trim();
        org.springframework.web.util.UriComponentsBuilder list = org.springframework.web.util.UriComponentsBuilder
                .fromPath("/recovery").queryParam("show", filter);
        if (year != null) {
            list.queryParam("year", year);
        }
        if (text != null) {
            list.queryParam("q", text);
        }
        String back = "redirect:" + list.encode().build().toUriString();
        Integer asked;
        try {
            asked = RecoveryFiles.checkedYear(year);
        } catch (Invalid e) {
            // the list says what is wrong with the year above its form
            return back;
        }
        try {
            ledger.write(tab(filter, asked, text), Callers.require(), locale, response);
            return null;
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            return back;
        }
    }

    static RecoveryFiles.Filter tab(String show, Integer year, String text) {
        RecoveryFiles.Status status = switch (show) {
            case "open" -> RecoveryFiles.Status.OPEN;
            case "closed" -> RecoveryFiles.Status.CLOSED;
            default -> null;
        };
        return new RecoveryFiles.Filter(status, year, text);
    }

    @GetMapping("/recovery/new")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    String newForm(@RequestParam(required = false) UUID incidentId, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("grids", grids(caller));
        model.addAttribute("owners", files.owners(caller.unitPaths()));
        model.addAttribute("me", caller.staffId());
        model.addAttribute("incidentId", incidentId);
        model.addAttribute("today", desk.today());
        return "recovery/new";
    }

    @PostMapping("/recovery")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    String open(@RequestParam(required = false) String caseNumber, @RequestParam(required = false) String title,
            @RequestParam(required = false) String summary, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) String incidentId, @RequestParam(required = false) LocalDate registeredOn,
            @RequestParam(required = false) UUID ownerId, Locale locale, RedirectAttributes redirect) {
        try {
            UUID id = desk.open(new RecoveryDesk.NewFile(caseNumber, title, summary, gridId,
                    uuid(incidentId, "incidentId", "recovery.incident.unknown"), registeredOn, ownerId), me()).id();
            return "redirect:/recovery/" + id;
        } catch (Invalid e) {
            // nothing was opened: the form comes back with what was typed, not empty for one missing choice
            answers.refused(redirect, e, locale);
            return "redirect:/recovery/new";
        }
    }

    @GetMapping("/recovery/{id}")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    String detail(@PathVariable UUID id, @RequestParam(required = false) String personQ, Locale locale, Model model) {
        Caller caller = Callers.require();
        RecoveryFiles.File f;
        try {
            f = desk.read(id, Actor.of(caller));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("detail", views.detail(f));
        // the owner calls his victims back (谁主办谁负责); others only with the right to reveal personal data
        model.addAttribute("mayRevealPhone", caller.may("POPULATION_REVEAL") || caller.staffId().equals(f.ownerId()));
        boolean mayWrite = caller.may("RECOVERY_WRITE");
        model.addAttribute("mayWrite", mayWrite);
        if (mayWrite) {
            model.addAttribute("today", desk.today());
            model.addAttribute("kinds", AssetKind.values());
            model.addAttribute("departments", Department.values());
            model.addAttribute("outcomes", Outcome.values());
            // only those who would see the file: the page offers no one it would refuse
            model.addAttribute("owners", files.ownersOf(f.unitPath()));
            model.addAttribute("events", files.eventsFor(f.unitPath()));
            model.addAttribute("maySearchPersons", caller.may("POPULATION_READ"));
            if (personQ == null) {
                // a victim added from the search's results and refused: the same results, his row as it was typed
                personQ = TypedForm.in(model).sentTo("/recovery/" + id + "/victim").get("personQ");
            }
            if (personQ != null && !personQ.isBlank() && caller.may("POPULATION_READ")) {
                model.addAttribute("personQ", personQ.trim());
                try {
                    model.addAttribute("people", persons.search(personQ, caller, PersonLookup.MAX_RESULTS));
                } catch (Invalid e) {
                    model.addAttribute("problems", answers.texts(e, locale));
                }
            }
        }
        return "recovery/detail";
    }

    /**
     * The owning officer (or a role that may reveal) reads a victim's full phone to call him, with a stated reason:
     * the page comes back with the number in the victim's row, this once; audited (RecoveryDesk#revealVictimPhone).
     */
    @PostMapping("/recovery/{id}/victims/{victimId}/reveal")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    String revealVictimPhone(@PathVariable UUID id, @PathVariable UUID victimId,
            @RequestParam(required = false) String reason, Locale locale, Model model) {
        Caller caller = Callers.require();
        try {
            model.addAttribute("revealedPhone", desk.revealVictimPhone(id, victimId, reason,
                    caller.may("POPULATION_REVEAL"), Actor.of(caller)));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (Invalid e) {
            model.addAttribute("revealProblems", answers.texts(e, locale));
        }
        model.addAttribute("revealVictim", victimId);
        return detail(id, null, locale, model);
    }

    @PostMapping("/recovery/{id}/{action}")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    String act(@PathVariable UUID id, @PathVariable String action,
            @RequestParam(required = false) Department department, @RequestParam(required = false) String verifierName,
            @RequestParam(required = false) LocalDate verifiedOn, @RequestParam(required = false) String result,
            @RequestParam(required = false) UUID ownerId, @RequestParam(required = false) String personId,
            @RequestParam(required = false) String name, @RequestParam(required = false) String phone,
            @RequestParam(required = false) UUID victimId, @RequestParam(required = false) String description,
            @RequestParam(required = false) Integer quantity, @RequestParam(required = false) String amountYuan,
            @RequestParam(required = false) String idNumber, @RequestParam(required = false) LocalDate caughtOn,
            @RequestParam(required = false) String note, @RequestParam(required = false) AssetKind kind,
            @RequestParam(required = false) String valueYuan, @RequestParam(required = false) String heldAt,
            @RequestParam(required = false) AssetState state, @RequestParam(required = false) LocalDate on,
            @RequestParam(required = false) UUID suspectId, @RequestParam(required = false) UUID assetId,
            @RequestParam(required = false) String items, @RequestParam(required = false) UUID eventId,
            @RequestParam(required = false) UUID returnId, @RequestParam(required = false) MultipartFile scan,
            @RequestParam(required = false) String said, @RequestParam(required = false) Boolean satisfied,
            @RequestParam(required = false) Outcome outcome, @RequestParam(required = false) String outcomeNote,
            Locale locale, RedirectAttributes redirect) {
        Actor me = me();
        // closing and reopening take nothing typed: their notice says what was done, not that something was saved
        String done = switch (action) {
            case "close" -> "recovery.action.closed";
            case "reopen" -> "recovery.action.reopened";
            default -> "recovery.action.done";
        };
        return answers.redirect("/recovery/" + id, done, locale, redirect, () -> {
            switch (action) {
                case "verify" -> desk.verify(id, new RecoveryDesk.VerifyForm(department, verifierName, verifiedOn,
                        result), me);
                case "owner" -> desk.setOwner(id, ownerId, me);
                case "close" -> desk.close(id, new RecoveryDesk.CloseForm(outcome, outcomeNote), me);
                case "reopen" -> desk.reopen(id, me);
                case "victim" -> {
                    List<RecoveryDesk.LossForm> losses = new ArrayList<>();
                    if (description != null && !description.isBlank() || amountYuan != null && !amountYuan.isBlank()) {
                        losses.add(new RecoveryDesk.LossForm(description, quantity, fen(amountYuan, "amountFen")));
                    }
                    desk.addVictim(id, new RecoveryDesk.VictimForm(uuid(personId, "personId", "recovery.person.unknown"), name,
                            phone, losses), me);
                }
                case "loss" -> desk.addLoss(id, victimId, new RecoveryDesk.LossForm(description, quantity,
                        fen(amountYuan, "amountFen")), me);
                case "suspect" -> desk.addSuspect(id, new RecoveryDesk.SuspectForm(name, idNumber, caughtOn, note), me);
                case "asset" -> desk.addAsset(id, new RecoveryDesk.AssetForm(kind, description, fen(valueYuan, "valueFen"),
                        heldAt, state, on, suspectId), me);
                case "state" -> {
                    desk.get(id, me); // outside the caller's jurisdiction 404 before anything sent is looked at
                    desk.moveAsset(id, assetId, new RecoveryDesk.MoveForm(state, required(on, state, assetId), note), me);
                }
                case "value" -> desk.revalue(id, assetId, fen(valueYuan, "valueFen"), me);
                case "return" -> desk.addReturn(id, new RecoveryDesk.ReturnForm(victimId, assetId,
                        fen(amountYuan, "amountFen"), items, on, eventId), me);
                case "receipt" -> desk.signReceipt(id, returnId, on, RecoveryController.bytes(scan), me);
                case "revisit" -> desk.addRevisit(id, new RecoveryDesk.RevisitForm(victimId, on, said, satisfied), me);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        });
    }

    /**
     * The day of an asset's change of state as its form sends it: the form always sends one (today unless changed),
     * so one sent without it, or without the asset or the state, is refused with each field named rather than
     * recorded for today (the API's documented default), a step nobody chose.
     */
    private static LocalDate required(LocalDate on, AssetState state, UUID assetId) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (assetId == null) {
            problems.add(new Invalid.Problem("assetId", "recovery.asset.unknown", new Object[0]));
        }
        if (state == null) {
            problems.add(new Invalid.Problem("state", "error.field.required", new Object[0]));
        }
        if (on == null) {
            problems.add(new Invalid.Problem("on", "error.field.required", new Object[0]));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        return on;
    }

    @GetMapping("/recovery/{id}/returns/{returnId}/receipt.pdf")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    ResponseEntity<byte[]> receipt(@PathVariable UUID id, @PathVariable UUID returnId, Locale locale) {
        try {
            return RecoveryController.pdf(receipts.print(id, returnId, me(), locale));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @GetMapping("/recovery/{id}/returns/{returnId}/scan")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    ResponseEntity<byte[]> scan(@PathVariable UUID id, @PathVariable UUID returnId, Locale locale) {
        try {
            return RecoveryController.scanResponse(desk.scan(id, returnId, me()), returnId, messages, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @GetMapping("/recovery/events")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    String events(Model model) {
        Caller caller = Callers.require();
        model.addAttribute("events", files.events(caller.unitPaths(), 200));
        if (caller.may("RECOVERY_WRITE")) {
            model.addAttribute("units", files.units(caller.unitPaths()));
            model.addAttribute("owners", files.owners(caller.unitPaths()));
            model.addAttribute("me", caller.staffId());
            model.addAttribute("today", desk.today());
        }
        return "recovery/events";
    }

    @PostMapping("/recovery/events")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    String addEvent(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) LocalDate heldOn,
            @RequestParam(required = false) String place, @RequestParam(required = false) UUID officerId,
            @RequestParam(required = false) String victimsPresent, @RequestParam(required = false) String note,
            Locale locale, RedirectAttributes redirect) {
        try {
            UUID id = desk.addEvent(new RecoveryDesk.EventForm(unitId, heldOn, place, officerId, victimsPresent, note),
                    me()).id();
            return "redirect:/recovery/events/" + id;
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            return "redirect:/recovery/events";
        }
    }

    @GetMapping("/recovery/events/{id}")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    String event(@PathVariable UUID id, Model model) {
        try {
            model.addAttribute("detail", views.event(desk.event(id, me()), Callers.require().unitPaths()));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "recovery/event";
    }

    @GetMapping("/recovery/rates")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    String rates(@RequestParam(required = false) String year, Locale locale, Model model,
            HttpServletResponse response) {
        Object asked = year;
        try {
            Integer y = RecoveryFiles.checkedYear(year);
            asked = y;
            model.addAttribute("table", rates.byStationAndYear(y, Callers.require().unitPaths()));
        } catch (Invalid e) {
            // said on the page in the reader's language, with no table counted under years he did not ask for
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
        }
        model.addAttribute("year", asked);
        int thisYear = desk.today().getYear();
        model.addAttribute("years", List.of(thisYear, thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4));
        return "recovery/rates";
    }

    /** An id typed into a form, or null when left blank; anything else than an id is refused with {@code key}. */
    static UUID uuid(String text, String field, String key) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw Invalid.of(field, key);
        }
    }

    /** Yuan typed as {@link Yuan} reads them (thousands separators too), as fen. */
    static Long fen(String yuan, String field) {
        return Yuan.fen(yuan, field, "recovery.amount.format");
    }

    /** The police grids the form offers, by the list pages' reader rule ({@link Jurisdictions#readableGrids}). */
    private List<Grid> grids(Caller caller) {
        return jurisdictions.readableGrids(caller).stream().filter(g -> g.network() == GridNetwork.POLICE)
                .sorted(Comparator.comparing(Grid::code)).toList();
    }

    private static Actor me() {
        return Actor.of(Callers.require());
    }
}
