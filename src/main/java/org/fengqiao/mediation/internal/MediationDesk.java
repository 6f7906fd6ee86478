package org.fengqiao.mediation.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.mediation.DisputeAtRisk;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.DisputeSettled;
import org.fengqiao.mediation.SettledLevel;
import org.fengqiao.mediation.TeamRole;
import org.fengqiao.mediation.internal.Disputes.Case;
import org.fengqiao.mediation.internal.Disputes.Member;
import org.fengqiao.mediation.internal.Disputes.Referral;
import org.fengqiao.mediation.internal.Disputes.Status;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Unchanged;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.PersonLookup;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens dispute cases and carries them to their end. Each change is one transaction with the case row locked,
 * checked whole before anything is written (nothing half applied), and audited with before and after.
 */
@Service
public class MediationDesk {

    static final ZoneId ZONE = LocalTimes.ZONE;
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern FIXED = Pattern.compile("0[0-9]{2,3}-?[0-9]{7,8}");
    private static final char[] CODE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_TEXT = 4000;

    /**
     * A party: a person of the population records ({@code personId}; his name and numbers are then read from his
     * record) or a person named here with an optional phone.
     */
    public record PartyForm(String name, String phone, UUID personId) {

        public PartyForm(String name, String phone) {
            this(name, phone, null);
        }
    }

    /** A party checked: a person of the records (his name as it stands now) or one named here. */
    record NewParty(String name, String phone, UUID personId) {
    }

    public record MemberForm(UUID staffId, TeamRole role) {
    }

    public record NewCase(DisputeOrigin origin, DisputeKind kind, UUID gridId, String summary, String address,
            List<PartyForm> parties, List<MemberForm> team) {
    }

    public record SessionForm(LocalDate heldOn, String place, String attendees, String said, String nextStep) {
    }

    @ChoiceNames("mediation.outcome.")
    public enum Outcome { AGREEMENT, FAILURE, REFERRAL }

    /**
     * How a case ends. {@code partiesConsent}: for an agreement, that the parties each said they accept its terms
     * (人民调解 rests on their free consent): an agreement without it is refused.
     */
    public record EndForm(Outcome outcome, SettledLevel level, String agreementText, Boolean officerWitness,
            Referral referredTo, String referralBody, String note, List<LocalDate> followUps, Boolean partiesConsent) {
    }

    private final Disputes disputes;
    private final PersonLookup persons;
    private final CaseLookups lookups;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MediationDesk(Disputes disputes, PersonLookup persons, CaseLookups lookups,
            PersonalDataCipher cipher, ApplicationEventPublisher events, Clock clock) {
        this.disputes = disputes;
        this.lookups = lookups;
        this.persons = persons;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    public Case get(UUID id, Actor who) {
        return disputes.findVisible(id, who.scopePaths(), who.reach()).orElseThrow(() -> new NotFound("dispute", id));
    }

    /** A case as a person reads it: the parties' names and masked phones are personal data, so the read is audited. */
    public Case read(UUID id, Actor who) {
        Case c = get(id, who);
        events.publishEvent(Audited.read("dispute", id, c.unitPath()).by(who.name()));
        return c;
    }

    @Transactional
    public Case open(NewCase n, Actor who) {
        return disputes.find(open(n, who, null, null, null)).orElseThrow();
    }

    /**
     * Opens a case (from a 110 incident or a screening when those are given); checks everything before writing;
     * answers its id (the case an incident has already, for a second delivery of the incident).
     */
    UUID open(NewCase n, Actor who, UUID incidentId, String incidentCode, UUID screeningId) {
        return open(n, who, incidentId, incidentCode, screeningId, false);
    }

    /**
     * As {@link #open(NewCase, Actor, UUID, String, UUID)}; {@code filedNow}: the incident was filed in the caller's
     * transaction and so has no case yet. The case is then checked, built and audited at once, as any other, but
     * written with the transaction's other such cases just before it commits ({@link Disputes#gather}): the 110 push
     * files its reports in batches, and a batch's cases, teams and parties cost one statement, not one each.
     */
    UUID open(NewCase n, Actor who, UUID incidentId, String incidentCode, UUID screeningId, boolean filedNow) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (n.origin() == null) {
            problems.add(problem("origin", "error.field.required"));
        }
        if (n.kind() == null) {
            problems.add(problem("kind", "error.field.required"));
        }
        text(n.summary(), "summary", true, problems);
        text(n.address(), "address", false, problems);
        Grid grid = null;
        if (n.gridId() == null) {
            problems.add(problem("gridId", "error.field.required"));
        } else {
            // one who serves grids opens cases in the grids he serves, as he reports there (the office's other grids
            // share his grid's path when it has no work point)
            grid = lookups.grid(new GridId(n.gridId())).filter(g -> who.sees(g.unitPath()))
                    .filter(g -> incidentId != null || who.reach().reaches(g.id().value(), false)).orElse(null);
            if (grid != null && incidentId == null) {
                // a case opened by hand is read fresh and held against a retirement until it is written, which then
                // waits for it or reads it retired (the lookups' copy may be older than a retirement)
                grid = lookups.gridForFiling(grid.id()).orElse(null);
            }
            if (grid == null) {
                problems.add(problem("gridId", "mediation.grid.unknown"));
            } else if (incidentId == null && grid.retired()) {
                // a case opened by hand goes to a grid in use; a 110 dispute keeps its incident's grid, as below
                problems.add(GridRetired.problem("gridId", grid));
            } else if (incidentId == null && grid.network() != GridNetwork.POLICE) {
                // a case is the police grid's, as a screening is: the new-case page offers police grids only, and one
                // on another network's grid (综治, 城管, 创城) would be served by no grid chief and counted nowhere. A
                // 110 dispute keeps the grid its incident was located in, so that its push is never lost.
                problems.add(problem("gridId", "mediation.case.notPoliceGrid"));
            }
        }
        List<NewParty> parties = parties(n.parties(), who, problems);
        List<Member> team = grid == null ? List.of()
                : team(n.team(), grid.id().value(), grid.unitPath(), Set.of(), who, problems, false);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        Disputes.New row = new Disputes.New(id, code(), n.origin(), n.kind(), grid.id().value(), n.summary().trim(),
                blankToNull(n.address()), incidentId, incidentCode, screeningId, now, who.staffId());
        List<Disputes.Party> partiesAsStored;
        boolean gathered = filedNow && incidentId != null;
        if (gathered) {
            // the parties as stored, built here: the audit entry reads them as the case shows them, by position
            List<Disputes.NewParty> rows = new ArrayList<>();
            for (int i = 0; i < parties.size(); i++) {
                rows.add(partyRow(i + 1, parties.get(i)));
            }
            team = defaultTeam(n, grid, team);
            disputes.gather(new Disputes.Opened(row, rows, team));
            partiesAsStored = rows.stream().map(p -> new Disputes.Party(p.id(), p.position(), p.name(),
                    p.phoneMasked(), p.personId())).toList();
        } else {
            if (!disputes.insert(row)) {
                return disputes.byIncident(incidentId).orElseThrow();
            }
            for (int i = 0; i < parties.size(); i++) {
                addParty(id, i + 1, parties.get(i));
            }
            team = defaultTeam(n, grid, team);
            disputes.addTeam(id, team);
            partiesAsStored = parties.isEmpty() ? List.of() : disputes.parties(id);
        }
        // the case as just written, not read back for its audit entry (four statements fewer at every dispute the 110
        // centre pushes): nothing else can have touched it yet, and a new case has no session and no follow-up; its
        // parties and a team of several are read, in the order the case shows them
        Case written = new Case(id, row.code(), row.origin(), row.kind(), row.gridId(), grid.code(), grid.name(),
                grid.unitId().value(), null, grid.unitPath(), row.summary(), row.address(), incidentId, incidentCode,
                screeningId, Status.OPEN, false, null, null, null, null, null, null, null, null, null, null, null, now, 0,
                0);
        Map<String, Object> snapshot = snapshot(written, partiesAsStored,
                team.size() <= 1 ? team : disputes.team(id), List.of());
        events.publishEvent(Audited.created("dispute", id, grid.unitPath(), snapshot).by(who.name()));
        return id;
    }

    @Transactional
    public Case addParties(UUID id, List<PartyForm> forms, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        List<NewParty> parties = parties(forms, who, problems);
        if (parties.isEmpty() && problems.isEmpty()) {
            problems.add(problem("parties", "mediation.parties.required"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Case before = lockVisible(id, who);
        requireOpen(before);
        List<Disputes.Party> present = disputes.parties(id);
        for (int i = 0; i < parties.size(); i++) {
            UUID person = parties.get(i).personId();
            if (person != null && present.stream().anyMatch(p -> person.equals(p.personId()))) {
                throw Invalid.of("parties[" + i + "].personId", "mediation.party.personTwice");
            }
        }
        int next = present.size();
        for (NewParty p : parties) {
            addParty(id, ++next, p);
        }
        return audited(before, who);
    }

    /** Sets what the dispute is about: a 110 push arrives as OTHER until the officer hears the parties. */
    @Transactional
    public Case classify(UUID id, DisputeKind kind, Actor who) {
        if (kind == null) {
            throw Invalid.of("kind", "error.field.required");
        }
        Case before = lockVisible(id, who);
        requireOpen(before);
        if (before.kind() == kind) {
            // the kind it has: no write, no audit entry of a change nobody made
            throw new Unchanged();
        }
        disputes.update(id, "kind = ?", kind.name());
        if (before.kind() != kind) {
            events.publishEvent(new org.fengqiao.mediation.DisputeClassified(id, before.code(), kind));
        }
        return audited(before, who);
    }

    @Transactional
    public Case setTeam(UUID id, List<MemberForm> forms, Actor who) {
        Case before = lockVisible(id, who);
        requireOpen(before);
        List<Invalid.Problem> problems = new ArrayList<>();
        List<Member> team = team(forms, before.gridId(), before.unitPath(),
                disputes.team(id).stream().map(Member::staffId).collect(java.util.stream.Collectors.toSet()), who,
                problems, true);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        if (members(team).equals(members(disputes.team(id)))) {
            // the same people in the same roles (in whatever order): no write, no audit entry of a change nobody made
            throw new Unchanged();
        }
        disputes.replaceTeam(id, team);
        return audited(before, who);
    }

    @Transactional
    public Case addSession(UUID id, SessionForm s, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (s.heldOn() == null) {
            problems.add(problem("heldOn", "error.field.required"));
        } else if (s.heldOn().isAfter(today())) {
            problems.add(problem("heldOn", "mediation.session.future"));
        }
        text(s.place(), "place", true, problems);
        text(s.attendees(), "attendees", true, problems);
        text(s.said(), "said", true, problems);
        text(s.nextStep(), "nextStep", false, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Case before = lockVisible(id, who);
        requireOpen(before);
        disputes.addSession(id, s.heldOn(), s.place().trim(), s.attendees().trim(), s.said().trim(),
                blankToNull(s.nextStep()), who.staffId(), now());
        return audited(before, who);
    }

    /** 民转刑: flags the case and tells the station chief at once, through {@link DisputeAtRisk}. */
    @Transactional
    public Case flagRisk(UUID id, String note, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        text(note, "note", true, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Case before = lockVisible(id, who);
        requireOpen(before);
        if (before.atRisk()) {
            throw new Conflict("mediation.risk.already");
        }
        OffsetDateTime now = now();
        disputes.update(id, "at_risk = true, risk_note = ?, risk_flagged_at = ?, risk_flagged_by = ?", note.trim(), now,
                who.staffId());
        Case after = audited(before, who);
        events.publishEvent(new DisputeAtRisk(id, after.code(), after.unitPath(),
                disputes.stationOf(after.unitPath()).orElse(null), note.trim(), who.staffId(), now.toInstant()));
        return after;
    }

    @Transactional
    public Case end(UUID id, EndForm f, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (f.outcome() == null) {
            problems.add(problem("outcome", "error.field.required"));
        }
        if (f.outcome() == Outcome.AGREEMENT) {
            text(f.agreementText(), "agreementText", true, problems);
            if (f.level() == null) {
                problems.add(problem("level", "mediation.level.required"));
            }
            if (!Boolean.TRUE.equals(f.partiesConsent())) {
                problems.add(problem("partiesConsent", "mediation.agreement.consentRequired"));
            }
        }
        if (f.outcome() == Outcome.REFERRAL) {
            if (f.referredTo() == null) {
                problems.add(problem("referredTo", "error.field.required"));
            }
            text(f.referralBody(), "referralBody", f.referredTo() == Referral.DEPARTMENT, problems);
        }
        if (f.outcome() == Outcome.FAILURE) {
            text(f.note(), "note", true, problems);
        } else {
            text(f.note(), "note", false, problems);
        }
        List<LocalDate> followUps = f.followUps() == null ? List.of()
                : f.followUps().stream().filter(d -> d != null).distinct().sorted().toList();
        if (followUps.stream().anyMatch(d -> d.isBefore(today()))) {
            problems.add(problem("followUps", "mediation.followUp.past"));
        }
        if (followUps.size() > 20) {
            problems.add(problem("followUps", "mediation.followUp.tooMany"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Case before = lockVisible(id, who);
        requireOpen(before);
        List<Member> team = disputes.team(id);
        if (f.outcome() == Outcome.AGREEMENT && disputes.parties(id).size() < 2) {
            throw Invalid.of("parties", "mediation.agreement.twoParties");
        }
        if (f.outcome() == Outcome.AGREEMENT && before.sessions() == 0) {
            // an agreement is what a mediation reached: without a session recorded there was none to reach it
            throw Invalid.of("sessions", "mediation.agreement.noSession");
        }
        UUID witness = null;
        if (f.outcome() == Outcome.AGREEMENT && Boolean.TRUE.equals(f.officerWitness())) {
            witness = team.stream().filter(m -> m.role() == TeamRole.OFFICER).map(Member::staffId).findFirst()
                    .orElseThrow(() -> Invalid.of("officerWitness", "mediation.witness.noOfficer"));
        }
        Status status = switch (f.outcome()) {
            case AGREEMENT -> Status.AGREED;
            case FAILURE -> Status.FAILED;
            case REFERRAL -> Status.REFERRED;
        };
        OffsetDateTime now = now();
        disputes.update(id, "status = ?, settled_level = ?, ended_at = ?, ended_by = ?, agreement_text = ?, "
                + "witness_staff_id = ?, referred_to = ?, referral_body = ?, outcome_note = ?", status.name(),
                f.outcome() == Outcome.AGREEMENT ? f.level().name() : null, now, who.staffId(),
                f.outcome() == Outcome.AGREEMENT ? f.agreementText().trim() : null, witness,
                f.outcome() == Outcome.REFERRAL ? f.referredTo().name() : null,
                f.outcome() == Outcome.REFERRAL ? blankToNull(f.referralBody()) : null, blankToNull(f.note()));
        for (LocalDate d : followUps) {
            disputes.addFollowUp(id, d);
        }
        Case after = audited(before, who);
        events.publishEvent(new org.fengqiao.mediation.DisputeClosed(id, after.unitPath(), status.name(),
                now.toInstant()));
        if (status == Status.AGREED) {
            events.publishEvent(new DisputeSettled(id, after.code(), after.gridId(), after.unitPath(),
                    team.stream().map(Member::staffId).toList(), f.level(), after.incidentId(), who.staffId(),
                    who.name()));
        }
        return after;
    }

    /**
     * The 110 report this case came from was merged into another report as its duplicate: the case ends as
     * {@link Status#DUPLICATE} naming the primary report (its tracking code; the pages say so in the reader's
     * language, as nobody wrote it), audited and announced as {@link
     * org.fengqiao.mediation.DisputeClosed} like every other end, in the merging transaction. A case already ended
     * keeps its end; an incident without a case has nothing to close. Answers the case as it is after, if any.
     */
    Optional<Case> endAsDuplicate(UUID incidentId, String primaryCode, Actor who) {
        Optional<UUID> found = disputes.byIncident(incidentId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        UUID id = found.get();
        disputes.lock(id);
        Case before = disputes.find(id).orElseThrow();
        if (!before.open()) {
            return Optional.of(before);
        }
        OffsetDateTime now = now();
        disputes.update(id, "status = ?, ended_at = ?, ended_by = ?, duplicate_of = ?", Status.DUPLICATE.name(), now,
                who.staffId(), primaryCode);
        Case after = audited(before, who);
        events.publishEvent(new org.fengqiao.mediation.DisputeClosed(id, after.unitPath(), Status.DUPLICATE.name(),
                now.toInstant()));
        return Optional.of(after);
    }

    @Transactional
    public Case followUpDone(UUID id, UUID followUpId, String note, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        text(note, "note", false, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Case before = lockVisible(id, who);
        if (!disputes.followUpDone(id, followUpId, today(), blankToNull(note))) {
            // recorded already (a second click, or someone else just now): said so, the first record kept; a
            // follow-up the case does not have is not found
            Disputes.FollowUp done = disputes.followUps(id).stream().filter(u -> u.id().equals(followUpId))
                    .findFirst().orElseThrow(() -> new NotFound("follow-up", followUpId));
            throw new Conflict("mediation.followUp.alreadyDone", done.doneOn().toString());
        }
        return audited(before, who);
    }

    private void requireOpen(Case c) {
        if (!c.open()) {
            throw new Conflict("mediation.case.ended");
        }
    }

    private void addParty(UUID caseId, int position, NewParty p) {
        disputes.addParty(caseId, position, p.name(), p.phone() == null ? null : cipher.encrypt(p.phone()),
                p.phone() == null ? null : mask(p.phone()), p.personId());
    }

    /** A party of a new case as {@link #addParty} stores it: the phone encrypted and masked. */
    private Disputes.NewParty partyRow(int position, NewParty p) {
        return new Disputes.NewParty(UUID.randomUUID(), position, p.name(),
                p.phone() == null ? null : cipher.encrypt(p.phone()), p.phone() == null ? null : mask(p.phone()),
                p.personId());
    }

    /** The team named, or for a 110 dispute without one its grid's chief (the community officer), who takes it up. */
    private List<Member> defaultTeam(NewCase n, Grid grid, List<Member> team) {
        if (team.isEmpty() && n.origin() == DisputeOrigin.CALL_110) {
            return lookups.gridChief(grid.id().value()).map(List::of).orElse(List.of());
        }
        return team;
    }

    private List<NewParty> parties(List<PartyForm> forms, Actor who, List<Invalid.Problem> problems) {
        List<NewParty> out = new ArrayList<>();
        if (forms == null) {
            return out;
        }
        Set<UUID> linked = new HashSet<>();
        for (int i = 0; i < forms.size(); i++) {
            PartyForm p = forms.get(i);
            String field = "parties[" + i + "]";
            if (p != null && p.personId() != null) {
                // a person of the records as whoever links him sees them: one outside his subtree, or any person for
                // a caller who may not read the records, gets the answer of a person who does not exist
                Optional<PersonLookup.PersonCard> card = who.readsPeople()
                        ? persons.read(p.personId(), who.scopePaths(), who.reach(), who.name()) : Optional.empty();
                if (card.isEmpty()) {
                    problems.add(problem(field + ".personId", "mediation.party.personUnknown"));
                } else if (!linked.add(p.personId())) {
                    problems.add(problem(field + ".personId", "mediation.party.personTwice"));
                } else {
                    out.add(new NewParty(card.get().name(), null, p.personId()));
                }
                continue;
            }
            if (p == null || ((p.name() == null || p.name().isBlank()) && (p.phone() == null || p.phone().isBlank()))) {
                continue;
            }
            if (p.name() == null || p.name().isBlank()) {
                problems.add(problem(field + ".name", "mediation.party.nameRequired"));
                continue;
            }
            if (p.name().trim().length() > 100) {
                problems.add(problem(field + ".name", "mediation.text.tooLong"));
            }
            String phone = p.phone() == null || p.phone().isBlank() ? null
                    : p.phone().replace(" ", "").replace("+86", "");
            if (phone != null && !MOBILE.matcher(phone).matches() && !FIXED.matcher(phone).matches()) {
                problems.add(problem(field + ".phone", "mediation.party.phoneInvalid"));
            }
            out.add(new NewParty(p.name().trim(), phone, null));
        }
        if (out.size() > 20) {
            problems.add(problem("parties", "mediation.parties.tooMany"));
        }
        return out;
    }

    /**
     * The team named on a form for a case of this grid: each member found and able to read the case where it lies
     * ({@link Disputes#eligibleStaff}); one who could not (a grid member of another grid of the office, an officer of
     * another office) is refused by name, as seated he would read the case as his own, or not at all. One on the team
     * already ({@code seated}) stays on it as it is formed again: he was seated when he read it (a grid merged since
     * into one he does not serve, a term of his ended), and the case is his.
     */
    private List<Member> team(List<MemberForm> forms, UUID caseGridId, String caseUnitPath, Set<UUID> seated,
            Actor who, List<Invalid.Problem> problems, boolean required) {
        List<Member> team = new ArrayList<>();
        if (forms == null || forms.isEmpty()) {
            if (required) {
                problems.add(problem("team", "mediation.team.officerRequired"));
            }
            return team;
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < forms.size(); i++) {
            MemberForm m = forms.get(i);
            String field = "team[" + i + "]";
            if (m == null || m.staffId() == null || m.role() == null) {
                problems.add(problem(field, "mediation.team.memberIncomplete"));
                continue;
            }
            if (!seen.add(m.staffId())) {
                problems.add(problem(field, "mediation.team.duplicate"));
                continue;
            }
            Optional<Disputes.Eligible> found = disputes.eligibleStaff(m.staffId(), caseGridId, caseUnitPath,
                    who.scopePaths());
            if (found.isEmpty()) {
                problems.add(problem(field, "mediation.team.unknownStaff"));
                continue;
            }
            Member staff = found.get().member();
            if (m.role() == TeamRole.OFFICER && !disputes.police(m.staffId())) {
                problems.add(new Invalid.Problem(field, "mediation.team.officerNotPolice",
                        new Object[] {staff.name()}));
                continue;
            }
            if (m.role() == TeamRole.VILLAGE_POLICE && !disputes.auxiliaryPolice(m.staffId())) {
                problems.add(new Invalid.Problem(field, "mediation.team.villagePoliceNotAuxiliary",
                        new Object[] {staff.name()}));
                continue;
            }
            // after what his role allows him on the team: a volunteer named as its officer is told that first
            if (!found.get().readsCase() && !seated.contains(m.staffId())) {
                problems.add(new Invalid.Problem(field, "mediation.team.cannotRead", new Object[] {staff.name()}));
                continue;
            }
            team.add(new Member(m.staffId(), staff.name(), staff.unitName(), m.role()));
        }
        long officers = team.stream().filter(m -> m.role() == TeamRole.OFFICER).count();
        if (problems.isEmpty() && officers != 1) {
            problems.add(problem("team", "mediation.team.officerRequired"));
        }
        return team;
    }

    /** A team as who holds which role, the order of the form's rows aside. */
    private static Set<String> members(List<Member> team) {
        Set<String> out = new HashSet<>();
        team.forEach(m -> out.add(m.staffId() + ":" + m.role()));
        return out;
    }

    private static void text(String value, String field, boolean required, List<Invalid.Problem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(problem(field, "error.field.required"));
            }
        } else if (value.length() > MAX_TEXT) {
            problems.add(problem(field, "mediation.text.tooLong"));
        }
    }

    Case lockVisible(UUID id, Actor who) {
        disputes.findVisible(id, who.scopePaths(), who.reach()).orElseThrow(() -> new NotFound("dispute", id));
        disputes.lock(id);
        return disputes.find(id).orElseThrow();
    }

    private Case audited(Case before, Actor who) {
        Case after = disputes.find(before.id()).orElseThrow();
        events.publishEvent(Audited.updated("dispute", before.id(), before.unitPath(), snapshot(before), snapshot(after))
                .by(who.name()));
        return after;
    }

    Map<String, Object> snapshot(Case c) {
        return snapshot(c, disputes.parties(c.id()), disputes.team(c.id()), disputes.followUps(c.id()));
    }

    static Map<String, Object> snapshot(Case c, List<Disputes.Party> parties, List<Member> team,
            List<Disputes.FollowUp> followUps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", c.code());
        m.put("origin", c.origin().name());
        m.put("kind", c.kind().name());
        m.put("grid", c.gridCode());
        m.put("status", c.status().name());
        m.put("atRisk", c.atRisk());
        m.put("settledLevel", String.valueOf(c.settledLevel()));
        m.put("referredTo", String.valueOf(c.referredTo()));
        m.put("sessions", c.sessions());
        m.put("parties", parties.stream().map(p -> p.name() + " " + (p.phoneMasked() == null ? ""
                : p.phoneMasked()) + (p.personId() == null ? "" : " person:" + p.personId())).toList());
        m.put("team", team.stream().map(t -> t.name() + ":" + t.role()).toList());
        m.put("followUps", followUps.stream().map(u -> u.dueOn() + (u.doneOn() == null ? "" : " done "
                + u.doneOn())).toList());
        return m;
    }

    static String mask(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    private static String code() {
        StringBuilder code = new StringBuilder("TJ");
        for (int k = 0; k < 10; k++) {
            code.append(CODE[RANDOM.nextInt(CODE.length)]);
        }
        return code.toString();
    }

    static Invalid.Problem problem(String field, String key) {
        return new Invalid.Problem(field, key, new Object[0]);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
