package org.fengqiao.claims.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.GridChiefChanged;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.claims.HardCaseClaimEnded;
import org.fengqiao.claims.HardCaseClaimed;
import org.fengqiao.claims.HardCaseCompleted;
import org.fengqiao.claims.HardCaseDecidersChanged;
import org.fengqiao.claims.HardCaseReported;
import org.fengqiao.claims.HardCaseSentBack;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims on the board's items: claim (alone or with co-claimers of the same grid, with a deadline), give up, report
 * done, and the grid chief's confirmation or sending back; the expiry of a claim past its deadline. Exactly one live
 * claim per item: the item is taken by a conditional UPDATE (only while it is up and unclaimed), and a partial unique
 * index on live claims backs it, so of many concurrent claims, on one instance or several, one wins and the others
 * get a 409. Every change is audited with before and after.
 */
@Service
public class ClaimDesk {

    /** Deadlines are days in the jurisdiction's time: a claim due on a day runs to the end of it. */
    public static final ZoneId ZONE = LocalTimes.ZONE;
    static final int NOTE_MAX = 2000;

    private final Board board;
    private final StaffDirectory staff;
    private final ClaimsProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ClaimDesk(Board board, StaffDirectory staff, ClaimsProperties properties, ApplicationEventPublisher events,
            Clock clock) {
        this.board = board;
        this.staff = staff;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** The time by the application's clock (the pages' ages), never the wall clock. */
    public java.time.OffsetDateTime now() {
        return java.time.OffsetDateTime.now(clock);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    public LocalDate latestDue() {
        return today().plusDays(properties.maxDays());
    }

    public record ClaimForm(LocalDate due, List<UUID> coClaimers, String note) {
    }

    public Board.Item item(UUID id, Caller who) {
        return board.itemVisible(id, who.unitPaths(), GridReach.of(who)).orElseThrow(() -> new NotFound("claim-item", id));
    }

    public Board.Claim claim(UUID id, Caller who) {
        return board.claimVisible(id, who.unitPaths(), GridReach.of(who)).orElseThrow(() -> new NotFound("claim", id));
    }

    /** Whether this person may claim items of the grid: on its roster, or the police of a unit above it. */
    public boolean mayClaim(UUID gridId, UUID staffId, boolean stationPermission) {
        return staff.onRoster(new GridId(gridId), new StaffId(staffId), today())
                || (stationPermission && board.stationStaff(gridId, staffId));
    }

    /** Whether this person decides the grid's completions: its grid chief, or a station chief (bureau) above. */
    public boolean mayConfirm(Board.Claim c, Caller who) {
        return !c.hasMember(who.staffId())
                && (staff.headsGrid(new GridId(c.gridId()), new StaffId(who.staffId()), today())
                || (who.may(Permission.CLAIMS_CONFIRM.authority()) && who.sees(c.unitPath())));
    }

    @Transactional
    public Board.Claim claim(UUID itemId, ClaimForm f, Caller who) {
        Board.Item item = item(itemId, who);
        List<Invalid.Problem> problems = new ArrayList<>();
        LocalDate due = f == null ? null : f.due();
        if (due == null) {
            problems.add(new Invalid.Problem("due", "error.field.required", new Object[0]));
        } else if (due.isBefore(today()) || due.isAfter(latestDue())) {
            problems.add(new Invalid.Problem("due", "claims.error.due", new Object[] {properties.maxDays()}));
        }
        String note = f == null ? null : blankToNull(f.note());
        if (note != null && note.length() > NOTE_MAX) {
            problems.add(new Invalid.Problem("note", "claims.error.tooLong", new Object[] {NOTE_MAX}));
        }
        if (!mayClaim(item.gridId(), who.staffId(), who.may(Permission.CLAIMS_STATION.authority()))) {
            problems.add(new Invalid.Problem("gridId", "claims.error.notInGrid", new Object[0]));
        }
        Set<UUID> team = new LinkedHashSet<>(f == null || f.coClaimers() == null ? List.of() : f.coClaimers());
        team.remove(null);
        team.remove(who.staffId());
        if (team.size() + 1 > properties.maxTeam()) {
            problems.add(new Invalid.Problem("coClaimers", "claims.error.team", new Object[] {properties.maxTeam()}));
        }
        int i = 0;
        for (UUID co : team) {
            if (!mayClaim(item.gridId(), co, staff.may(new StaffId(co), Permission.CLAIMS_STATION))) {
                problems.add(new Invalid.Problem("coClaimers[" + i + "]", "claims.error.coClaimer", new Object[0]));
            }
            i++;
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        if (item.state() != Board.State.OPEN) {
            throw notOpen(item.state());
        }
        if (!board.take(itemId)) {
            // another claim took it between our read and our update
            throw new Conflict("claims.error.taken");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant deadline = due.plusDays(1).atStartOfDay(ZONE).toInstant();
        try {
            board.insertClaim(id, itemId, item.gridId(), who.staffId(), now, deadline, note, List.copyOf(team));
        } catch (DuplicateKeyException e) {
            throw new Conflict("claims.error.taken");
        }
        Board.Claim created = board.claim(id).orElseThrow();
        events.publishEvent(Audited.created("claim", id, item.unitPath(), created).by(who.displayName()));
        events.publishEvent(Audited.updated("claim_item", itemId, item.unitPath(), item,
                board.item(itemId).orElseThrow()).by(who.displayName()));
        events.publishEvent(new HardCaseClaimed(id, itemId, item.unitPath(), created.kind().name(),
                created.itemCode(), who.staffId(), created.claimedByName(), List.copyOf(team), due, now));
        return created;
    }

    private static Conflict notOpen(Board.State state) {
        return switch (state) {
            case CLAIMED -> new Conflict("claims.error.taken");
            case DONE -> new Conflict("claims.error.done");
            default -> new Conflict("claims.error.notOnBoard");
        };
    }

    /** The one who claimed gives up: the item returns to the board. */
    @Transactional
    public Board.Claim giveUp(UUID claimId, Caller who) {
        Board.Claim before = lockVisible(claimId, who);
        if (!before.claimedBy().equals(who.staffId())) {
            throw Invalid.of("claim", "claims.error.notClaimer");
        }
        if (!board.updateClaim(claimId, Board.ClaimState.ACTIVE, "state = 'GAVE_UP', ended_at = ?",
                Board.at(clock.instant()))) {
            throw new Conflict("claims.error.state");
        }
        board.release(before.itemId());
        Board.Claim after = audited(before, who);
        events.publishEvent(ended(after, false, clock.instant()));
        return after;
    }

    /** A claimer reports the work done, with a note; the grid chief decides. */
    @Transactional
    public Board.Claim report(UUID claimId, String note, Caller who) {
        Board.Claim before = lockVisible(claimId, who);
        if (!before.hasMember(who.staffId())) {
            throw Invalid.of("claim", "claims.error.notClaimer");
        }
        String text = blankToNull(note);
        if (text == null) {
            throw Invalid.of("note", "error.field.required");
        }
        if (text.length() > NOTE_MAX) {
            throw Invalid.of("note", "claims.error.tooLong", NOTE_MAX);
        }
        Instant now = clock.instant();
        if (before.state() == Board.ClaimState.ACTIVE && now.isAfter(before.deadline().toInstant())) {
            throw new Conflict("claims.error.pastDeadline");
        }
        if (!board.updateClaim(claimId, Board.ClaimState.ACTIVE, "state = 'REPORTED', reported_at = ?, report_note = ?",
                Board.at(now), text)) {
            throw new Conflict("claims.error.state");
        }
        Board.Claim after = audited(before, who);
        events.publishEvent(new HardCaseReported(claimId, after.itemId(), after.unitPath(), after.gridId(),
                after.kind().name(), after.itemCode(), deciders(after), text, now));
        return after;
    }

    /**
     * Who is asked to decide a reported claim: the grid's chiefs today (a claimer who heads the grid decides nothing);
     * with none left to decide it (the chief claimed it, or the grid has none) the station chiefs above, who may.
     */
    private List<UUID> deciders(Board.Claim c) {
        List<UUID> deciders = staff.gridChiefs(new GridId(c.gridId()), today()).stream()
                .filter(chief -> !c.hasMember(chief)).toList();
        if (deciders.isEmpty()) {
            deciders = staff.stationChiefsOver(c.unitPath(), Permission.CLAIMS_CONFIRM).stream()
                    .filter(chief -> !c.hasMember(chief)).toList();
        }
        return deciders;
    }

    /** The completions waiting for the caller's decision: of the grids he heads today, or as station chief above. */
    public List<Board.Claim> queue(Caller who) {
        return board.queue(who.staffId(), who.may(Permission.CLAIMS_CONFIRM.authority()), who.unitPaths(),
                staff.gridsHeadedBy(new StaffId(who.staffId()), today()));
    }

    /**
     * The grid's chief changed: each completion of the grid still waiting for a decision is handed to whoever decides
     * it now, so the new chief finds it in his inbox and the replaced one, who may no longer decide it, is not asked.
     */
    @EventListener
    void on(GridChiefChanged changed) {
        for (Board.Claim c : board.reportedIn(changed.grid().value())) {
            events.publishEvent(new HardCaseDecidersChanged(c.id(), c.unitPath(), deciders(c), clock.instant()));
        }
    }

    /**
     * The grid chief confirms the completion: the item is done, and the completion is announced, on time when the
     * report he confirms came on or before the deadline (办结 within the period, seed 002). When he confirms it is
     * his: a report confirmed the morning after the deadline was still finished in time, and earns its points.
     */
    @Transactional
    public Board.Claim confirm(UUID claimId, Caller who) {
        Board.Claim before = lockVisible(claimId, who);
        requireDecider(before, who);
        Instant now = clock.instant();
        boolean onTime = !before.reportedAt().isAfter(before.deadline());
        if (!board.updateClaim(claimId, Board.ClaimState.REPORTED,
                "state = 'CONFIRMED', decided_at = ?, decided_by = ?, on_time = ?, ended_at = ?", Board.at(now),
                who.staffId(), onTime, Board.at(now))) {
            throw new Conflict("claims.error.state");
        }
        board.done(before.itemId());
        Board.Claim after = audited(before, who);
        Board.Item item = board.item(before.itemId()).orElseThrow();
        events.publishEvent(new HardCaseCompleted(claimId, before.unitPath(), before.gridId(),
                after.members().stream().map(Board.Member::staffId).toList(), onTime, item.id(), item.kind().name(),
                item.sourceCode(), before.deadline().toInstant(), now));
        return after;
    }

    /**
     * The grid chief sends the report back: the claim is at work again. The claimers' time stood still while their
     * report waited for him: a report that came by the deadline gets the days it waited added to it, so a chief who
     * decides after the deadline does not hand back a claim that the expiry sweep ends a minute later, and one who
     * decides the day it came leaves the deadline as it was. A report that came late keeps its deadline.
     */
    @Transactional
    public Board.Claim sendBack(UUID claimId, String note, Caller who) {
        Board.Claim before = lockVisible(claimId, who);
        requireDecider(before, who);
        String text = blankToNull(note);
        if (text == null) {
            throw Invalid.of("note", "error.field.required");
        }
        if (text.length() > NOTE_MAX) {
            throw Invalid.of("note", "claims.error.tooLong", NOTE_MAX);
        }
        Instant now = clock.instant();
        if (!board.updateClaim(claimId, Board.ClaimState.REPORTED,
                "state = 'ACTIVE', sent_back_at = ?, sent_back_note = ?, decided_by = ?, deadline = ?", Board.at(now),
                text, who.staffId(), Board.at(deadlineAfterWait(before, now)))) {
            throw new Conflict("claims.error.state");
        }
        Board.Claim after = audited(before, who);
        events.publishEvent(new HardCaseSentBack(claimId, after.itemId(), after.unitPath(), after.kind().name(),
                after.itemCode(), after.members().stream().map(Board.Member::staffId).toList(), text,
                clock.instant()));
        return after;
    }

    /** The deadline of a reported claim sent back at {@code now}: moved on by the whole days its report waited. */
    static Instant deadlineAfterWait(Board.Claim reported, Instant now) {
        Instant deadline = reported.deadline().toInstant();
        if (reported.reportedAt().isAfter(reported.deadline())) {
            return deadline;
        }
        long waited = java.time.temporal.ChronoUnit.DAYS.between(
                LocalDate.ofInstant(reported.reportedAt().toInstant(), ZONE), LocalDate.ofInstant(now, ZONE));
        return deadline.atZone(ZONE).plusDays(Math.max(0, waited)).toInstant();
    }

    /** Expires one active claim past its deadline at {@code now}: the item returns to the board. */
    @Transactional
    public boolean expire(UUID claimId, Instant now) {
        Board.Claim before = board.claim(claimId).orElse(null);
        if (before == null || !board.expire(claimId, now)) {
            return false;
        }
        board.release(before.itemId());
        Board.Claim after = board.claim(claimId).orElseThrow();
        events.publishEvent(Audited.updated("claim", claimId, before.unitPath(), before, after).by(SystemActor.CLAIMS_EXPIRY));
        events.publishEvent(ended(after, true, now));
        return true;
    }

    private static HardCaseClaimEnded ended(Board.Claim c, boolean expired, Instant at) {
        return new HardCaseClaimEnded(c.id(), c.itemId(), c.unitPath(), c.kind().name(), c.itemCode(),
                c.members().stream().map(Board.Member::staffId).toList(), expired, dueDay(c), c.claimedBy(),
                c.claimedByName(), at);
    }

    /** The last day of a claim: its deadline is the start of the day after. */
    static LocalDate dueDay(Board.Claim c) {
        return LocalDate.ofInstant(c.deadline().toInstant(), ZONE).minusDays(1);
    }

    private void requireDecider(Board.Claim c, Caller who) {
        if (!mayConfirm(c, who)) {
            throw Invalid.of("claim", "claims.error.notChief");
        }
        if (c.state() != Board.ClaimState.REPORTED) {
            throw new Conflict("claims.error.state");
        }
    }

    private Board.Claim lockVisible(UUID claimId, Caller who) {
        Board.Claim c = claim(claimId, who);
        board.lockClaim(claimId);
        return board.claim(claimId).orElseThrow(() -> new NotFound("claim", c.id()));
    }

    private Board.Claim audited(Board.Claim before, Caller who) {
        Board.Claim after = board.claim(before.id()).orElseThrow();
        events.publishEvent(Audited.updated("claim", before.id(), before.unitPath(), before, after)
                .by(who.displayName()));
        return after;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
