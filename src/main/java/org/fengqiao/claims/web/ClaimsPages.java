package org.fengqiao.claims.web;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.ClaimDesk;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.Paging;
import org.springframework.context.MessageSource;
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
 * The board pages: the board of the caller's grids (filters by grid, kind and state), his claims, the completions
 * waiting for his decision, and one item with its claim form and its history of claims. Plain forms that post and
 * redirect, so they work on a phone without scripts.
 */
@Controller
@FieldLabels("claims.field.")
class ClaimsPages {

    static final int PAGE_SIZE = 30;

    private final Board board;
    private final ClaimDesk desk;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;
    private final FormAnswers answers;

    ClaimsPages(Board board, ClaimDesk desk, Jurisdictions jurisdictions, MessageSource messages, FormAnswers answers) {
        this.board = board;
        this.desk = desk;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
        this.answers = answers;
    }

    @GetMapping("/claims")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    String board(@RequestParam(required = false) UUID gridId, @RequestParam(required = false) Board.Kind kind,
            @RequestParam(required = false) Board.State state, @RequestParam(required = false) Boolean mine,
            @RequestParam(defaultValue = "1") int page, Model model) {
        Caller caller = Callers.require();
        int p = Math.max(1, page);
        // a grid member's board is his own grids unless he asks for all he may see; the police see their scope
        boolean onlyMine = mine != null ? mine : !caller.may(Permission.CLAIMS_STATION.authority());
        Board.Page found = board.list(new Board.Filter(gridId, kind, state, onlyMine ? caller.staffId() : null),
                caller.unitPaths(), GridReach.of(caller), PAGE_SIZE, Paging.offset(p, PAGE_SIZE));
        model.addAttribute("mine", onlyMine);
        model.addAttribute("items", found.items());
        model.addAttribute("total", found.total());
        model.addAttribute("page", p);
        String pastTheEnd = Paging.lastPageIfPast(p, Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE)).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("gridId", gridId);
        model.addAttribute("kind", kind);
        model.addAttribute("state", state);
        model.addAttribute("grids", jurisdictions.readableGrids(caller).stream()
                .filter(g -> g.network() == GridNetwork.POLICE).sorted(Comparator.comparing(Grid::code)).toList());
        model.addAttribute("kinds", Board.Kind.values());
        model.addAttribute("states", List.of(Board.State.OPEN, Board.State.CLAIMED, Board.State.DONE,
                Board.State.CLOSED));
        model.addAttribute("myClaims", board.mine(caller.staffId(), caller.unitPaths(), 20).stream()
                .filter(c -> c.state().live()).toList());
        model.addAttribute("queue", desk.queue(caller));
        // a page shows thirty items of one state: how many stand open, claimed or done, and how long each has waited,
        // are what tells a grid how far behind it is
        model.addAttribute("today", desk.today());
        model.addAttribute("counts", board.counts(new Board.Filter(gridId, kind, null, onlyMine ? caller.staffId() : null),
                caller.unitPaths(), GridReach.of(caller)));
        return "claims/board";
    }

    @GetMapping("/claims/items/{id}")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    String item(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        Board.Item item;
        try {
            item = desk.item(id, caller);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        boolean mayClaim = item.state() == Board.State.OPEN && desk.mayClaim(item.gridId(), caller.staffId(),
                caller.may(Permission.CLAIMS_STATION.authority()));
        List<Board.Claim> history = board.history(id);
        model.addAttribute("item", item);
        // the desk's clock, as every other age and deadline of the board: a test driving it sees the age it set; an
        // item done or closed stopped ageing then
        model.addAttribute("ageDays", Duration.between(item.since(),
                item.leftAt() != null && item.leftAt().isBefore(desk.now()) ? item.leftAt() : desk.now()).toDays());
        model.addAttribute("mayClaim", mayClaim);
        model.addAttribute("history", history);
        model.addAttribute("me", caller.staffId());
        model.addAttribute("deciders", history.stream().filter(c -> c.state() == Board.ClaimState.REPORTED)
                .filter(c -> desk.mayConfirm(c, caller)).map(Board.Claim::id).toList());
        if (mayClaim) {
            LocalDate today = desk.today();
            model.addAttribute("today", today);
            model.addAttribute("latestDue", desk.latestDue());
            model.addAttribute("suggestedDue", today.plusDays(Math.min(7, desk.latestDue().toEpochDay() - today.toEpochDay())));
            model.addAttribute("candidates", board.candidates(item.gridId(), today).stream()
                    .filter(c -> !c.id().equals(caller.staffId())).toList());
        }
        return "claims/item";
    }

    @PostMapping("/claims/items/{id}/claim")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    String claim(@PathVariable UUID id, @RequestParam(required = false) LocalDate due,
            @RequestParam(name = "coClaimer", required = false) List<UUID> coClaimers,
            @RequestParam(required = false) String note, Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/claims/items/" + id, "claims.done.claim", locale, redirect,
                () -> desk.claim(id, new ClaimDesk.ClaimForm(due, coClaimers, note), Callers.require()));
    }

    @PostMapping("/claims/{claimId}/{action}")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    String act(@PathVariable UUID claimId, @PathVariable String action, @RequestParam(required = false) String note,
            Locale locale, RedirectAttributes redirect) {
        Caller caller = Callers.require();
        Board.Claim claim;
        try {
            claim = desk.claim(claimId, caller);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // each action says what was done (claims.done.*), not the words of the button that asked for it
        return answers.redirect("/claims/items/" + claim.itemId(), "claims.done." + action, locale, redirect, () -> {
            switch (action) {
                case "give-up" -> desk.giveUp(claimId, caller);
                case "report" -> desk.report(claimId, note, caller);
                case "confirm" -> desk.confirm(claimId, caller);
                case "send-back" -> desk.sendBack(claimId, note, caller);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        });
    }
}
