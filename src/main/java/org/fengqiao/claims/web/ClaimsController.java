package org.fengqiao.claims.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.ClaimDesk;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/claims")
@Tag(name = "Hard cases claimed", description = "疑难案事件清单认领: the board, claims, completion, expiry")
class ClaimsController {

    static final int MAX_PAGE = 100;

    private final Board board;
    private final ClaimDesk desk;
    private final ClaimTitles titles;

    ClaimsController(Board board, ClaimDesk desk, ClaimTitles titles) {
        this.board = board;
        this.desk = desk;
        this.titles = titles;
    }

    /** An item as the caller reads it: its title in his language, as the pages show it. */
    Board.Item shown(Board.Item item) {
        return item.withTitle(titles.of(item.kind(), item.category(), item.sourceCode()));
    }

    /** A claim as the caller reads it: its item's title in his language. */
    Board.Claim shown(Board.Claim claim) {
        return claim.withItemTitle(titles.of(claim.kind(), claim.itemCategory(), claim.itemCode()));
    }

    List<Board.Claim> shown(List<Board.Claim> claims) {
        return claims.stream().map(this::shown).toList();
    }

    /** {@code counts}: how many items stand in each state under the same filters, whatever the state asked. */
    record PageView(List<Board.Item> items, long total, int page, int size, java.util.Map<Board.State, Long> counts) {
    }

    /** One item with who may claim it and its history of claims, newest first. */
    record ItemView(Board.Item item, boolean mayClaim, LocalDate latestDue, List<Board.Claim> claims) {
    }

    record Note(String note) {
    }

    @GetMapping("/board")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "The board of the caller's jurisdiction, oldest first",
            description = "Filters: gridId, kind (DISPUTE, INCIDENT, HAZARD), state (OPEN, CLAIMED, DONE, CLOSED; "
                    + "default: OPEN and CLAIMED), mine (only the grids where the caller is on the roster). counts: how many "
                    + "items stand in each state under the same filters but the state.")
    PageView board(@RequestParam(required = false) UUID gridId, @RequestParam(required = false) Board.Kind kind,
            @RequestParam(required = false) Board.State state, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        Caller caller = Callers.require();
        Board.Page found = board.list(new Board.Filter(gridId, kind, state, mine ? caller.staffId() : null),
                caller.unitPaths(), GridReach.of(caller), limit, Paging.offset(p, limit));
        return new PageView(found.items().stream().map(this::shown).toList(), found.total(), p, limit,
                board.counts(new Board.Filter(gridId, kind, null, mine ? caller.staffId() : null), caller.unitPaths(),
                        GridReach.of(caller)));
    }

    @GetMapping("/items/{id}")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "One board item with its claims (the history)")
    ItemView item(@PathVariable UUID id) {
        return view(desk.item(id, Callers.require()), Callers.require());
    }

    ItemView view(Board.Item item, Caller caller) {
        return new ItemView(shown(item), item.state() == Board.State.OPEN && desk.mayClaim(item.gridId(),
                caller.staffId(), caller.may(Permission.CLAIMS_STATION.authority())), desk.latestDue(),
                shown(board.history(item.id())));
    }

    @PostMapping("/items/{id}/claim")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "Claim an item, alone or with co-claimers of the same grid, due on a day",
            description = "due: the last day (at most fengqiao.claims.max-days ahead); coClaimers: staff ids on the "
                    + "grid's roster or police of the grid's station. 409 when another claim holds it.")
    Board.Claim claim(@PathVariable UUID id, @RequestBody(required = false) ClaimDesk.ClaimForm form) {
        return shown(desk.claim(id, form, Callers.require()));
    }

    @GetMapping("/mine")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "The claims the caller is on: live ones first")
    List<Board.Claim> mine() {
        Caller caller = Callers.require();
        return shown(board.mine(caller.staffId(), caller.unitPaths(), 100));
    }

    @GetMapping("/queue")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "Completions waiting for the caller's decision (as grid chief, or station chief above)")
    List<Board.Claim> queue() {
        Caller caller = Callers.require();
        return shown(desk.queue(caller));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "One claim")
    Board.Claim get(@PathVariable UUID id) {
        return shown(desk.claim(id, Callers.require()));
    }

    @PostMapping("/{id}/give-up")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "The one who claimed gives up: the item returns to the board")
    Board.Claim giveUp(@PathVariable UUID id) {
        return shown(desk.giveUp(id, Callers.require()));
    }

    @PostMapping("/{id}/report")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "A claimer reports the work done, with a note, for the grid chief to confirm")
    Board.Claim report(@PathVariable UUID id, @RequestBody(required = false) Note note) {
        return shown(desk.report(id, note == null ? null : note.note(), Callers.require()));
    }

    @PostMapping("/{id}/confirm")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "The grid chief (or a station chief above) confirms the completion",
            description = "On time when the work was reported done on or before the deadline, however late it is "
                    + "confirmed: each claimer gets a pending hard-case-on-time award.")
    Board.Claim confirm(@PathVariable UUID id) {
        return shown(desk.confirm(id, Callers.require()));
    }

    @PostMapping("/{id}/send-back")
    @PreAuthorize("hasAuthority('CLAIMS_READ')")
    @Operation(summary = "The grid chief sends the report back with a note: the claim is at work again")
    Board.Claim sendBack(@PathVariable UUID id, @RequestBody(required = false) Note note) {
        return shown(desk.sendBack(id, note == null ? null : note.note(), Callers.require()));
    }
}
