package org.fengqiao.claims.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.incident.IncidentReference;
import org.fengqiao.incident.IncidentReopened;
import org.fengqiao.incident.IncidentResolved;
import org.fengqiao.incident.Source;
import org.fengqiao.mediation.DisputeClassified;
import org.fengqiao.mediation.DisputeClosed;
import org.fengqiao.mediation.DisputeFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the board. Incidents and disputes cost their intake nothing: the sweep registers the open ones that came
 * of age since it last looked (received or opened in a window of time, on an index of that time; the first sweep of
 * an instance looks at every open one of age), then puts up the waiting items older than their kind's age (one UPDATE
 * per kind on a partial index of waiting rows). Its cost follows the items that come of age, not the size of the
 * tables. An item whose source closes ({@link IncidentResolved}: resolved or merged; {@link DisputeClosed}) leaves
 * the board, a reopened incident ({@link IncidentReopened}) comes back, and a dispute classified anew
 * ({@link DisputeClassified}) is renamed; a source not registered yet is registered as it then stands. A nightly
 * reconciliation reads the open records through the sources' public facts and repairs whatever was missed (an
 * instance down longer than the overlap of the windows, a backdated opening).
 * <p>
 * Disputes were registered when opened, by an event of their own after the commit, until the twelfth session: every
 * dispute the 110 centre pushed then cost a stored event publication, a task and a transaction of its own, about
 * a tenth of the 110 intake's processor time, for a row that waits days before anyone sees it.
 */
@Component
public class BoardUpkeep {

    private static final Logger log = LoggerFactory.getLogger(BoardUpkeep.class);
    /** How far back each sweep looks again, for receipts whose transactions committed after the last sweep. */
    static final Duration OVERLAP = Duration.ofMinutes(10);
    /** Who files hazards from the field (seed 002: 网格员、平安志愿者 排查安全隐患). */
    static final Set<StaffRole> HAZARD_FILERS = Set.of(StaffRole.GRID_MEMBER, StaffRole.VOLUNTEER,
            StaffRole.GRID_COORDINATOR);

    private final Board board;
    private final IncidentFacts incidents;
    private final DisputeFacts disputes;
    private final StaffDirectory staff;
    private final ClaimsProperties properties;
    private final MessageSource messages;
    private final Clock clock;
    /** When this instance last swept all grids (null: not yet since start). */
    private volatile Instant lastSwept;

    public BoardUpkeep(Board board, IncidentFacts incidents, DisputeFacts disputes, StaffDirectory staff,
            ClaimsProperties properties, MessageSource messages, Clock clock) {
        this.board = board;
        this.incidents = incidents;
        this.disputes = disputes;
        this.staff = staff;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(IncidentResolved resolved) {
        board.sourceClosed(resolved.incidentId(), resolved.at());
    }

    @ApplicationModuleListener
    void on(IncidentReopened reopened) {
        registerIncident(reopened.incidentId());
        board.sourceReopened(reopened.incidentId());
    }

    @ApplicationModuleListener
    void on(DisputeClassified classified) {
        board.recategorised(classified.caseId(), classified.kind().name(),
                disputeTitle(classified.kind().name(), classified.code()));
    }

    @ApplicationModuleListener
    void on(DisputeClosed closed) {
        board.sourceClosed(closed.caseId(), closed.at());
    }

    private void registerIncident(UUID id) {
        incidents.standing(id).filter(IncidentFacts.Standing::open).ifPresent(this::register);
    }

    private void register(IncidentFacts.Standing s) {
        if (handedToMediation(s)) {
            return;
        }
        Board.Kind kind = kindOf(s);
        String ref = incidents.reference(s.id());
        board.register(kind, s.id(), ref, s.category().name(), s.gridId(), incidentTitle(kind, s.category().name(), ref),
                s.receivedAt());
    }

    /** A dispute pushed by 110 opens a mediation case, which stands for it on the board (not both). */
    static boolean handedToMediation(IncidentFacts.Standing s) {
        return s.source() == Source.CALL_110 && s.category() == org.fengqiao.incident.Category.DISPUTE;
    }

    Board.Kind kindOf(IncidentFacts.Standing s) {
        if (s.source() != Source.FIELD) {
            return Board.Kind.INCIDENT;
        }
        return incidents.filed(s.id()).map(IncidentFacts.Filed::filedBy)
                .flatMap(by -> staff.staff(new StaffId(by)))
                .filter(f -> HAZARD_FILERS.contains(f.role()))
                .map(f -> Board.Kind.HAZARD).orElse(Board.Kind.INCIDENT);
    }

    /**
     * A title without personal data, in the default language: what it is and its reference ({@link IncidentReference},
     * never the tracking code, which opens the resident's public page to whoever reads the board).
     */
    String incidentTitle(Board.Kind kind, String category, String code) {
        String what = messages.getMessage("incident.category." + category, null, category, Locale.SIMPLIFIED_CHINESE);
        String prefix = kind == Board.Kind.HAZARD ? "隐患·" : "事项·";
        return prefix + what + " " + code;
    }

    String disputeTitle(String disputeKind, String code) {
        return "纠纷·" + messages.getMessage("mediation.kind." + disputeKind, null, disputeKind,
                Locale.SIMPLIFIED_CHINESE) + " " + code;
    }

    @Scheduled(cron = "${fengqiao.claims.sweep-cron:30 * * * * *}")
    @SchedulerLock(name = "claims-board-sweep", lockAtLeastFor = "PT10S", lockAtMostFor = "PT10M")
    public void run() {
        int up = sweep(null);
        if (up > 0) {
            log.info("Hard cases board: {} items older than their age put up", up);
        }
    }

    /** Puts up the waiting items (of one grid, or all) that came of age by now; answers how many. */
    @Transactional
    public int sweep(UUID gridId) {
        Instant now = clock.instant();
        registerComeOfAge(now, gridId);
        int up = 0;
        for (Board.Kind kind : Board.Kind.values()) {
            up += board.promote(kind, now.minus(properties.ageOf(kind)), now, gridId);
        }
        return up;
    }

    /**
     * Registers the open incidents and disputes (of one grid, or all) that reached their youngest age since the last
     * sweep of all grids on this instance, with an overlap for records committed late; registering is idempotent.
     */
    private void registerComeOfAge(Instant now, UUID gridId) {
        Duration youngest = properties.ageOf(Board.Kind.INCIDENT).compareTo(properties.ageOf(Board.Kind.HAZARD)) <= 0
                ? properties.ageOf(Board.Kind.INCIDENT) : properties.ageOf(Board.Kind.HAZARD);
        for (IncidentFacts.Standing s : incidents.openReceivedBetween(since(youngest, gridId), now.minus(youngest),
                gridId)) {
            register(s);
        }
        Duration disputeAge = properties.ageOf(Board.Kind.DISPUTE);
        for (DisputeFacts.Standing d : disputes.openOpenedBetween(since(disputeAge, gridId), now.minus(disputeAge),
                gridId)) {
            board.register(Board.Kind.DISPUTE, d.id(), d.code(), d.kind().name(), d.gridId(),
                    disputeTitle(d.kind().name(), d.code()), d.openedAt());
        }
        if (gridId == null) {
            lastSwept = now;
        }
    }

    /** From when records of this age may have come of age since the last sweep of all grids (null: since ever). */
    private Instant since(Duration age, UUID gridId) {
        Instant last = lastSwept;
        return gridId != null || last == null ? null : last.minus(age).minus(OVERLAP);
    }

    @Scheduled(cron = "${fengqiao.claims.reconcile-cron:0 17 3 * * *}")
    @SchedulerLock(name = "claims-board-reconcile", lockAtLeastFor = "PT30S", lockAtMostFor = "PT30M")
    public void nightly() {
        reconcile();
        run();
    }

    /**
     * A full pass: registers every open incident and dispute not on the board yet (a waiting one takes its
     * source's present opening), and closes the items whose source is no longer open.
     */
    @Transactional
    public void reconcile() {
        Instant now = clock.instant();
        for (IncidentFacts.Standing s : incidents.openBefore(now)) {
            if (handedToMediation(s)) {
                continue;
            }
            Board.Kind kind = kindOf(s);
            String ref = incidents.reference(s.id());
            board.upsert(kind, s.id(), ref, s.category().name(), s.gridId(), incidentTitle(kind, s.category().name(), ref),
                    s.receivedAt());
            board.sourceReopened(s.id());
        }
        for (DisputeFacts.Standing d : disputes.openBefore(now)) {
            board.upsert(Board.Kind.DISPUTE, d.id(), d.code(), d.kind().name(), d.gridId(),
                    disputeTitle(d.kind().name(), d.code()), d.openedAt());
        }
        for (Board.Kind kind : Board.Kind.values()) {
            for (UUID source : board.standingSources(kind)) {
                boolean open = kind == Board.Kind.DISPUTE
                        ? disputes.standing(source).map(DisputeFacts.Standing::open).orElse(false)
                        : incidents.standing(source).map(IncidentFacts.Standing::open).orElse(false);
                if (!open) {
                    board.sourceClosed(source, now);
                }
            }
        }
    }
}
