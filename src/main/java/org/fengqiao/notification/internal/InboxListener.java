package org.fengqiao.notification.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.fengqiao.account.RosterDay;
import org.fengqiao.claims.HardCaseClaimEnded;
import org.fengqiao.claims.HardCaseClaimed;
import org.fengqiao.claims.HardCaseCompleted;
import org.fengqiao.claims.HardCaseDecidersChanged;
import org.fengqiao.claims.HardCaseReported;
import org.fengqiao.claims.HardCaseSentBack;
import org.fengqiao.incident.IncidentStepRecorded;
import org.fengqiao.incident.IncidentStepsBackdated;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.mediation.DisputeAtRisk;
import org.fengqiao.notification.internal.Inbox.Kind;
import org.fengqiao.platform.Texts;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.points.AwardApproversChanged;
import org.fengqiao.points.AwardDecided;
import org.fengqiao.points.AwardProposed;
import org.fengqiao.population.KeyPersonDesignationChanged;
import org.fengqiao.population.KeyPersonVisitOverdue;
import org.fengqiao.population.KeyPersonVisited;
import org.fengqiao.population.LeftBehindChildTurned16;
import org.fengqiao.population.VerificationTaskAssigned;
import org.fengqiao.population.VerificationTaskResolved;
import org.fengqiao.review.ReviewResultLow;
import org.fengqiao.supervision.SupervisionAccountabilityRecorded;
import org.fengqiao.supervision.SupervisionNoticeBackdated;
import org.fengqiao.supervision.SupervisionNoticeChanged;
import org.fengqiao.supervision.SupervisionNoticeIssued;
import org.fengqiao.worklog.WorklogEdited;
import org.fengqiao.worklog.WorklogReviewed;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the inbox entries of incidents given to someone (routed or escalated to him), of the grid chief
 * kept informed of what his grid's manager or coordinator handles, of reports their residents reopened or added
 * information to (for the owner, and the grid chief of a reopening), of key persons' visits overdue and of persons
 * made, changed or unmade key persons for the grid chiefs (an overdue visit's entries closed once he is visited), and
 * of disputes flagged at risk of turning violent (民转刑)
 * for the chiefs of the station above, and of work waiting for someone: a claimed hard case reported done (for the
 * grid chiefs who confirm it) or sent back (for its claimers), a points award to approve (for the grid chiefs); an
 * entry that asked for a decision is closed once the decision is made.
 * <p>
 * A plain synchronous {@link EventListener}, like the audit trail: the entry is written in the
 * transaction of the step (or of the sweep's notice) that it tells of, so a step that rolls back leaves
 * no entry, and a step that commits always has its entry; no entry is written twice by a retry.
 */
@Component
class InboxListener {

    /**
     * The active chiefs of the incident's grid on the step's day other than its owner, for
     * {@link Inbox#add(Inbox.New, Kind, String)}: the account module's definition ({@link RosterDay}) in the one
     * statement that writes a routed report's entries, which stays one (intake, per report under load).
     */
    private static final String INFORMED_CHIEFS = """
            SELECT s.id FROM incident i
              JOIN grid_role r ON r.grid_id = i.grid_id AND r.role = 'GRID_CHIEF' AND """
            + RosterDay.covers("r", "CAST(entry.at AT TIME ZONE '" + LocalTimes.ZONE.getId() + "' AS date)") + """

              JOIN staff s ON s.id = r.staff_id AND s.active
            WHERE i.id = entry.record_id AND s.id <> entry.recipient""";

    private final Inbox inbox;
    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final Clock clock;

    InboxListener(Inbox inbox, JdbcClient jdbc, Jurisdictions jurisdictions, Clock clock) {
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.clock = clock;
    }

    @EventListener
    void on(IncidentStepRecorded step) {
        closeAsks(step);
        if (step.ownerStaffId() == null) {
            return;
        }
        if ("REOPENED".equals(step.kind()) || "INFORMATION_ADDED".equals(step.kind())) {
            residentStep(step);
            return;
        }
        if (!step.assigns()) {
            return;
        }
        String link = "/incidents/" + step.incidentId();
        String category = "incident.category." + step.category().name();
        boolean routed = "ROUTED".equals(step.kind());
        // an item carried with its village to the new chain is handed to its new owner, not escalated to him
        boolean given = routed || "HANDED_OVER".equals(step.kind());
        Inbox.New owner = new Inbox.New(step.ownerStaffId(), given ? Kind.INCIDENT_ASSIGNED : Kind.INCIDENT_ESCALATED,
                "incident", step.incidentId(), link, step.unitPath(), step.trackingCode(), category, step.reason(),
                step.reasonIsKey(), null, step.at());
        if (routed) {
            // the routing keeps the grid chief informed of what his grid's manager or coordinator handles
            // (RoutingPolicy's decision.informed: the chief, unless he owns the item himself); every filing is
            // routed, so the owner's entry and the chiefs' go in one statement. A report routed back to the one who
            // filed it (a grid manager's in his own grid) asks nothing of him: "handed to you" read as if someone
            // had, and it stands on his to-do list already
            inbox.add(owner, !step.assignedToItsActor(), Kind.INCIDENT_INFORMED, INFORMED_CHIEFS);
        } else if (!step.assignedToItsActor()) {
            // nobody is told of what he did himself: an officer who escalates an item and is himself the duty person
            // of the level above (or who hands a village over and is named at the new unit) finds no "escalated to
            // you" for his own act; the item stands on his to-do list, his
            inbox.add(owner);
        }
    }

    /**
     * The entries that asked someone to handle an item (given or escalated to him, reopened or added to by the resident)
     * stop asking once it is no longer his (escalated or routed to another, merged into another report) and once its
     * owner takes it up (acknowledges, dispatches, arrives, resolves, answers, refers or mediates it): left unread, a
     * grid manager's phone counted items escalated away from him or answered long ago as new work. They are marked
     * read, as he would once he saw to them, in the step's transaction and at its moment; an ask the step itself
     * makes (a new owner's, a reopening's) is written after.
     */
    private void closeAsks(IncidentStepRecorded step) {
        if (step.atFiling()) {
            // a report just filed has no entries yet: its filing stays one statement of the inbox (intake, under load);
            // the acknowledgement its filer's own report gets as filed too
            return;
        }
        if (CLOSING.contains(step.kind())) {
            // the grid chief's entries kept for his information end with the item: left unread, his unread count
            // grew with every item his grid ever had and said nothing; they stay listed, read
            inbox.answered(List.of(Kind.INCIDENT_INFORMED), "incident", step.incidentId(), null, step.at());
        }
        if (HANDLING.contains(step.kind())) {
            // a 110 dispute handed to mediation by its filing (the one step MEDIATION, recorded by the filing only,
            // right after its routing): the owner's entry the routing asked for waits to be written with the
            // transaction's others, and is written read, with no statement for each dispute of a batch of the 110 push
            if (!"MEDIATION".equals(step.kind())
                    || !inbox.answeredUnwritten(ASKS, "incident", step.incidentId(), step.at())) {
                inbox.answered(ASKS, "incident", step.incidentId(), null, step.at());
            }
        } else if (step.assigns() || step.ownerStaffId() == null) {
            // the owner after the step (none for a merged report) keeps his
            inbox.answered(ASKS, "incident", step.incidentId(), step.ownerStaffId(), step.at());
            if ("HANDED_OVER".equals(step.kind()) && !step.assignedToItsActor()) {
                // an item whose owner went along with its village stays his, and the step asks him anew, saying so:
                // his earlier "yours to handle" is read, not left beside the new one (what its resident asked stays)
                for (Kind asked : List.of(Kind.INCIDENT_ASSIGNED, Kind.INCIDENT_ESCALATED)) {
                    inbox.answeredFor(asked, "incident", step.incidentId(), step.ownerStaffId(), step.at());
                }
            }
        }
    }

    /** The kinds of entry that ask their recipient to handle an item. */
    static final List<Kind> ASKS = List.of(Kind.INCIDENT_ASSIGNED, Kind.INCIDENT_ESCALATED, Kind.INCIDENT_REOPENED,
            Kind.INCIDENT_INFORMATION_ADDED);

    /** The steps that close an item: answered (after it was resolved), merged into another report. */
    static final java.util.Set<String> CLOSING = java.util.Set.of("ANSWERED", "MERGED_INTO");

    /** The steps by which an item's owner takes it up. */
    static final java.util.Set<String> HANDLING = java.util.Set.of("ACKNOWLEDGED", "DISPATCHED", "ARRIVED", "RESOLVED",
            "ANSWERED", "REFERRED", "MEDIATION");

    /**
     * An incident's steps were set back to when they would have been taken (the demo's items): the entries that
     * announced them, dated as the steps were written, say the moments the steps now say; an entry read with a step
     * (its item taken up) was read then.
     */
    @EventListener
    void on(IncidentStepsBackdated backdated) {
        inbox.redate("incident", backdated.incidentId(), backdated.moved());
    }

    /**
     * A notice's history was set back by some days (the demo's notices): the entries that announced its steps, dated
     * as the steps were written, say the moments the steps now say; an entry read with a step (answered) was read then.
     */
    @EventListener
    void on(SupervisionNoticeBackdated backdated) {
        inbox.redate(SUPERVISION, backdated.noticeId(), backdated.moved());
    }

    /**
     * The resident reopened his report or added information on the tracking page (only residents take these steps):
     * the report's present owner hears of it, and of a reopening the grid's chief too (unless he owns it), since an
     * answer the resident did not accept is the chief's concern. The entry carries the resident's words (his reason
     * to reopen, what he added) as a line of at most {@value #LINE} characters, so the officer knows what came
     * without opening the report, where the whole text stands on the timeline; photos alone bring no words.
     */
    private void residentStep(IncidentStepRecorded step) {
        boolean reopened = "REOPENED".equals(step.kind());
        Inbox.New owner = new Inbox.New(step.ownerStaffId(),
                reopened ? Kind.INCIDENT_REOPENED : Kind.INCIDENT_INFORMATION_ADDED, "incident", step.incidentId(),
                "/incidents/" + step.incidentId(), step.unitPath(), step.trackingCode(),
                "incident.category." + step.category().name(), Texts.line(step.reason(), LINE), false, null, step.at());
        if (reopened) {
            inbox.add(owner, Kind.INCIDENT_REOPENED, INFORMED_CHIEFS);
        } else {
            inbox.add(owner);
        }
    }

    /** The longest line of a person's words an entry carries, ellipsis included. */
    static final int LINE = 120;

    /**
     * A key person's visit is overdue: the entry names him as the key-person entries do (the subject, name only) and
     * carries his grid's name as its words (a chief may head several grids), which the inbox shows in the title.
     * Entries written before named the grid alone (subject the grid's name, no words) and read as they did.
     */
    @EventListener
    void on(KeyPersonVisitOverdue overdue) {
        String grid = jurisdictions.grid(overdue.grid()).map(Grid::name).orElse("");
        for (UUID chief : overdue.gridChiefs()) {
            inbox.add(new Inbox.New(chief, Kind.VISIT_OVERDUE, "person", overdue.person().value(),
                    "/key-persons/" + overdue.person().value(), overdue.unitPath(), overdue.name(),
                    "care.risk." + overdue.risk().name(), grid, false, overdue.dueOn(), clock.instant()));
        }
    }

    /**
     * The key person was visited, and the visit is his latest: the overdue visits the grid chiefs were told of are
     * made, so their entries stop asking for it (marked read, as the chief would once he saw to it), in the visit's
     * transaction.
     */
    @EventListener
    void on(KeyPersonVisited visited) {
        inbox.answered(Kind.VISIT_OVERDUE, "person", visited.person().value(), visited.at());
    }

    /**
     * A person became a key person, changed type or is no longer one: the grid's chiefs are to form (or rethink) his
     * helper team and visit him, so each hears of it, with the person's name and type, the day of the first visit,
     * and a link to the key-person page (to the person's page once he is none). The name is what the chief's own
     * key-person list shows; no identity number is written.
     * <p>
     * Made by the person form, it is one entry per person. Made by a persons import, the changes of one job are
     * gathered into one entry per grid chief and grid, listing the first {@value Inbox#ITEMS} persons and counting
     * all, linked to the grid's key-person list: a county's file can make hundreds of key persons at once, and an
     * entry per person would bury everything else in the chief's inbox while telling him nothing the list does not.
     * Per grid rather than per job, since a chief's scope is his grids, and an entry is read within its grid's unit.
     * Batches of the same job add to the same entry (and make it unread again), each in its own transaction.
     */
    @EventListener
    void on(KeyPersonDesignationChanged changed) {
        if (changed.gridChiefs().isEmpty()) {
            return;
        }
        if (changed.importJob() != null) {
            UUID grid = changed.grid().value();
            String item = changed.change().name() + ":" + changed.type().name() + ":" + changed.name();
            for (UUID chief : changed.gridChiefs()) {
                inbox.gather(new Inbox.Gathered(chief, Kind.KEY_PERSONS_IMPORTED, changed.importJob(), "grid", grid,
                        "/key-persons?gridId=" + grid, changed.unitPath(), changed.gridName(), item,
                        changed.firstVisitDue(), changed.at()));
            }
            return;
        }
        UUID person = changed.person().value();
        Kind kind;
        String link = "/key-persons/" + person;
        String reason = null;
        switch (changed.change()) {
            case DESIGNATED -> kind = Kind.KEY_PERSON_DESIGNATED;
            case TYPE_CHANGED -> {
                kind = Kind.KEY_PERSON_TYPE_CHANGED;
                reason = KEY_PERSON_TYPE + changed.before().name();
            }
            default -> {
                kind = Kind.KEY_PERSON_ENDED;
                // no key-person page any more: his record keeps the team and the visits
                link = "/persons/" + person;
            }
        }
        for (UUID chief : changed.gridChiefs()) {
            inbox.add(new Inbox.New(chief, kind, "person", person, link, changed.unitPath(), changed.name(),
                    KEY_PERSON_TYPE + changed.type().name(), reason, reason != null, changed.firstVisitDue(), changed.at()));
        }
    }

    /**
     * A left-behind child of the grid turned 16: the age sweep took the category away and ended his care agreement, so
     * the grid's chiefs hear of it, with his name (as his record shows it, no number), linked to his record, where the
     * ended agreement stays; the entry says whether an agreement ended.
     */
    @EventListener
    void on(LeftBehindChildTurned16 turned) {
        UUID person = turned.person().value();
        String reason = turned.agreementEndedOn() == null ? null : AGREEMENT_ENDED;
        for (UUID chief : turned.gridChiefs()) {
            inbox.add(new Inbox.New(chief, Kind.LEFT_BEHIND_CHILD_TURNED_16, "person", person, "/persons/" + person,
                    turned.unitPath(), turned.name(), null, reason, reason != null, turned.turned16On(), turned.at()));
        }
    }

    /** What an entry of a child who turned 16 says of his care agreement, when one ended. */
    static final String AGREEMENT_ENDED = "notification.inbox.leftBehind.agreementEnded";

    /** The message key prefix of a key-person type's name (涉毒人员). */
    static final String KEY_PERSON_TYPE = "population.mark.KEY_PERSON.";

    /**
     * 民转刑: the chief(s) of the station above the case's grid hear of it the moment it is flagged, in the flagging
     * transaction; the entry links to the case and carries its unit path, so it is read within the chief's scope.
     */
    @EventListener
    void on(DisputeAtRisk risk) {
        if (risk.stationUnitId() == null) {
            return;
        }
        for (UUID chief : stationChiefs(risk.stationUnitId())) {
            inbox.add(new Inbox.New(chief, Kind.DISPUTE_AT_RISK, "dispute", risk.caseId(), "/mediation/" + risk.caseId(),
                    risk.unitPath(), risk.caseCode(), null, risk.note(), false, null, risk.at()));
        }
    }

    /**
     * A claimed hard case was reported done: each grid chief who may confirm it finds it waiting for him, linked to the
     * board item where he confirms it or sends it back, with the claimer's words on what was done. The kind of source
     * (事项, 纠纷, 隐患) is a message key, read in the chief's language. A case reported again after it was sent back
     * asks nothing more of its claimers: the entries that sent it back to them are closed.
     */
    @EventListener
    void on(HardCaseReported reported) {
        inbox.answered(Kind.HARD_CASE_SENT_BACK, "claim", reported.claimId(), reported.at());
        claimEntries(reported.deciders(), Kind.HARD_CASE_REPORTED, reported.claimId(), reported.itemId(),
                reported.unitPath(), reported.sourceKind(), reported.sourceCode(), reported.note(), reported.at());
    }

    /**
     * The grid chief decided a reported hard case (sent back): the entries that asked him, or another chief of the
     * grid, to decide it no longer wait; the claimers find the case back with them, with the chief's words.
     */
    @EventListener
    void on(HardCaseSentBack sentBack) {
        inbox.answered(Kind.HARD_CASE_REPORTED, "claim", sentBack.claimId(), sentBack.at());
        claimEntries(sentBack.claimers(), Kind.HARD_CASE_SENT_BACK, sentBack.claimId(), sentBack.itemId(),
                sentBack.unitPath(), sentBack.sourceKind(), sentBack.sourceCode(), sentBack.note(), sentBack.at());
    }

    /** One entry per recipient about a claim, linked to its board item, with a person's words as its line. */
    private void claimEntries(List<UUID> recipients, Kind kind, UUID claimId, UUID itemId, String unitPath,
            String sourceKind, String sourceCode, String words, java.time.Instant at) {
        for (UUID recipient : recipients) {
            inbox.add(new Inbox.New(recipient, kind, "claim", claimId, "/claims/items/" + itemId, unitPath, sourceCode,
                    CLAIM_KIND + sourceKind, Texts.line(words, LINE), false, null, at));
        }
    }

    /**
     * The claim ended without completion (given up, or its deadline passed): the case is back on the board and nothing
     * is asked of its claimers any more, so the entries that sent it back to them are closed.
     */
    @EventListener
    void on(HardCaseClaimEnded ended) {
        inbox.answered(Kind.HARD_CASE_SENT_BACK, "claim", ended.claimId(), ended.at());
        // the co-claimers' entries asked them to finish it by its last day: that no longer stands
        inbox.answered(Kind.HARD_CASE_CO_CLAIMED, "claim", ended.claimId(), ended.at());
        if (!ended.expired()) {
            // the lead claimer gave it up himself: the co-claimers he named did not, and would find the case gone
            // from their list without a word; each hears who gave it up (the entry's words) and that it is back
            for (UUID co : ended.claimers()) {
                if (co.equals(ended.claimedBy())) {
                    continue;
                }
                inbox.add(new Inbox.New(co, Kind.HARD_CASE_GIVEN_UP, "claim", ended.claimId(),
                        "/claims/items/" + ended.itemId(), ended.unitPath(), ended.sourceCode(),
                        CLAIM_KIND + ended.sourceKind(), ended.claimedByName(), false, null, ended.at()));
            }
            return;
        }
        // nobody acted: without a word the case would just leave the claimers' list, so each hears that it went back
        // to the board because its last day passed
        for (UUID claimer : ended.claimers()) {
            inbox.add(new Inbox.New(claimer, Kind.HARD_CASE_EXPIRED, "claim", ended.claimId(),
                    "/claims/items/" + ended.itemId(), ended.unitPath(), ended.sourceCode(),
                    CLAIM_KIND + ended.sourceKind(), null, false, ended.due(), ended.at()));
        }
    }

    /**
     * A hard case was claimed naming co-claimers: each of them hears that the lead claimer (named in the entry, as
     * its words) made the case his too, with its last day; the lead claimer made the claim himself and hears nothing.
     */
    @EventListener
    void on(HardCaseClaimed claimed) {
        for (UUID co : claimed.coClaimers()) {
            if (co.equals(claimed.claimedBy())) {
                continue;
            }
            inbox.add(new Inbox.New(co, Kind.HARD_CASE_CO_CLAIMED, "claim", claimed.claimId(),
                    "/claims/items/" + claimed.itemId(), claimed.unitPath(), claimed.sourceCode(),
                    CLAIM_KIND + claimed.sourceKind(), claimed.claimedByName(), false, claimed.due(), claimed.at()));
        }
    }

    /**
     * The grid's chief changed while a reported hard case waited: the new chief finds it waiting for him (a copy of
     * the entry, new, unread), and the replaced chief's entry is closed, since he may no longer decide it.
     */
    @EventListener
    void on(HardCaseDecidersChanged changed) {
        inbox.handOver(Kind.HARD_CASE_REPORTED, "claim", changed.claimId(), changed.deciders(), changed.at());
    }

    /**
     * A verification task (核查任务) was given to someone, by the system as it opened (the grid's chief, else its manager,
     * else the station's duty person) or by hand: he finds it in his inbox, naming the place and the kind of anomaly,
     * with why it came to him; one it was taken from is asked no more.
     */
    @EventListener
    void on(VerificationTaskAssigned assigned) {
        inbox.answered(List.of(Kind.VERIFICATION_TASK_ASSIGNED), VERIFICATION_TASK, assigned.task(), assigned.assignee(),
                assigned.at());
        inbox.add(new Inbox.New(assigned.assignee(), Kind.VERIFICATION_TASK_ASSIGNED, VERIFICATION_TASK, assigned.task(),
                "/verification-tasks/" + assigned.task(), assigned.unitPath(), assigned.place(), assigned.kindKey(),
                assigned.reasonKey(), true, null, assigned.at()));
    }

    /** A verification task was resolved: its assignee's entry no longer asks for a visit. */
    @EventListener
    void on(VerificationTaskResolved resolved) {
        inbox.answered(Kind.VERIFICATION_TASK_ASSIGNED, VERIFICATION_TASK, resolved.task(), resolved.at());
    }

    /** The record type of a verification task's entries. */
    static final String VERIFICATION_TASK = "verification_task";

    /** A supervisor reviewed a work log entry (督导): its author finds the remark, in the reviewer's words. */
    @EventListener
    void on(WorklogReviewed reviewed) {
        // his remark on the entry as it now stands answers his notices that it was edited after his earlier one
        inbox.answeredFor(Kind.WORKLOG_EDITED, "worklog_entry", reviewed.entryId(), reviewed.reviewerId(),
                reviewed.at());
        inbox.add(new Inbox.New(reviewed.authorId(), Kind.WORKLOG_REVIEWED, "worklog_entry", reviewed.entryId(),
                "/worklog/" + reviewed.entryId(), reviewed.unitPath(), reviewed.title(),
                "worklog.kind." + reviewed.kind(), Texts.line(reviewed.remark(), LINE), false, null, reviewed.at()));
    }

    /**
     * The author edited an entry after supervisors remarked on it: each finds it in his inbox, once per edit, linked
     * to the entry (whose page marks his remark as written before the change), with the author's name.
     */
    @EventListener
    void on(WorklogEdited edited) {
        for (UUID reviewer : edited.reviewers()) {
            inbox.add(new Inbox.New(reviewer, Kind.WORKLOG_EDITED, "worklog_entry", edited.entryId(),
                    "/worklog/" + edited.entryId(), edited.unitPath(), edited.title(), "worklog.kind." + edited.kind(),
                    edited.authorName(), false, null, edited.at()));
        }
    }

    /**
     * The grid chief confirmed a reported hard case: nobody is asked to decide it any more, nor are its co-claimers
     * asked to finish it by its last day (the lead's entries closed when he reported it); left open, theirs read as
     * work still owed on a case done.
     */
    @EventListener
    void on(HardCaseCompleted completed) {
        inbox.answered(Kind.HARD_CASE_REPORTED, "claim", completed.claimId(), completed.confirmedAt());
        inbox.answered(Kind.HARD_CASE_CO_CLAIMED, "claim", completed.claimId(), completed.confirmedAt());
    }

    /** The message key prefix of the kind of a board item's source (事项, 纠纷, 隐患). */
    static final String CLAIM_KIND = "claims.kind.";

    /**
     * A points award waits for approval: each grid chief who may approve it finds it in his inbox, naming the holder
     * and the rule (read in his language), with what it is for, linked to the approvals page.
     */
    @EventListener
    void on(AwardProposed proposed) {
        for (UUID approver : proposed.approvers()) {
            inbox.add(new Inbox.New(approver, Kind.POINTS_AWARD_PENDING, "points_award", proposed.awardId(),
                    "/points/approvals", proposed.unitPath(), proposed.holderName(), POINTS_RULE + proposed.rule(),
                    Texts.line(proposed.note(), LINE), false, null, proposed.at()));
        }
    }

    /** The grid's chief changed while an award waited: it is handed over as a reported hard case is. */
    @EventListener
    void on(AwardApproversChanged changed) {
        inbox.handOver(Kind.POINTS_AWARD_PENDING, "points_award", changed.awardId(), changed.approvers(), changed.at());
    }

    /** A pending award was approved or rejected: it waits for no one any more. */
    @EventListener
    void on(AwardDecided decided) {
        inbox.answered(Kind.POINTS_AWARD_PENDING, "points_award", decided.awardId(), decided.at());
    }

    /**
     * 群众评议: an officer's month in a community fell below a threshold; each station chief above who reads the
     * results finds it, naming the officer, the community and the month, with the lowest rate's name (read in his
     * language), linked to the officer's results of that month.
     */
    @EventListener
    void on(ReviewResultLow low) {
        String subject = low.officerName() + " · " + low.communityName() + " · " + low.month();
        String link = "/reviews?period=" + low.month() + "&officer=" + low.officerId();
        String lowest = low.reasons().isEmpty() ? null : REVIEW_LOW + low.reasons().get(0);
        for (UUID chief : low.recipients()) {
            inbox.add(new Inbox.New(chief, Kind.REVIEW_RESULT_LOW, "review_alert", low.alertId(), link, low.unitPath(),
                    subject, lowest, null, false, null, low.at()));
        }
    }

    /** The message key prefix of the name of a rate that fell low (满意率, 见警率, 管事率). */
    static final String REVIEW_LOW = "review.low.";

    /** The message key prefix of a points rule's name (巡逻一小时). */
    static final String POINTS_RULE = "points.rule.";

    /**
     * A supervision notice (督察通报) was issued: the unit's chiefs and the responsible leader and officer find it in
     * their inbox, with what was found and the last day of rectification.
     */
    @EventListener
    void on(SupervisionNoticeIssued issued) {
        for (UUID recipient : issued.recipients()) {
            inbox.add(new Inbox.New(recipient, Kind.SUPERVISION_NOTICE, SUPERVISION, issued.noticeId(),
                    "/supervision/" + issued.noticeId(), issued.unitPath(), issued.number(), null,
                    Texts.line(issued.finding(), LINE), false, issued.dueOn(), issued.at()));
        }
    }

    /**
     * A later step of a supervision notice: the entries that asked for it are closed (an answer closes the unit's
     * requests, a decision the inspector's), and those it asks something of now find it, with the person's words.
     */
    @EventListener
    void on(SupervisionNoticeChanged changed) {
        Kind kind = switch (changed.kind()) {
            case "ANSWERED" -> Kind.SUPERVISION_ANSWERED;
            case "SENT_BACK" -> Kind.SUPERVISION_SENT_BACK;
            case "OVERDUE" -> Kind.SUPERVISION_OVERDUE;
            default -> null;
        };
        if ("ANSWERED".equals(changed.kind())) {
            for (Kind asked : List.of(Kind.SUPERVISION_NOTICE, Kind.SUPERVISION_SENT_BACK, Kind.SUPERVISION_OVERDUE)) {
                inbox.answered(asked, SUPERVISION, changed.noticeId(), changed.at());
            }
        } else if ("SENT_BACK".equals(changed.kind()) || "ACCEPTED".equals(changed.kind())) {
            inbox.answered(Kind.SUPERVISION_ANSWERED, SUPERVISION, changed.noticeId(), changed.at());
        } else if ("OVERDUE".equals(changed.kind())) {
            // the overdue entry asks the unit what the notice (or its sending back) asked, now late: it takes their
            // place, and left unread beside it they made the chief find two entries waiting for one matter
            for (Kind asked : List.of(Kind.SUPERVISION_NOTICE, Kind.SUPERVISION_SENT_BACK)) {
                inbox.answered(asked, SUPERVISION, changed.noticeId(), changed.at());
            }
        }
        if (kind == null) {
            return;
        }
        for (UUID recipient : changed.recipients()) {
            inbox.add(new Inbox.New(recipient, kind, SUPERVISION, changed.noticeId(), "/supervision/"
                    + changed.noticeId(), changed.unitPath(), changed.number(), null,
                    changed.words() == null ? null : Texts.line(changed.words(), LINE), false, changed.dueOn(),
                    changed.at()));
        }
    }

    /**
     * A person was held to account for a supervision notice: he finds it in his inbox, the measure (a message key, read
     * in his language) and the inspector's reason, and nobody else is told.
     */
    @EventListener
    void on(SupervisionAccountabilityRecorded held) {
        inbox.add(new Inbox.New(held.personId(), Kind.SUPERVISION_ACCOUNTABILITY, SUPERVISION, held.noticeId(),
                "/supervision/" + held.noticeId(), held.unitPath(), held.number(), "supervision.measure."
                + held.measure(), Texts.line(held.reason(), LINE), false, null, held.at()));
    }

    /** The record type of the supervision notices' entries. */
    static final String SUPERVISION = "supervision_notice";

    private List<UUID> stationChiefs(UUID station) {
        return jdbc.sql("SELECT id FROM staff WHERE unit_id = ? AND role = 'STATION_CHIEF' AND active ORDER BY id")
                .param(station).query(UUID.class).list();
    }
}
