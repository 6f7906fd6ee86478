package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fengqiao.account.InformantDisclosure;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.HelperRole;
import org.fengqiao.population.PersonState;
import org.fengqiao.population.Risk;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key persons and their care (N帮一): the scoped list with each person's visit rhythm, one person's
 * team, risk and visits, and the changes a grid chief makes: team members joining and leaving, the
 * risk level (with a reason), a visit to the person. Every input is checked before anything is
 * written; reads and changes go to the audit trail.
 */
@Service
public class KeyPersonCare {

    static final int MAX_TEXT = 2000;
    static final int MAX_VISITS = 200;

    private final KeyPersons keyPersons;
    private final Persons persons;
    private final VisitLog visitLog;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final VisitRhythm rhythm;
    private final int lateEntryDays;

    private final VisitAnnouncements visited;
    private final ObjectProvider<InformantDisclosure> informants;
    private final MessageSource messages;
    private final VisitChangeTexts changeTexts;
    private final Housing housing;
    private final Households households;

    KeyPersonCare(KeyPersons keyPersons, Persons persons, VisitLog visitLog, PersonalDataCipher cipher,
            ApplicationEventPublisher events, Clock clock, CareProperties properties, VisitAnnouncements visited,
            ObjectProvider<InformantDisclosure> informants, MessageSource messages, VisitChangeTexts changeTexts,
            Housing housing, Households households) {
        this.changeTexts = changeTexts;
        this.housing = housing;
        this.households = households;
        this.visited = visited;
        this.informants = informants;
        this.messages = messages;
        this.keyPersons = keyPersons;
        this.persons = persons;
        this.visitLog = visitLog;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
        this.rhythm = new VisitRhythm(properties.rhythm());
        this.lateEntryDays = properties.visitLateEntryDays();
    }

    public VisitRhythm rhythm() {
        return rhythm;
    }

    /** A key person in a list: who, where, risk, team size and what the rhythm says today. */
    public record Listed(KeyPersons.Row person, VisitRhythm.Status status) {
    }

    public record Listing(List<Listed> items, int total, int overdue) {
    }

    /**
     * The caller's key persons (or, when mine, those of the grids the caller heads), overdue ones first
     * (longest overdue first), then by next due date; exempt ones last. The list itself is audited.
     */
    public Listing list(Caller caller, boolean mine, boolean overdueOnly, UUID gridId) {
        LocalDate today = today();
        List<Listed> all = keyPersons.visible(caller, mine, gridId).stream().map(r -> new Listed(r, status(r, today)))
                .sorted(ORDER).toList();
        int overdue = (int) all.stream().filter(l -> l.status().overdue()).count();
        List<Listed> items = overdueOnly ? all.stream().filter(l -> l.status().overdue()).toList() : all;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mine", mine);
        details.put("overdueOnly", overdueOnly);
        if (gridId != null) {
            details.put("gridId", gridId.toString());
        }
        details.put("results", items.size());
        events.publishEvent(new Audited("READ", "key-person-list", null, null, null, details, null));
        return new Listing(items, all.size(), overdue);
    }

    /** How many of the caller's key persons are overdue: those of the grids he looks after, or his whole scope. */
    public int overdueCount(Caller caller, boolean mine) {
        LocalDate today = today();
        return (int) keyPersons.visible(caller, mine, null).stream().filter(r -> status(r, today).overdue()).count();
    }

    /** Whether the caller heads or manages a grid: his key persons are then those of his grids (mine). */
    public boolean looksAfterAGrid(Caller caller) {
        return keyPersons.looksAfterAGrid(caller.staffId());
    }

    static final Comparator<Listed> ORDER = Comparator
            .comparing((Listed l) -> l.status().exemption() != null)
            .thenComparing(l -> !l.status().overdue())
            .thenComparing(l -> -l.status().daysOverdue())
            .thenComparing(l -> l.status().nextDue(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(l -> l.person().name());

    VisitRhythm.Status status(KeyPersons.Row r, LocalDate today) {
        return rhythm.status(r.risk(), r.since(), r.lastVisitOn(),
                r.residence() == org.fengqiao.population.Residence.LEFT, today);
    }

    /**
     * One key person: team with history, risk history, visits and rhythm; contactCardOn, the day his household was last
     * handed the police contact card (警民联系卡; null: never, or he has no household).
     */
    public record Detail(KeyPersons.Row person, VisitRhythm.Status status, List<KeyPersons.Member> team,
            List<KeyPersons.RiskChange> riskHistory, List<KeyPersons.Visit> visits, LocalDate contactCardOn) {

        public List<KeyPersons.Member> currentTeam() {
            return team.stream().filter(KeyPersons.Member::current).toList();
        }

        public List<KeyPersons.Member> formerMembers() {
            return team.stream().filter(m -> !m.current()).toList();
        }

        /** Names of the team members who came to a visit, in the order recorded. */
        public List<String> helperNames(KeyPersons.Visit visit) {
            Map<UUID, String> names = team.stream().collect(Collectors.toMap(KeyPersons.Member::id,
                    KeyPersons.Member::name, (a, b) -> a));
            return visit.helperIds().stream().map(id -> names.getOrDefault(id, "?")).toList();
        }

        /**
         * The record with the team's informants the reader may not know shown by their role alone ({@code word}, 信息员
         * in the reader's language): no name, staff id, relation or phone, as the roster shows them.
         */
        public Detail withholding(Set<UUID> informants, String word) {
            if (informants.isEmpty()) {
                return this;
            }
            List<KeyPersons.Member> shown = team.stream().map(m -> m.staffId() == null
                    || !informants.contains(m.staffId()) ? m : new KeyPersons.Member(m.id(), m.personId(), null, word,
                            m.role(), null, null, m.joinedOn(), m.leftOn(), m.leftReason())).toList();
            return new Detail(person, status, shown, riskHistory, visits, contactCardOn);
        }
    }

    /**
     * The staff in the team who are informants the caller may not know (issue 4: an informant is named only to his
     * handler and the station chief), whatever role he was given in the team. Without the forces module to ask, the
     * staff in the team as designated informants are withheld: none is named rather than one wrongly.
     */
    public Set<UUID> informantsHiddenFrom(Detail detail, Caller caller) {
        List<UUID> staff = detail.team().stream().map(KeyPersons.Member::staffId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        if (staff.isEmpty()) {
            return Set.of();
        }
        InformantDisclosure disclosure = informants.getIfAvailable();
        return disclosure != null ? disclosure.hiddenFrom(caller, staff) : detail.team().stream()
                .filter(m -> m.staffId() != null && m.role() == HelperRole.INFORMANT).map(KeyPersons.Member::staffId)
                .collect(Collectors.toSet());
    }

    /**
     * One key person's care record, its informants shown to the caller as {@link #informantsHiddenFrom} says; reading
     * it is audited as a read of the person.
     */
    public Detail read(UUID personId, Caller caller, Locale locale) {
        Detail detail = detail(personId, caller, locale);
        events.publishEvent(new Audited("READ", "person", personId.toString(), detail.person().unitPath(), null,
                Map.of("view", "key-person"), null));
        return detail;
    }

    /** As {@link #read}, without its own audit entry: for a caller (a PDF export) that audits the whole read. */
    public Detail detail(UUID personId, Caller caller, Locale locale) {
        KeyPersons.Row row = visible(personId, caller);
        LocalDate card = row.householdId() == null ? null
                : households.find(row.householdId()).map(Households.Household::contactCardOn).orElse(null);
        Detail detail = new Detail(row, status(row, today()), keyPersons.team(personId),
                keyPersons.riskHistory(personId), shown(keyPersons.visits(personId, row.householdId(), MAX_VISITS),
                        locale), card);
        return detail.withholding(informantsHiddenFrom(detail, caller),
                messages.getMessage("gridRole.INFORMANT", null, "信息员", locale));
    }

    /**
     * The visits to a person who is no key person or to his household, newest first, leaving out those recorded as
     * another member's key-person visit, their changes in the reader's language (no audit: the caller audits).
     */
    public List<KeyPersons.Visit> visitsOf(UUID personId, UUID householdId, Locale locale) {
        return shown(keyPersons.visitsOfMember(personId, householdId, MAX_VISITS), locale);
    }

    /** The visits with each change made during them in the reader's language, as the household's page says them. */
    private List<KeyPersons.Visit> shown(List<KeyPersons.Visit> visits, Locale locale) {
        return visits.stream().map(v -> v.changes().isEmpty() ? v : v.withChanges(v.changes().stream()
                .map(c -> c.withSummary(changeTexts.text(c, locale))).toList())).toList();
    }

    /** The key person's row, or none when the person is no key person or not visible. */
    public java.util.Optional<KeyPersons.Row> find(UUID personId, Caller caller) {
        return keyPersons.findVisible(personId, caller);
    }

    /**
     * The active staff the caller may add to the key person's team as themselves (those of his unit and above it),
     * without those in the team already and without informants, whom a list of names must not point out.
     */
    public List<KeyPersons.Staff> staffChoices(Detail detail, Caller caller) {
        Set<UUID> inTeam = detail.currentTeam().stream().map(KeyPersons.Member::staffId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        return keyPersons.staffChoices(detail.person().unitPath(), detail.person().gridId(), caller).stream()
                .filter(s -> !inTeam.contains(s.id())).toList();
    }

    /**
     * 警民联系卡: the police contact card handed over to the key person's household on a day (issue 3: a card handed
     * over is recorded on the household, where the figures count it), during a visit of the caller's when visitId is
     * given. 404 for a person out of the caller's reach; one with no household is refused (the card has nowhere to
     * be recorded); the day is checked as on the household's page. Audited as a change of the household.
     */
    @Transactional
    public Households.Household contactCard(UUID personId, LocalDate on, UUID visitId, List<Invalid.Problem> found,
            Caller caller) {
        KeyPersons.Row person = visible(personId, caller);
        if (person.householdId() == null) {
            List<Invalid.Problem> problems = new ArrayList<>(found);
            problems.add(problem("householdId", "care.contactCard.noHousehold"));
            throw new Invalid("error.invalid", problems);
        }
        return housing.contactCard(person.householdId(), on, visitId, found, caller);
    }

    public record NewMember(UUID staffId, String name, HelperRole role, String relation, String phone,
            LocalDate joinedOn) {
    }

    @Transactional
    public KeyPersons.Member addMember(UUID personId, NewMember in, Caller caller) {
        return addMember(personId, in, List.of(), caller);
    }

    /**
     * {@link #addMember(UUID, NewMember, Caller)} with the problems a client's body already showed (a value of the
     * wrong kind): refused with them and the member's own at once, nothing saved.
     */
    @Transactional
    public KeyPersons.Member addMember(UUID personId, NewMember in, List<Invalid.Problem> found, Caller caller) {
        KeyPersons.Row person = visible(personId, caller);
        decides(caller);
        List<Invalid.Problem> problems = new ArrayList<>(found);
        // a staff id that could not be read is refused as such, not taken for a helper named by no name
        boolean staffAsked = in.staffId() != null || found.stream().anyMatch(p -> p.field().equals("staffId"));
        String name = trim(in.name());
        if (in.staffId() != null) {
            KeyPersons.Staff staff = keyPersons.visibleStaff(in.staffId(), caller).orElse(null);
            if (staff == null) {
                problems.add(problem("staffId", "care.staff.unknown"));
            } else if (!staff.active()) {
                // named: the grid chief chose him from a list and must learn that he left, not that he never was
                problems.add(problem("staffId", "care.staff.inactive", staff.name()));
            } else {
                name = staff.name();
                if (keyPersons.staffInTeam(personId, in.staffId())) {
                    problems.add(problem("staffId", "care.team.alreadyMember"));
                }
            }
        } else if (name == null && !staffAsked) {
            problems.add(problem("name", "error.field.required"));
        } else if (name != null && name.length() > 64) {
            problems.add(problem("name", "care.text.tooLong", 64));
        }
        if (in.role() == null) {
            problems.add(problem("role", "error.field.required"));
        }
        String relation = trim(in.relation());
        if (relation != null && relation.length() > 64) {
            problems.add(problem("relation", "care.text.tooLong", 64));
        }
        String phone = null;
        if (trim(in.phone()) != null) {
            phone = PhoneNumbers.normalised(in.phone());
            if (phone == null) {
                problems.add(problem("phone", "population.phone.invalid"));
            }
        }
        LocalDate today = today();
        LocalDate joined = in.joinedOn() == null ? today : in.joinedOn();
        if (joined.isAfter(today)) {
            problems.add(problem("joinedOn", "care.date.future"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID id = UUID.randomUUID();
        keyPersons.insertMember(id, personId, in.staffId(), name, in.role(), relation,
                StoredPhone.of(cipher, phone).cipher(), PhoneNumbers.masked(phone), joined, caller.staffId());
        KeyPersons.Member created = keyPersons.member(id).orElseThrow();
        events.publishEvent(Audited.created("helper_membership", id, person.unitPath(), state(created)));
        return created;
    }

    @Transactional
    public KeyPersons.Member endMember(UUID personId, UUID memberId, LocalDate leftOn, String reason, Caller caller) {
        KeyPersons.Row person = visible(personId, caller);
        decides(caller);
        KeyPersons.Member before = keyPersons.member(memberId).filter(m -> m.personId().equals(personId))
                .orElseThrow(() -> new NotFound("helper_membership", memberId));
        List<Invalid.Problem> problems = new ArrayList<>();
        if (!before.current()) {
            problems.add(problem("memberId", "care.team.alreadyLeft"));
        }
        LocalDate today = today();
        LocalDate left = leftOn == null ? today : leftOn;
        if (left.isAfter(today)) {
            problems.add(problem("leftOn", "care.date.future"));
        } else if (left.isBefore(before.joinedOn())) {
            problems.add(problem("leftOn", "care.team.leftBeforeJoined", before.joinedOn()));
        }
        String why = trim(reason);
        if (why != null && why.length() > 500) {
            problems.add(problem("reason", "care.text.tooLong", 500));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        keyPersons.endMember(memberId, left, why);
        KeyPersons.Member after = keyPersons.member(memberId).orElseThrow();
        events.publishEvent(Audited.updated("helper_membership", memberId, person.unitPath(), state(before), state(after)));
        return after;
    }

    @Transactional
    public KeyPersons.Row setRisk(UUID personId, Risk risk, String reason, Caller caller) {
        return setRisk(personId, risk, reason, List.of(), caller);
    }

    /** {@link #setRisk(UUID, Risk, String, Caller)} refused with the body's unreadable values too, nothing saved. */
    @Transactional
    public KeyPersons.Row setRisk(UUID personId, Risk risk, String reason, List<Invalid.Problem> found,
            Caller caller) {
        // his row locked first: two changes at once each record the level the other left, and raise his version in turn
        persons.lockVersion(personId);
        KeyPersons.Row before = visible(personId, caller);
        decides(caller);
        List<Invalid.Problem> problems = new ArrayList<>(found);
        if (risk == null) {
            problems.add(problem("risk", "error.field.required"));
        } else if (risk == before.risk()) {
            problems.add(problem("risk", "care.risk.unchanged"));
        }
        String why = trim(reason);
        if (why == null || why.length() < 4) {
            problems.add(problem("reason", "care.risk.reason"));
        } else if (why.length() > 500) {
            problems.add(problem("reason", "care.text.tooLong", 500));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        keyPersons.setRisk(personId, before.risk(), risk, why, caller.staffId(), OffsetDateTime.now(clock));
        KeyPersons.Row after = keyPersons.findVisible(personId, caller).orElseThrow();
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("risk", before.risk() == null ? null : before.risk().name());
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("risk", risk.name());
        now.put("reason", why);
        events.publishEvent(Audited.updated("key-person-risk", personId, after.unitPath(), was, now));
        return after;
    }

    /**
     * A key person's risk and team are decided by the grid chief and the police above him (KEY_PERSON_MANAGE); the
     * grid manager and the other helpers visit and record. Asked after the person is found, so that a person out of
     * the caller's reach stays unknown to him; refused saying who decides, in the caller's language.
     */
    private static void decides(Caller caller) {
        if (!caller.may("KEY_PERSON_MANAGE")) {
            throw new org.fengqiao.platform.Refused("care.decide.gridChief");
        }
    }

    /** contactCard: the police contact card (警民联系卡) was handed to his household at the visit. */
    public record NewVisit(String findings, PersonState state, List<UUID> helperIds, OffsetDateTime visitedAt,
            boolean contactCard) {

        public NewVisit(String findings, PersonState state, List<UUID> helperIds, OffsetDateTime visitedAt) {
            this(findings, state, helperIds, visitedAt, false);
        }
    }

    /** A visit to the key person by the caller, with the team members who came and the person's state. */
    @Transactional
    public KeyPersons.Visit recordVisit(UUID personId, NewVisit in, Caller caller) {
        return recordVisit(personId, in, null, caller).visit();
    }

    /** A visit as recorded, and whether this request recorded it (false: the same key recorded it before). */
    public record RecordedVisit(KeyPersons.Visit visit, boolean created) {
    }

    /**
     * A visit to the key person by the caller, once per idempotency key (none: every call records one): the same
     * key again answers the visit recorded the first time; the same key with another visit is refused.
     */
    @Transactional
    public RecordedVisit recordVisit(UUID personId, NewVisit in, String idempotencyKey, Caller caller) {
        return recordVisit(personId, in, idempotencyKey, List.of(), caller);
    }

    /**
     * {@link #recordVisit(UUID, NewVisit, String, Caller)} with the problems a client's body already showed (a value of
     * the wrong kind): refused with them and the visit's own at once, nothing recorded.
     */
    @Transactional
    public RecordedVisit recordVisit(UUID personId, NewVisit in, String idempotencyKey, List<Invalid.Problem> found,
            Caller caller) {
        KeyPersons.Row person = visible(personId, caller);
        List<Invalid.Problem> problems = new ArrayList<>(found);
        String key = VisitKeys.clean(idempotencyKey, problems);
        byte[] hash = key == null ? null : VisitKeys.hash("kind", "key-person", "personId", personId,
                "findings", trim(in.findings()), "state", in.state(),
                "helperIds", in.helperIds() == null ? null : in.helperIds().stream().distinct().sorted().toList(),
                "visitedAt", in.visitedAt() == null ? null : in.visitedAt().toInstant(),
                "contactCard", in.contactCard());
        // a body with an unreadable value was never recorded, so it is no retry of a visit that was
        if (key != null && found.isEmpty()) {
            java.util.Optional<VisitLog.Prior> prior = visitLog.prior(caller.staffId(), key);
            if (prior.isPresent()) {
                return again(personId, person, prior.get(), hash);
            }
        }
        // an empty visit would restart the person's rhythm (and clear his overdue flag) with nothing to show for it
        String findings = trim(in.findings());
        if (findings == null) {
            problems.add(problem("findings", "error.field.required"));
        } else if (findings.length() > MAX_TEXT) {
            problems.add(problem("findings", "care.text.tooLong", MAX_TEXT));
        }
        if (in.state() == null) {
            problems.add(problem("state", "error.field.required"));
        }
        if (in.contactCard() && person.householdId() == null) {
            problems.add(problem("contactCard", "care.contactCard.noHousehold"));
        }
        List<UUID> helpers = in.helperIds() == null ? List.of() : in.helperIds().stream().distinct().toList();
        Set<UUID> team = keyPersons.team(personId).stream().filter(KeyPersons.Member::current)
                .map(KeyPersons.Member::id).collect(Collectors.toSet());
        if (!team.containsAll(helpers)) {
            problems.add(problem("helperIds", "care.visit.notInTeam"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime visitedAt = in.visitedAt() == null ? now : in.visitedAt();
        VisitDatePolicy.Decision dated = VisitDatePolicy.judge(visitedAt, now, KeyPersons.LOCAL, lateEntryDays,
                person.since());
        if (!dated.allowed()) {
            problems.add(switch (dated.refusal()) {
                case FUTURE -> problem("visitedAt", "care.date.future");
                case BEFORE_DESIGNATION -> problem("visitedAt", "care.visit.beforeDesignation", person.since());
                case TOO_LATE_ENTERED -> problem("visitedAt", "care.visit.tooLateEntered", dated.earliest(),
                        lateEntryDays);
            });
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        // the visit is his household's too, so it reaches every key person of the household: as they stand before it
        List<KeyPersons.Row> reached = person.householdId() == null ? List.of(person)
                : keyPersons.ofHousehold(person.householdId());
        UUID id = UUID.randomUUID();
        if (!visitLog.insert(id, person.gridId(), person.householdId(), caller.staffId(), visitedAt, findings,
                in.contactCard(), key, hash)) {
            // a concurrent request with the same key recorded it meanwhile
            return again(personId, person, visitLog.prior(caller.staffId(), key).orElseThrow(), hash);
        }
        keyPersons.insertVisitPerson(id, personId, in.state(), helpers);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("personId", personId.toString());
        after.put("householdId", person.householdId() == null ? null : person.householdId().toString());
        after.put("visitedAt", visitedAt.toString());
        after.put("findings", findings);
        after.put("state", in.state().name());
        after.put("helperIds", helpers.stream().map(UUID::toString).toList());
        after.put("contactCard", in.contactCard());
        events.publishEvent(Audited.created("visit", id, person.unitPath(), after));
        if (in.contactCard()) {
            housing.cardHandedAtVisit(households.find(person.householdId()).orElseThrow(), id, visitedAt);
        }
        visited.announce(new VisitAnnouncements.Recorded(id, person.householdId(), person.gridId(), person.unitPath(),
                caller.staffId(), visitedAt), reached);
        return new RecordedVisit(visit(personId, person, id), true);
    }

    private RecordedVisit again(UUID personId, KeyPersons.Row person, VisitLog.Prior prior, byte[] hash) {
        return new RecordedVisit(visit(personId, person, VisitKeys.repeated(prior, hash)), false);
    }

    private KeyPersons.Visit visit(UUID personId, KeyPersons.Row person, UUID visitId) {
        return keyPersons.visits(personId, person.householdId(), MAX_VISITS).stream()
                .filter(v -> v.id().equals(visitId)).findFirst().orElseThrow();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(KeyPersons.LOCAL));
    }

    private KeyPersons.Row visible(UUID personId, Caller caller) {
        return keyPersons.findVisible(personId, caller).orElseThrow(() -> new NotFound("key-person", personId));
    }

    private static Map<String, Object> state(KeyPersons.Member m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("personId", m.personId().toString());
        s.put("staffId", m.staffId() == null ? null : m.staffId().toString());
        s.put("name", m.name());
        s.put("role", m.role().name());
        s.put("relation", m.relation());
        s.put("phone", m.phoneMasked());
        s.put("joinedOn", m.joinedOn().toString());
        s.put("leftOn", m.leftOn() == null ? null : m.leftOn().toString());
        s.put("leftReason", m.leftReason());
        return s;
    }

    static Invalid.Problem problem(String field, String key, Object... args) {
        return new Invalid.Problem(field, key, args);
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
