package org.fengqiao.supplies.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Yuan;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.supplies.CountUnit;
import org.fengqiao.supplies.EntryType;
import org.fengqiao.supplies.internal.Actor;
import org.fengqiao.supplies.internal.SupplyDesk;
import org.fengqiao.supplies.internal.SupplyLedger;
import org.fengqiao.supplies.internal.SupplyLedger.Place;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supplies pages: the overview of a unit's subtree (per kind and per unit, the money spent in a period, the
 * workstations not fully equipped, the catalogue) and one unit's page (its stock, what waits for its officer's
 * receipt, the forms to issue, transfer and record use, its ledger with reversals). Plain forms that post and
 * redirect, so they work on a phone without scripts; costs are typed in yuan.
 */
@Controller
@FieldLabels("supplies.field.")
class SuppliesPages {

    static final int PAGE_SIZE = 30;

    private final SupplyDesk desk;
    private final SupplyLedger ledger;
    private final SuppliesViews views;
    private final FormAnswers answers;

    private final SuppliesExport export;

    SuppliesPages(SupplyDesk desk, SupplyLedger ledger, SuppliesViews views, FormAnswers answers,
            SuppliesExport export) {
        this.export = export;
        this.desk = desk;
        this.ledger = ledger;
        this.views = views;
        this.answers = answers;
    }

    private static Actor me() {
        return Actor.of(Callers.require());
    }

    @GetMapping("/supplies")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    String overview(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Locale locale, Model model, HttpServletResponse response) {
        Actor me = me();
        Place root;
        try {
            root = desk.root(unitId, me);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // a period that is none is refused with its reason (400), as on the list of issues: replaced by this year, its
        // sums stood under dates the reader had not asked for. Said on the page above its filters, which keep what
        // was sent, with no sums shown (not the error page, which lost the form)
        model.addAttribute("root", root);
        SuppliesViews.Period period = period(from, to, locale, model, response);
        model.addAttribute("period", period);
        model.addAttribute("summary", period == null ? null : views.summary(root, period));
        model.addAttribute("gaps", views.gaps(root));
        model.addAttribute("units", ledger.places(me.scopePaths()));
        // the unit filter's empty choice falls back to the reader's own unit: named after it, not after the one shown
        model.addAttribute("home", desk.root(null, me));
        // the catalogue of the bureau the overview is of
        model.addAttribute("kinds", ledger.kinds(SupplyLedger.bureau(root.path())).stream().map(views::kind)
                .toList());
        model.addAttribute("countUnits", CountUnit.values());
        // one who keeps several bureaus' catalogues says which a new kind is of (the overview's own by default)
        model.addAttribute("bureaus", desk.bureauPlaces(me));
        model.addAttribute("bureauId", SupplyLedger.bureau(root.path()));
        return "supplies/overview";
    }

    /**
     * The ledger lines under a unit in a period as xlsx, for the overview's export link: the API's export, on the
     * page's terms. It goes with the session (signed out, to the sign-in page), is written and named in the page's
     * language, a unit outside the reader's jurisdiction is the 404 page, and a period the overview refuses comes back
     * on the overview, which says why, instead of a problem in JSON.
     */
    @GetMapping("/supplies/export.xlsx")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    String export(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Locale locale, HttpServletResponse response)
            throws java.io.IOException {
        Place root;
        try {
            root = desk.root(unitId, me());
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        SuppliesViews.Period period;
        try {
            period = views.period(day("from", from), day("to", to));
        } catch (Invalid e) {
            org.springframework.web.util.UriComponentsBuilder overview = org.springframework.web.util
                    .UriComponentsBuilder.fromPath("/supplies");
            if (unitId != null) {
                overview.queryParam("unitId", unitId);
            }
            if (from != null) {
                overview.queryParam("from", from);
            }
            if (to != null) {
                overview.queryParam("to", to);
            }
            return "redirect:" + overview.encode().build().toUriString();
        }
        export.write(root, period, locale, response);
        return null;
    }

    /** The issues counted by the work figures' supplies issued and their cost, which link here. */
    @GetMapping("/supplies/issues")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    String issues(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page, Locale locale,
            Model model, HttpServletResponse response) {
        Actor me = me();
        Place root = desk.root(unit, me);
        int n = Math.max(1, page);
        model.addAttribute("unitId", unit);
        model.addAttribute("units", ledger.places(me.scopePaths()));
        SuppliesViews.Period period = period(from, to, locale, model, response);
        if (period == null) {
            model.addAttribute("issues", null);
            return "supplies/issues";
        }
        SuppliesViews.Issues issues = views.issues(root, period, PAGE_SIZE, Paging.offset(n, PAGE_SIZE));
        long pages = Math.max(1, (issues.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String pastTheEnd = Paging.lastPageIfPast(n, pages).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("issues", issues);
        model.addAttribute("page", n);
        model.addAttribute("pages", pages);
        return "supplies/issues";
    }

    /**
     * The period the overview and the list of issues are asked for, or null when it is none (a day that is no date,
     * the end before the start or after today): then the reason is on the model, in the reader's language, with what
     * was sent for the form (fromSent, toSent), and the answer is 400.
     */
    private SuppliesViews.Period period(String from, String to, Locale locale, Model model,
            HttpServletResponse response) {
        try {
            return views.period(day("from", from), day("to", to));
        } catch (Invalid e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            model.addAttribute("fromSent", from);
            model.addAttribute("toSent", to);
            return null;
        }
    }

    private static LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw Invalid.of(field, "error.field.date");
        }
    }

    @GetMapping("/supplies/units/{id}")
    @PreAuthorize("hasAuthority('SUPPLIES_READ')")
    String unit(@PathVariable UUID id, @RequestParam(defaultValue = "1") int page, Model model) {
        Actor me = me();
        Place p = visible(id, me);
        long total = ledger.historySize(p.id());
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int n = Math.max(1, page);
        String pastTheEnd = Paging.lastPageIfPast(n, pages).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        SuppliesViews.UnitView view = views.unit(p);
        model.addAttribute("view", view);
        // what the use and transfer forms take: what the unit holds on hand (what is on its way it cannot give)
        model.addAttribute("held", view.stock().stream().filter(s -> s.onHand() > 0).toList());
        model.addAttribute("history", ledger.history(p.id(), PAGE_SIZE, Paging.offset(n, PAGE_SIZE)).stream()
                .map(views::entry).toList());
        model.addAttribute("page", n);
        model.addAttribute("pages", pages);
        // the issue form offers the kinds of the unit's own bureau it has not retired (the use and transfer forms what
        // the unit holds, retired or not)
        model.addAttribute("kinds", ledger.kinds(SupplyLedger.bureau(p.path())).stream().filter(k -> !k.retired())
                .map(views::kind).toList());
        model.addAttribute("targets", ledger.places(me.scopePaths()).stream()
                .filter(t -> !t.id().equals(p.id()) && !t.retired() && org.fengqiao.supplies.internal.StockPolicy
                        .transfer(p.path(), t.path()).allowed()).toList());
        model.addAttribute("today", desk.today());
        // who may reverse which line: issues those who issue, uses and losses those who record them
        model.addAttribute("mayIssue", me.permissions().contains("SUPPLIES_ISSUE"));
        model.addAttribute("mayRecord", me.permissions().contains("SUPPLIES_RECEIVE"));
        return "supplies/unit";
    }

    @PostMapping("/supplies/units/{id}/issue")
    @PreAuthorize("hasAuthority('SUPPLIES_ISSUE')")
    String issue(@PathVariable UUID id, @RequestParam(required = false) UUID kindId,
            @RequestParam(required = false) Long quantity, @RequestParam(required = false) String costYuan,
            @RequestParam(required = false) LocalDate occurredOn, @RequestParam(required = false) String supplier,
            @RequestParam(required = false) String note, Locale locale, RedirectAttributes redirect) {
        Actor me = me();
        visible(id, me);
        return answers.redirect("/supplies/units/" + id, "supplies.action.issued", locale, redirect,
                () -> desk.issue(id, new SupplyDesk.IssueForm(kindId, SupplyDesk.quantity(quantity),
                        Yuan.fen(costYuan, "costYuan", "supplies.amount.format"), occurredOn, supplier, note), me));
    }

    @PostMapping("/supplies/units/{id}/use")
    @PreAuthorize("hasAuthority('SUPPLIES_RECEIVE')")
    String use(@PathVariable UUID id, @RequestParam(required = false) EntryType type,
            @RequestParam(required = false) UUID kindId, @RequestParam(required = false) Long quantity,
            @RequestParam(required = false) LocalDate occurredOn, @RequestParam(required = false) String reason,
            Locale locale, RedirectAttributes redirect) {
        Actor me = me();
        visible(id, me);
        return answers.redirect("/supplies/units/" + id, "supplies.action.used", locale, redirect,
                () -> desk.use(id, new SupplyDesk.UseForm(type, kindId, SupplyDesk.quantity(quantity), occurredOn, reason), me));
    }

    @PostMapping("/supplies/units/{id}/transfer")
    @PreAuthorize("hasAuthority('SUPPLIES_ISSUE')")
    String transfer(@PathVariable UUID id, @RequestParam(required = false) UUID toUnitId,
            @RequestParam(required = false) UUID kindId, @RequestParam(required = false) Long quantity,
            @RequestParam(required = false) LocalDate occurredOn, @RequestParam(required = false) String reason,
            Locale locale, RedirectAttributes redirect) {
        Actor me = me();
        visible(id, me);
        return answers.redirect("/supplies/units/" + id, "supplies.action.transferred", locale, redirect,
                () -> desk.transfer(id, new SupplyDesk.TransferForm(toUnitId, kindId, SupplyDesk.quantity(quantity), occurredOn, reason),
                        me));
    }

    @PostMapping("/supplies/entries/{id}/{action}")
    @PreAuthorize("hasAnyAuthority('SUPPLIES_ISSUE','SUPPLIES_RECEIVE')")
    String act(@PathVariable UUID id, @PathVariable String action, @RequestParam(required = false) String reason,
            Locale locale, RedirectAttributes redirect) {
        Actor me = me();
        SupplyLedger.Entry e;
        try {
            e = desk.entry(id, me);
        } catch (NotFound ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return switch (action) {
            case "confirm" -> {
                if (!Callers.require().may("SUPPLIES_RECEIVE")) {
                    throw new ResponseStatusException(HttpStatus.FORBIDDEN);
                }
                yield answers.redirect("/supplies/units/" + e.unitId(), "supplies.action.confirmed", locale,
                        redirect, () -> desk.confirm(id, me));
            }
            case "reverse" -> answers.redirect("/supplies/units/" + e.unitId(), "supplies.action.reversed", locale,
                    redirect, () -> desk.reverse(id, reason, me));
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
    }

    @PostMapping("/supplies/kinds")
    @PreAuthorize("hasAuthority('SUPPLIES_CATALOGUE')")
    String addKind(@RequestParam(required = false) String name, @RequestParam(required = false) CountUnit countUnit,
            @RequestParam(required = false) Boolean required, @RequestParam(required = false) UUID bureauId,
            Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/supplies", "supplies.action.kindAdded", locale, redirect,
                () -> desk.addKind(new SupplyDesk.KindForm(name, countUnit, required, bureauId), me()));
    }

    /**
     * A catalogue manager edits a kind of his bureau: the name of one of its own, what it is counted in, whether it
     * is required. The form sends every field, so an unticked box is "not required".
     */
    @PostMapping("/supplies/kinds/{id}")
    @PreAuthorize("hasAuthority('SUPPLIES_CATALOGUE')")
    String changeKind(@PathVariable UUID id, @RequestParam(required = false) String name,
            @RequestParam(required = false) CountUnit countUnit, @RequestParam(required = false) Boolean required,
            Locale locale, RedirectAttributes redirect) {
        Actor me = me();
        SupplyLedger.Kind kind = catalogued(id, me);
        // a standard kind's name is the platform's: its form has no name field, and a name sent is refused
        String renamed = kind.builtin() || name != null ? name : "";
        return answers.redirect("/supplies", "supplies.action.kindChanged", locale, redirect,
                () -> desk.changeKind(id, new SupplyDesk.KindChange(renamed, countUnit,
                        Boolean.TRUE.equals(required)), me));
    }

    /** A catalogue manager marks a kind of his bureau required at every workstation and central office, or not. */
    @PostMapping("/supplies/kinds/{id}/required")
    @PreAuthorize("hasAuthority('SUPPLIES_CATALOGUE')")
    String require(@PathVariable UUID id, @RequestParam(required = false) Boolean required, Locale locale,
            RedirectAttributes redirect) {
        Actor me = me();
        catalogued(id, me);
        return answers.redirect("/supplies", "supplies.action.kindChanged", locale, redirect,
                () -> desk.changeKind(id, new SupplyDesk.KindChange(null, null, Boolean.TRUE.equals(required)), me));
    }

    /**
     * A catalogue manager retires a kind of his bureau no unit holds any more (it leaves the issue form, its lines stay
     * readable), or brings a retired one back.
     */
    @PostMapping("/supplies/kinds/{id}/retired")
    @PreAuthorize("hasAuthority('SUPPLIES_CATALOGUE')")
    String retire(@PathVariable UUID id, @RequestParam(required = false) Boolean retired, Locale locale,
            RedirectAttributes redirect) {
        Actor me = me();
        catalogued(id, me);
        boolean retire = !Boolean.FALSE.equals(retired);
        return answers.redirect("/supplies", retire ? "supplies.action.kindRetired" : "supplies.action.kindRestored",
                locale, redirect, () -> {
                    if (retire) {
                        desk.retireKind(id, me);
                    } else {
                        desk.restoreKind(id, me);
                    }
                });
    }

    private SupplyLedger.Kind catalogued(UUID id, Actor me) {
        try {
            return desk.kindOf(id, me);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private Place visible(UUID id, Actor me) {
        try {
            return desk.place(id, me);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
