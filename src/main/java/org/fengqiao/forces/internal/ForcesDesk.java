package org.fengqiao.forces.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.forces.ContactWay;
import org.fengqiao.forces.InformantContacted;
import org.fengqiao.forces.MemberStatus;
import org.fengqiao.forces.ShiftCompleted;
import org.fengqiao.forces.TeamKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commands and reads of the forces' rosters. Everything a caller names (unit, grid, zone, team, person,
 * company, post, shift) must lie in his scope, or it is not found; an informant is not found by anyone but
 * his handler and those who may know informants. Input is checked in full before anything is written, each
 * change is audited with before and after, each read of a person's profile is audited.
 */
@Service
public class ForcesDesk {

    static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    static final Pattern FIXED = Pattern.compile("0[0-9]{2,3}-?[0-9]{7,8}");
    /** A member may check in this long before his shift starts. */
    static final Duration EARLY_CHECK_IN = Duration.ofHours(1);
    /**
     * A member may check out this long after his shift's end (a night shift ending at 08:00 until 20:00): he is
     * credited the hours until the end. After it the shift is closed without him (OpenShiftSweep), with no hours.
     */
    static final Duration LATE_CHECK_OUT = Duration.ofHours(12);
    /** How long a shift closed without check-out stays on its member's own page, with the reason. */
    static final Duration CLOSED_UNCHECKED_SHOWN = Duration.ofDays(7);
    static final ZoneId CHINA = LocalTimes.ZONE;
    public static final ZoneId CHINA_ZONE = CHINA;
    /** The last day whose coverage is asked after: the last of the years the platform's filters take. */
    public static final LocalDate LAST_COVERAGE_DAY = PeriodFigures.Period.LATEST;

    private final Teams teams;
    private final Members members;
    private final Companies companies;
    private final Posts posts;
    private final InformantContacts contacts;
    private final Jurisdictions jurisdictions;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ForcesDesk(Teams teams, Members members, Companies companies, Posts posts, InformantContacts contacts,
            Jurisdictions jurisdictions, PersonalDataCipher cipher, ApplicationEventPublisher events, Clock clock) {
        this.teams = teams;
        this.members = members;
        this.companies = companies;
        this.posts = posts;
        this.contacts = contacts;
        this.jurisdictions = jurisdictions;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(CHINA));
    }

    // ---------------------------------------------------------------- teams

    public record NewTeam(UUID unitId, UUID gridId, TeamKind kind, String name, String note) {
    }

    @Transactional
    public Teams.Team createTeam(Caller caller, NewTeam t) {
        List<Invalid.Problem> problems = new ArrayList<>();
        Unit unit = t.unitId() == null ? null : jurisdictions.visibleUnit(new UnitId(t.unitId()), caller).orElse(null);
        if (unit == null) {
            problems.add(problem("unitId", "forces.unit.unknown"));
        }
        Grid grid = null;
        if (t.gridId() != null) {
            grid = grid(t.gridId(), null, caller, problems);
        }
        if (t.kind() == null) {
            problems.add(problem("kind", "forces.team.kind.required"));
        }
        String name = trim(t.name());
        if (name == null) {
            problems.add(problem("name", "forces.team.name.required"));
        } else if (name.length() > 100) {
            problems.add(problem("name", "forces.name.tooLong"));
        } else if (unit != null && teams.nameTaken(unit.id().value(), name)) {
            problems.add(problem("name", "forces.team.name.taken"));
        }
        check(problems);
        UUID id = UUID.randomUUID();
        teams.insert(id, unit.id().value(), grid == null ? null : grid.id().value(), t.kind(), name, trim(t.note()));
        Teams.Team team = teams.find(id, Visibility.of(caller)).orElseThrow();
        events.publishEvent(Audited.created("force_team", id, team.unitPath(), team));
        return team;
    }

    public Teams.Team team(Caller caller, UUID id) {
        return teams.find(id, Visibility.of(caller)).orElseThrow(() -> new NotFound("team", id));
    }

    public List<Teams.Team> teams(Caller caller, TeamKind kind, UUID gridId, String q) {
        if (unread(caller, gridId)) {
            return List.of();
        }
        return teams.list(Visibility.of(caller), kind, gridId, trim(q));
    }

    public List<Teams.Membership> teamMembers(Caller caller, UUID teamId) {
        team(caller, teamId);
        return teams.members(teamId, Visibility.of(caller));
    }

    @Transactional
    public Teams.Membership join(Caller caller, UUID teamId, UUID staffId, boolean leader, LocalDate joinedOn) {
        Teams.Team team = team(caller, teamId);
        if (staffId == null) {
            throw Invalid.of("staffId", "forces.member.required");
        }
        members.find(staffId, Visibility.of(caller)).orElseThrow(() -> new NotFound("member", staffId));
        LocalDate on = joinedOn == null ? today() : joinedOn;
        if (on.isAfter(today().plusYears(1))) {
            throw Invalid.of("joinedOn", "forces.date.tooLate");
        }
        if (teams.openTerm(teamId, staffId).isPresent()) {
            throw Invalid.of("staffId", "forces.team.member.already");
        }
        UUID id = UUID.randomUUID();
        teams.join(id, teamId, staffId, leader, on);
        Teams.Membership term = teams.openTerm(teamId, staffId).orElseThrow();
        events.publishEvent(Audited.created("force_team_member", id, team.unitPath(),
                Map.of("team", teamId, "staff", staffId, "leader", leader, "joinedOn", on.toString())));
        return term;
    }

    @Transactional
    public Teams.Membership leave(Caller caller, UUID teamId, UUID staffId, LocalDate leftOn) {
        Teams.Team team = team(caller, teamId);
        members.find(staffId, Visibility.of(caller)).orElseThrow(() -> new NotFound("member", staffId));
        Teams.Membership term = teams.openTerm(teamId, staffId).orElseThrow(() -> new NotFound("membership", staffId));
        LocalDate on = leftOn == null ? today() : leftOn;
        if (on.isBefore(term.joinedOn())) {
            throw Invalid.of("leftOn", "forces.team.member.leftBeforeJoined");
        }
        teams.leave(term.id(), on);
        events.publishEvent(Audited.updated("force_team_member", term.id(), team.unitPath(),
                Map.of("leftOn", "null"), Map.of("leftOn", on.toString())));
        return new Teams.Membership(term.id(), term.teamId(), term.teamName(), term.kind(), term.staffId(), term.name(),
                term.role(), term.phoneMasked(), term.leader(), term.joinedOn(), on);
    }

    // ---------------------------------------------------------------- members

    public record Profile(String phone, UUID gridId, UUID zoneId, List<String> skills, String availability,
            MemberStatus status, UUID handlerId, UUID companyId, String licenceNumber) {
    }

    /** What the audit trail keeps of a profile: the phone only masked. */
    record Snapshot(UUID gridId, UUID zoneId, String phoneMasked, List<String> skills, String availability,
            MemberStatus status, UUID handlerId, UUID companyId, String licenceNumber) {
        static Snapshot of(Members.Member m) {
            return new Snapshot(m.gridId(), m.zoneId(), m.phoneMasked(), m.skills(), m.availability(), m.status(),
                    m.handlerId(), m.companyId(), m.licenceNumber());
        }
    }

    /** One person's roster profile; the read is audited. */
    public Members.Member member(Caller caller, UUID staffId) {
        Members.Member m = members.find(staffId, Visibility.of(caller)).orElseThrow(() -> new NotFound("member", staffId));
        events.publishEvent(Audited.read("force_member", staffId, m.unitPath()));
        return m;
    }

    public List<Members.Training> trainings(Caller caller, UUID staffId) {
        members.find(staffId, Visibility.of(caller)).orElseThrow(() -> new NotFound("member", staffId));
        return members.trainings(staffId);
    }

    /** The days and unit a list of the defence people was asked for, and a page of them with how many in all. */
    public record Defenders(Unit unit, LocalDate from, LocalDate to, List<Members.Member> items, long total) {
    }

    /**
     * The defence people the work figures count: of the teams of a unit of the caller's scope and those under it
     * (404 outside; his whole scope when none is named) over the days (by default this month up to today).
     */
    public Defenders defenders(Caller caller, UUID unitId, LocalDate from, LocalDate to, int limit, int offset) {
        Unit unit = unitId == null ? null : jurisdictions.visibleUnit(new UnitId(unitId), caller)
                .orElseThrow(() -> new NotFound("unit", unitId));
        PeriodFigures.Period days = PeriodFigures.Period.asked(from, to, today());
        String[] under = unit == null ? caller.scopePatterns() : new String[] {unit.path() + "%"};
        Members.Page found = members.defenders(under, days.first(), days.last(), Visibility.of(caller), limit, offset);
        return new Defenders(unit, days.first(), days.last(), found.items(), found.total());
    }

    public Members.Page members(Caller caller, Members.Filter filter, int limit, int offset) {
        if (unread(caller, filter.gridId())) {
            return new Members.Page(List.of(), 0);
        }
        return members.list(filter, Visibility.of(caller), limit, offset);
    }

    /**
     * Whether a list's grid filter names a grid the caller does not read ({@link GridReach}: another grid of the office
     * a grid coordinator's grids are placed at), which matches nothing, as on every list page: the filters offer him
     * his own grids only, and a grid typed into the address lists nobody of it.
     */
    private static boolean unread(Caller caller, UUID gridId) {
        return gridId != null && !GridReach.of(caller).reaches(gridId, false);
    }

    @Transactional
    public Members.Member saveProfile(Caller caller, UUID staffId, Profile p) {
        Visibility v = Visibility.of(caller);
        Members.Member before = members.find(staffId, v).orElseThrow(() -> new NotFound("member", staffId));
        List<Invalid.Problem> problems = new ArrayList<>();
        String phone = null;
        if (p.phone() != null && !p.phone().isBlank()) {
            phone = normalisedPhone(p.phone());
            if (phone == null) {
                problems.add(problem("phone", "forces.phone.invalid"));
            }
        }
        if (p.gridId() != null) {
            grid(p.gridId(), before.gridId(), caller, problems);
        }
        if (p.zoneId() != null) {
            zone(p.zoneId(), before.zoneId() == null ? List.of() : List.of(before.zoneId()), "zoneId", v, problems);
        }
        List<String> skills = new ArrayList<>(new LinkedHashSet<>(
                (p.skills() == null ? List.<String>of() : p.skills()).stream().map(ForcesDesk::trim)
                        .filter(s -> s != null).toList()));
        if (skills.size() > 20 || skills.stream().anyMatch(s -> s.length() > 40)) {
            problems.add(problem("skills", "forces.skills.tooMany"));
        }
        String availability = trim(p.availability());
        if (availability != null && availability.length() > 200) {
            problems.add(problem("availability", "forces.availability.tooLong"));
        }
        if (p.handlerId() != null) {
            if (!"INFORMANT".equals(before.role())) {
                problems.add(problem("handlerId", "forces.handler.onlyInformants"));
            } else if (members.find(p.handlerId(), v).filter(h -> !"INFORMANT".equals(h.role())).isEmpty()) {
                problems.add(problem("handlerId", "forces.handler.unknown"));
            }
        } else if ("INFORMANT".equals(before.role()) && before.handlerId() != null) {
            // an informant keeps a handler: without one, nobody but the station chief would know him
            problems.add(problem("handlerId", "forces.handler.required"));
        }
        if (p.companyId() != null) {
            if (!"SECURITY_GUARD".equals(before.role())) {
                problems.add(problem("companyId", "forces.company.onlyGuards"));
            } else if (companies.find(p.companyId(), v, today()).isEmpty()) {
                problems.add(problem("companyId", "forces.company.unknown"));
            }
        }
        String licence = trim(p.licenceNumber());
        if (licence != null && licence.length() > 40) {
            problems.add(problem("licenceNumber", "forces.licence.tooLong"));
        }
        check(problems);
        members.upsert(staffId, p.gridId(), p.zoneId(), phone == null ? null : cipher.encrypt(phone), masked(phone),
                phone != null, skills, availability, p.status() == null ? MemberStatus.ACTIVE : p.status(),
                p.handlerId(), p.companyId(), licence);
        Members.Member after = members.find(staffId, v).or(() -> members.self(staffId)).orElseThrow();
        events.publishEvent(Audited.updated("force_member", staffId, before.unitPath(), Snapshot.of(before),
                Snapshot.of(after)));
        return after;
    }

    /** A member's full phone for one who manages the roster, with a stated reason; audited. */
    public String revealPhone(Caller caller, UUID staffId, String reason) {
        if (reason == null || reason.trim().length() < 4) {
            throw Invalid.of("reason", "forces.reveal.reason");
        }
        Members.Member m = members.find(staffId, Visibility.of(caller)).orElseThrow(() -> new NotFound("member", staffId));
        byte[] sealed = members.phoneCipher(staffId).orElseThrow(() -> Invalid.of("phone", "forces.reveal.empty"));
        events.publishEvent(new Audited("REVEAL", "force_member", staffId.toString(), m.unitPath(), null,
                Map.of("field", "phone", "reason", reason.trim()), null));
        return cipher.decrypt(sealed);
    }

    @Transactional
    public Members.Training addTraining(Caller caller, UUID staffId, LocalDate heldOn, String topic, BigDecimal hours) {
        Members.Member m = members.find(staffId, Visibility.of(caller)).orElseThrow(() -> new NotFound("member", staffId));
        List<Invalid.Problem> problems = new ArrayList<>();
        if (heldOn == null) {
            problems.add(problem("heldOn", "forces.training.date.required"));
        } else if (heldOn.isAfter(today())) {
            problems.add(problem("heldOn", "forces.training.date.future"));
        }
        String t = trim(topic);
        if (t == null) {
            problems.add(problem("topic", "forces.training.topic.required"));
        } else if (t.length() > 200) {
            problems.add(problem("topic", "forces.name.tooLong"));
        }
        if (hours == null || hours.signum() <= 0 || hours.compareTo(BigDecimal.valueOf(1000)) > 0) {
            problems.add(problem("hours", "forces.training.hours.invalid"));
        }
        check(problems);
        UUID id = UUID.randomUUID();
        BigDecimal h = hours.setScale(1, RoundingMode.HALF_UP);
        members.addTraining(id, staffId, heldOn, t, h);
        Members.Training training = new Members.Training(id, heldOn, t, h);
        events.publishEvent(Audited.created("force_training", id, m.unitPath(),
                Map.of("staff", staffId, "heldOn", heldOn.toString(), "topic", t, "hours", h)));
        return training;
    }

    // ---------------------------------------------------------------- informants' contacts

    /** How far back a contact may be recorded: a year, so a mistyped year is caught rather than filed. */
    static final int CONTACT_DAYS_BACK = 366;

    /**
     * An informant's contacts with his handler, latest first: for those who see the informant (his handler and those
     * who may know informants), 404 for anyone else; none for a member who is no informant.
     */
    public List<InformantContacts.Contact> contacts(Caller caller, UUID staffId) {
        Members.Member m = members.find(staffId, Visibility.of(caller)).orElseThrow(() -> new NotFound("member", staffId));
        return "INFORMANT".equals(m.role()) ? contacts.of(staffId) : List.of();
    }

    /**
     * {@link #contacts(Caller, UUID)} read on their own (the API), audited as a read of the informant's record: who
     * met him, when and what was said is as much his record as his profile. The profile's page reads them with the
     * profile, whose read is audited once.
     */
    public List<InformantContacts.Contact> readContacts(Caller caller, UUID staffId) {
        Members.Member m = members.find(staffId, Visibility.of(caller)).orElseThrow(() -> new NotFound("member", staffId));
        events.publishEvent(Audited.read("force_member", staffId, m.unitPath()));
        return "INFORMANT".equals(m.role()) ? contacts.of(staffId) : List.of();
    }

    /**
     * The caller was in contact with the informant: the day (not later than today, at most a year back), how, and
     * what was said (optional, up to 500 characters). Only where the informant shows (his handler and those who may
     * know informants; anyone else finds no such member), by his handler or one who manages the forces (403 for an
     * inspector who only reads them). Audited, and published for the duty checklist
     * (an in-person contact is the week's 走访一次治安信息员).
     */
    @Transactional
    public InformantContacts.Contact addContact(Caller caller, UUID staffId, LocalDate contactedOn, ContactWay way,
            String note) {
        Members.Member m = members.find(staffId, Visibility.of(caller)).orElseThrow(() -> new NotFound("member", staffId));
        if (!caller.staffId().equals(m.handlerId()) && !caller.may("FORCES_MANAGE")) {
            throw new AccessDeniedException("not his handler");
        }
        List<Invalid.Problem> problems = new ArrayList<>();
        if (!"INFORMANT".equals(m.role())) {
            problems.add(problem("staffId", "forces.contact.onlyInformants"));
        }
        if (contactedOn == null) {
            problems.add(problem("contactedOn", "forces.contact.date.required"));
        } else if (contactedOn.isAfter(today())) {
            problems.add(problem("contactedOn", "forces.contact.date.future"));
        } else if (contactedOn.isBefore(today().minusDays(CONTACT_DAYS_BACK))) {
            problems.add(problem("contactedOn", "forces.contact.date.tooOld"));
        }
        if (way == null) {
            problems.add(problem("way", "forces.contact.way.required"));
        }
        String n = trim(note);
        if (n != null && n.length() > 500) {
            problems.add(problem("note", "forces.contact.note.tooLong"));
        }
        check(problems);
        UUID id = UUID.randomUUID();
        UUID grid = contacts.grid(staffId, contactedOn);
        contacts.insert(id, staffId, caller.staffId(), m.unitId(), grid, contactedOn, way, n);
        Map<String, Object> snapshot = new java.util.LinkedHashMap<>();
        snapshot.put("informant", staffId);
        snapshot.put("contactedOn", contactedOn.toString());
        snapshot.put("way", way.name());
        snapshot.put("note", n);
        events.publishEvent(Audited.created("informant_contact", id, m.unitPath(), snapshot));
        events.publishEvent(new InformantContacted(id, caller.staffId(), contactedOn, way, grid));
        return contacts.one(id).orElseThrow();
    }

    // ---------------------------------------------------------------- security companies

    public record NewCompany(UUID unitId, String name, String licenceNumber, LocalDate licenceValidUntil,
            String contactName, String contactPhone, String address, List<UUID> zoneIds) {
    }

    @Transactional
    public Companies.Company createCompany(Caller caller, NewCompany c) {
        Visibility v = Visibility.of(caller);
        List<Invalid.Problem> problems = new ArrayList<>();
        Unit unit = c.unitId() == null ? null : jurisdictions.visibleUnit(new UnitId(c.unitId()), caller).orElse(null);
        if (unit == null) {
            problems.add(problem("unitId", "forces.unit.unknown"));
        }
        CompanyFields f = companyFields(c, v, null, problems);
        check(problems);
        UUID id = UUID.randomUUID();
        companies.insert(id, unit.id().value(), f.name(), f.licence(), c.licenceValidUntil(), trim(c.contactName()),
                f.phone() == null ? null : cipher.encrypt(f.phone()), masked(f.phone()), f.address(), f.zones());
        Companies.Company company = companies.find(id, v, today()).orElseThrow();
        events.publishEvent(Audited.created("security_company", id, company.unitPath(), company));
        return company;
    }

    /**
     * Changes a company of the scope: name, licence number and its last valid day, contact (a blank phone keeps the
     * one on record), address and the zones it serves; checked whole before writing, audited with before and after.
     */
    @Transactional
    public Companies.Company updateCompany(Caller caller, UUID id, NewCompany c) {
        Visibility v = Visibility.of(caller);
        Companies.Company before = companies.find(id, v, today()).orElseThrow(() -> new NotFound("company", id));
        List<Invalid.Problem> problems = new ArrayList<>();
        CompanyFields f = companyFields(c, v, id, problems);
        check(problems);
        companies.lock(id);
        companies.update(id, f.name(), f.licence(), c.licenceValidUntil(), trim(c.contactName()),
                f.phone() == null ? null : cipher.encrypt(f.phone()), masked(f.phone()), f.address(), f.zones());
        Companies.Company after = companies.find(id, v, today()).orElseThrow();
        events.publishEvent(Audited.updated("security_company", id, before.unitPath(), before, after));
        return after;
    }

    /** A company's fields as entered, checked; each broken rule is added to {@code problems}. */
    private record CompanyFields(String name, String licence, String phone, String address, List<UUID> zones) {
    }

    /** Checks what a company form or call sent; {@code except}: the company being changed (its own licence). */
    private CompanyFields companyFields(NewCompany c, Visibility v, UUID except, List<Invalid.Problem> problems) {
        String name = trim(c.name());
        if (name == null) {
            problems.add(problem("name", "forces.company.name.required"));
        } else if (name.length() > 100) {
            problems.add(problem("name", "forces.name.tooLong"));
        }
        String licence = trim(c.licenceNumber());
        if (licence == null) {
            problems.add(problem("licenceNumber", "forces.company.licence.required"));
        } else if (licence.length() > 40) {
            problems.add(problem("licenceNumber", "forces.licence.tooLong"));
        } else if ((except == null ? companies.licenceTaken(licence) : companies.licenceTaken(licence, except))) {
            problems.add(problem("licenceNumber", "forces.company.licence.taken"));
        }
        if (c.licenceValidUntil() == null) {
            problems.add(problem("licenceValidUntil", "forces.company.licence.validUntil.required"));
        }
        String phone = null;
        if (c.contactPhone() != null && !c.contactPhone().isBlank()) {
            phone = normalisedPhone(c.contactPhone());
            if (phone == null) {
                problems.add(problem("contactPhone", "forces.phone.invalid"));
            }
        }
        List<UUID> asked = c.zoneIds() == null ? new ArrayList<>() : new ArrayList<>(new LinkedHashSet<>(c.zoneIds()));
        // a blank choice (null) names no zone: said once, as an unknown zone is
        boolean blank = asked.remove(null);
        List<UUID> zones = List.copyOf(asked);
        List<UUID> served = except == null ? List.of() : companies.zoneIds(except);
        if (blank) {
            problems.add(problem("zoneIds", "forces.zone.unknown"));
        } else {
            List<Invalid.Problem> refused = new ArrayList<>();
            zones.forEach(zone -> zone(zone, served, "zoneIds", v, refused));
            // one "unknown" for however many, as it names none; each retired zone by its name
            refused.stream().filter(r -> r.args().length > 0).forEach(problems::add);
            refused.stream().filter(r -> r.args().length == 0).findFirst().ifPresent(problems::add);
        }
        String address = trim(c.address());
        if (address != null && address.length() > 200) {
            problems.add(problem("address", "forces.name.tooLong"));
        }
        return new CompanyFields(name, licence, phone, address, zones);
    }

    /** The zones a company of the scope serves, for its edit form. */
    public List<UUID> companyZones(Caller caller, UUID id) {
        company(caller, id);
        return companies.zoneIds(id);
    }

    /**
     * Whether the caller may open the company: a guard of his subtree may work for a company registered above it (the
     * station's), whose page is not his to open.
     */
    public boolean seesCompany(Caller caller, UUID id) {
        return id != null && companies.find(id, Visibility.of(caller), today()).isPresent();
    }

    public Companies.Company company(Caller caller, UUID id) {
        return companies.find(id, Visibility.of(caller), today()).orElseThrow(() -> new NotFound("company", id));
    }

    public List<Companies.Company> companies(Caller caller, UUID zoneId, boolean expiring, String q) {
        return companies.list(Visibility.of(caller), today(), zoneId, expiring, trim(q));
    }

    public List<Companies.Zone> zones(Caller caller) {
        return companies.zones(Visibility.of(caller));
    }

    /**
     * The zones a form offers a company or member that serves {@code held}: those in use of the scope, and after them
     * those of {@code held} retired since, marked, which it keeps while the form leaves them ticked (a form that
     * offered only zones in use would drop them unseen at the next save).
     */
    public List<Companies.ZoneToServe> zoneChoices(Caller caller, java.util.Collection<UUID> held) {
        Visibility v = Visibility.of(caller);
        List<Companies.ZoneToServe> choices = new ArrayList<>(companies.zones(v).stream()
                .map(z -> new Companies.ZoneToServe(z, false)).toList());
        held.stream().filter(java.util.Objects::nonNull)
                .filter(id -> choices.stream().noneMatch(c -> c.zone().id().equals(id)))
                .map(id -> companies.zone(id, v)).flatMap(Optional::stream)
                .forEach(z -> choices.add(new Companies.ZoneToServe(z, true)));
        return choices;
    }

    // ---------------------------------------------------------------- posts and shifts

    public record NewPost(UUID gridId, String name, String place, Double lon, Double lat) {
    }

    @Transactional
    public Posts.Post createPost(Caller caller, NewPost p) {
        PostFields f = postFields(caller, p, null);
        UUID id = UUID.randomUUID();
        posts.insert(id, f.grid().id().value(), f.name(), trim(p.place()), p.lon(), p.lat());
        Posts.Post post = posts.find(id, Visibility.of(caller)).orElseThrow();
        events.publishEvent(Audited.created("force_post", id, post.unitPath(), post));
        return post;
    }

    /** Changes a post of the scope: its grid (one the caller sees), name, place and location; audited. */
    @Transactional
    public Posts.Post updatePost(Caller caller, UUID id, NewPost p) {
        Visibility v = Visibility.of(caller);
        Posts.Post before = posts.find(id, v).orElseThrow(() -> new NotFound("post", id));
        PostFields f = postFields(caller, p, before.gridId());
        posts.lock(id);
        posts.update(id, f.grid().id().value(), f.name(), trim(p.place()), p.lon(), p.lat());
        Posts.Post after = posts.find(id, v).orElseThrow();
        events.publishEvent(Audited.updated("force_post", id, before.unitPath(), before, after));
        return after;
    }

    private record PostFields(Grid grid, String name) {
    }

    /** A post's grid (one the caller sees), name and location as sent, checked whole; refused with every problem. */
    private PostFields postFields(Caller caller, NewPost p, UUID keptGrid) {
        List<Invalid.Problem> problems = new ArrayList<>();
        Grid grid = p.gridId() == null ? null : grid(p.gridId(), keptGrid, caller, problems);
        if (p.gridId() == null) {
            problems.add(problem("gridId", "forces.grid.unknown"));
        }
        String name = trim(p.name());
        if (name == null) {
            problems.add(problem("name", "forces.post.name.required"));
        } else if (name.length() > 100) {
            problems.add(problem("name", "forces.name.tooLong"));
        }
        if ((p.lon() == null) != (p.lat() == null)) {
            problems.add(problem("lon", "forces.post.location.invalid"));
        }
        // written "within" so that NaN (never compared true) and 1e999 (Infinity) are refused too, each named
        if (p.lon() != null && !(Math.abs(p.lon()) <= 180)) {
            problems.add(problem("lon", "forces.post.lon.range"));
        }
        if (p.lat() != null && !(Math.abs(p.lat()) <= 90)) {
            problems.add(problem("lat", "forces.post.lat.range"));
        }
        check(problems);
        return new PostFields(grid, name);
    }

    public Posts.Post post(Caller caller, UUID id) {
        return posts.find(id, Visibility.of(caller)).orElseThrow(() -> new NotFound("post", id));
    }

    public List<Posts.Post> posts(Caller caller, UUID gridId, String q) {
        if (unread(caller, gridId)) {
            return List.of();
        }
        return posts.list(Visibility.of(caller), gridId, trim(q));
    }

    @Transactional
    public Posts.Shift createShift(Caller caller, UUID postId, UUID staffId, OffsetDateTime startsAt,
            OffsetDateTime endsAt) {
        Visibility v = Visibility.of(caller);
        List<Invalid.Problem> problems = new ArrayList<>();
        Posts.Post post = postId == null ? null : posts.find(postId, v).orElse(null);
        if (post == null) {
            problems.add(problem("postId", "forces.post.unknown"));
        }
        if (staffId != null) {
            // the overlap check below holds only if no other booking of the person commits meanwhile
            members.holdForShifts(staffId);
        }
        Members.Member member = staffId == null ? null : members.find(staffId, v).orElse(null);
        if (member == null) {
            problems.add(problem("staffId", "forces.member.unknown"));
        } else {
            bookable(member, endsAt, problems);
        }
        if (startsAt == null || endsAt == null) {
            problems.add(problem("startsAt", "forces.shift.time.required"));
        } else if (!endsAt.isAfter(startsAt)) {
            problems.add(problem("endsAt", "forces.shift.endBeforeStart"));
        } else if (Duration.between(startsAt, endsAt).compareTo(Duration.ofHours(24)) > 0) {
            problems.add(problem("endsAt", "forces.shift.tooLong"));
        } else if (member != null && posts.overlaps(staffId, startsAt, endsAt)) {
            problems.add(problem("startsAt", "forces.shift.overlaps"));
        }
        check(problems);
        UUID id = UUID.randomUUID();
        posts.insertShift(id, postId, staffId, startsAt, endsAt, caller.staffId());
        Posts.Shift shift = posts.findShift(id, v).orElseThrow();
        events.publishEvent(Audited.created("force_shift", id, shift.unitPath(), shift));
        return shift;
    }

    /**
     * Moves a shift of the scope to another time or post (one the caller sees) until the member checks in; after
     * that it is what happened and stays. The same rules as a new shift; audited with before and after.
     */
    @Transactional
    public Posts.Shift updateShift(Caller caller, UUID id, UUID postId, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        Visibility v = Visibility.of(caller);
        Posts.Shift before = posts.findShiftForUpdate(id, v).orElseThrow(() -> new NotFound("shift", id));
        members.holdForShifts(before.staffId());
        List<Invalid.Problem> problems = new ArrayList<>();
        if (before.checkedInAt() != null) {
            problems.add(problem("shift", "forces.shift.alreadyCheckedIn"));
        } else {
            // the person booked may have left, paused or lost his licence since: a moved shift is booked anew
            members.self(before.staffId()).ifPresent(m -> bookable(m, endsAt, problems));
        }
        Posts.Post post = postId == null ? null : posts.find(postId, v).orElse(null);
        if (post == null) {
            problems.add(problem("postId", "forces.post.unknown"));
        }
        if (startsAt == null || endsAt == null) {
            problems.add(problem("startsAt", "forces.shift.time.required"));
        } else if (!endsAt.isAfter(startsAt)) {
            problems.add(problem("endsAt", "forces.shift.endBeforeStart"));
        } else if (Duration.between(startsAt, endsAt).compareTo(Duration.ofHours(24)) > 0) {
            problems.add(problem("endsAt", "forces.shift.tooLong"));
        } else if (posts.overlaps(before.staffId(), startsAt, endsAt, id)) {
            problems.add(problem("startsAt", "forces.shift.overlaps"));
        }
        check(problems);
        posts.moveShift(id, postId, startsAt, endsAt);
        Posts.Shift after = posts.findShift(id, v).orElseThrow();
        events.publishEvent(Audited.updated("force_shift", id, before.unitPath(), before, after));
        return after;
    }

    /**
     * Whether the person may be booked for a shift ending at {@code endsAt}: active on the roster and in the staff
     * list, and a security guard only while his company's licence (保安服务许可证) is valid to the shift's last day.
     */
    private void bookable(Members.Member member, OffsetDateTime endsAt, List<Invalid.Problem> problems) {
        if (member.status() != MemberStatus.ACTIVE || !member.active()) {
            problems.add(problem("staffId", "forces.member.notActive"));
            return;
        }
        if (!"SECURITY_GUARD".equals(member.role()) || member.companyId() == null) {
            return;
        }
        LocalDate lastDay = endsAt == null ? today() : endsAt.minusNanos(1).atZoneSameInstant(CHINA).toLocalDate();
        companies.licenceValidUntil(member.companyId()).filter(until -> until.isBefore(lastDay))
                .ifPresent(until -> problems.add(new Invalid.Problem("staffId", "forces.shift.licenceExpired",
                        new Object[] {until.toString()})));
    }

    public Posts.Shift shift(Caller caller, UUID id) {
        return posts.findShift(id, Visibility.of(caller)).orElseThrow(() -> new NotFound("shift", id));
    }

    /**
     * The shifts of the list still to be stood (not checked in, not over) whose guard cannot stand them, his
     * company's licence running out before their last day (China time), with the day it runs out: check-in refuses
     * him ({@link #checkIn}), so the post would stand empty unless the officer books someone else.
     */
    public Map<UUID, LocalDate> licenceLapsed(List<Posts.Shift> shifts) {
        OffsetDateTime now = now();
        Map<UUID, Optional<Members.Member>> people = new java.util.HashMap<>();
        Map<UUID, LocalDate> lapsed = new java.util.HashMap<>();
        for (Posts.Shift s : shifts) {
            if (s.checkedInAt() != null || !s.endsAt().isAfter(now) || s.staffId() == null) {
                continue;
            }
            LocalDate lastDay = s.endsAt().minusNanos(1).atZoneSameInstant(CHINA).toLocalDate();
            people.computeIfAbsent(s.staffId(), members::self)
                    .filter(m -> "SECURITY_GUARD".equals(m.role()) && m.companyId() != null)
                    .flatMap(m -> companies.licenceValidUntil(m.companyId()))
                    .filter(until -> until.isBefore(lastDay))
                    .ifPresent(until -> lapsed.put(s.id(), until));
        }
        return lapsed;
    }

    public List<Posts.Shift> shifts(Caller caller, Posts.ShiftFilter filter, int limit) {
        return posts.shifts(Visibility.of(caller), filter, limit);
    }

    /**
     * Whether the zones of the scope are covered around the clock on a day (China time, default today), with the
     * times no shift covers (a shift that ended without a check-in covers nothing: nobody stood it; one running now
     * without a check-in covers only the time still to come); {@code zoneId}
     * one zone of the scope, or every zone when null.
     */
    public List<Coverage.Zone> coverage(Caller caller, LocalDate day, UUID zoneId) {
        Visibility v = Visibility.of(caller);
        LocalDate d = day == null ? today() : day;
        // a day of the year 1 or 9999 is a mistyped year, not a day anyone patrolled or planned: answered as such
        // rather than as a zone left uncovered all day long. The days taken are the years the filters take (1900 to
        // 2099, as the figures' earliest day and the notices' last year), not "up to next year": shifts may be booked
        // years ahead, and a day they are booked on is asked after
        if (d.isBefore(PeriodFigures.Period.EARLIEST) || d.isAfter(LAST_COVERAGE_DAY)) {
            throw Invalid.of("day", "forces.coverage.dayOutOfRange", PeriodFigures.Period.EARLIEST.toString(),
                    LAST_COVERAGE_DAY.toString());
        }
        List<Companies.Zone> zones = zoneId == null ? companies.zones(v)
                : List.of(companies.zone(zoneId, v).orElseThrow(() -> new NotFound("zone", zoneId)));
        OffsetDateTime now = now();
        return zones.stream().map(z -> Coverage.of(z, d, posts.zoneShifts(z.id(), Coverage.start(d), Coverage.end(d),
                now, v), now)).toList();
    }

    /** The member himself checks in, from an hour before the start until the end; the time is the server's. */
    @Transactional
    public Posts.Shift checkIn(Caller caller, UUID shiftId) {
        Posts.Shift s = posts.ownShiftForUpdate(shiftId, caller.staffId()).orElseThrow(() -> new NotFound("shift", shiftId));
        OffsetDateTime now = now();
        if (s.checkedInAt() != null) {
            throw Invalid.of("shift", "forces.shift.alreadyCheckedIn");
        }
        if (now.isBefore(s.startsAt().minus(EARLY_CHECK_IN)) || !now.isBefore(s.endsAt())) {
            throw Invalid.of("shift", "forces.shift.outsideWindow");
        }
        // a shift booked while he was active (or his company licensed) is no licence to stand it after he left, was
        // paused, or the licence ran out: his hours would become points and his post would count as covered
        List<Invalid.Problem> stand = new ArrayList<>();
        members.self(s.staffId()).ifPresent(m -> bookable(m, s.endsAt(), stand));
        if (!stand.isEmpty()) {
            Invalid.Problem p = stand.get(0);
            throw new Invalid("error.invalid", List.of(new Invalid.Problem("shift",
                    "forces.member.notActive".equals(p.key()) ? "forces.shift.checkIn.notActive"
                            : "forces.shift.checkIn.licenceExpired", p.args())));
        }
        posts.checkIn(shiftId, now);
        events.publishEvent(Audited.updated("force_shift", shiftId, s.unitPath(), Map.of("checkedInAt", "null"),
                Map.of("checkedInAt", now.toString())));
        return posts.ownShiftForUpdate(shiftId, caller.staffId()).orElseThrow();
    }

    /**
     * The member checks out; the checked-in time up to the shift's end becomes his patrol hours, published as
     * {@link ShiftCompleted}.
     */
    @Transactional
    public Posts.Shift checkOut(Caller caller, UUID shiftId) {
        Posts.Shift s = posts.ownShiftForUpdate(shiftId, caller.staffId()).orElseThrow(() -> new NotFound("shift", shiftId));
        if (s.checkedInAt() == null) {
            throw Invalid.of("shift", "forces.shift.notCheckedIn");
        }
        if (s.checkedOutAt() != null) {
            throw Invalid.of("shift", "forces.shift.alreadyCheckedOut");
        }
        OffsetDateTime now = now();
        if (now.isAfter(s.endsAt().plus(LATE_CHECK_OUT))) {
            // the sweep closes it at its booked end with no hours; a check-out this late would depend on whether
            // it ran already, and could not say he stood his post
            throw Invalid.of("shift", "forces.shift.checkOut.tooLate");
        }
        posts.checkOut(shiftId, now);
        BigDecimal hours = patrolHours(s.checkedInAt(), now, s.startsAt(), s.endsAt());
        events.publishEvent(Audited.updated("force_shift", shiftId, s.unitPath(), Map.of("checkedOutAt", "null"),
                Map.of("checkedOutAt", now.toString(), "hours", hours)));
        events.publishEvent(new ShiftCompleted(s.staffId(), s.unitPath(), hours, shiftId, s.postId(), s.gridId(),
                s.checkedInAt(), now));
        return posts.ownShiftForUpdate(shiftId, caller.staffId()).orElseThrow();
    }

    /** The shifts still open whose check-out time ran out before {@code now}, for the sweep. */
    public List<UUID> openPastCheckOut(OffsetDateTime now, int limit) {
        return posts.openEndedBefore(now.minus(LATE_CHECK_OUT), limit);
    }

    /**
     * Closes a shift the member checked in to and never checked out of, once his time to check out ran out: at its
     * booked end, marked so, with no patrol hours, so no points (ShiftCompleted is not published) and no duty tick.
     * Only his check-out says he stood the post to the end; crediting the booked hours would pay a forgotten
     * check-out better than an honest early one. The grid chief may still award the points by hand when he did.
     * In its own transaction, the row locked and its state read again; audited as the sweep's.
     */
    @Transactional
    public boolean closeUnchecked(UUID shiftId, OffsetDateTime now) {
        Posts.Shift s = posts.openShiftForUpdate(shiftId).orElse(null);
        if (s == null || !now.isAfter(s.endsAt().plus(LATE_CHECK_OUT))) {
            return false;
        }
        posts.closeUnchecked(shiftId);
        events.publishEvent(Audited.updated("force_shift", shiftId, s.unitPath(),
                Map.of("checkedOutAt", "null"),
                Map.of("checkedOutAt", s.endsAt().toString(), "closedUnchecked", true, "hours", BigDecimal.ZERO))
                .by(SystemActor.FORCES_SHIFT_CLOSE));
        return true;
    }

    /**
     * One's shifts of the last twelve hours and to come, those still open, and those the sweep closed without his
     * check-out in the last week: the sweep closes a shift only twelve hours after its end, so it would leave his
     * page the moment it closed, before he could learn why it earned nothing.
     */
    public List<Posts.Shift> myShifts(Caller caller) {
        OffsetDateTime now = now();
        return posts.ownShifts(caller.staffId(), now.minusHours(12), now.minus(CLOSED_UNCHECKED_SHOWN), 50);
    }

    /** How long before a shift's start a member may check in (his page offers the check-in from then on). */
    public java.time.Duration earlyCheckIn() {
        return EARLY_CHECK_IN;
    }

    /** The hours after a shift's end a member may still check out (the sweep closes it then). */
    public long lateCheckOutHours() {
        return LATE_CHECK_OUT.toHours();
    }

    public List<Teams.Membership> myTeams(Caller caller) {
        return teams.ofStaff(caller.staffId());
    }

    /**
     * The patrol hours of a shift: from check-in to check-out, within its booked times; a check-out forgotten
     * until the next day does not turn into a day's patrol hours (and points), nor does the hour he may check in
     * early (to be at the post on time) count before the shift begins.
     */
    static BigDecimal patrolHours(OffsetDateTime in, OffsetDateTime out, OffsetDateTime startsAt,
            OffsetDateTime endsAt) {
        return hours(in.isBefore(startsAt) ? startsAt : in, out.isAfter(endsAt) ? endsAt : out);
    }

    static BigDecimal hours(OffsetDateTime in, OffsetDateTime out) {
        long seconds = Math.max(0, Duration.between(in, out).getSeconds());
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
    }

    // ---------------------------------------------------------------- helpers

    static String normalisedPhone(String raw) {
        String digits = raw.replace(" ", "").replace("+86", "");
        return MOBILE.matcher(digits).matches() || FIXED.matcher(digits).matches() ? digits : null;
    }

    static String masked(String phone) {
        if (phone == null) {
            return null;
        }
        return phone.length() < 7 ? "****" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * A grid the caller sees and names for a team, a member or a post, or null with the problem noted: a retired one
     * only where the record is already ({@code keptGrid}), for nothing new is posted in a grid merged away. A grid of
     * his units that he does not read ({@link GridReach}: one who serves grids reads those he serves, not every grid of
     * the office they are placed at) is unknown to him as one he does not see, unless the record is in it already.
     */
    private Grid grid(UUID gridId, UUID keptGrid, Caller caller, List<Invalid.Problem> problems) {
        // held against a retirement until the record is written, which then waits for it or reads it retired
        Grid grid = jurisdictions.visibleGridForFiling(new GridId(gridId), caller)
                .filter(g -> gridId.equals(keptGrid) || GridReach.of(caller).reaches(gridId, false)).orElse(null);
        if (grid == null) {
            problems.add(problem("gridId", "forces.grid.unknown"));
        } else if (grid.retired() && !gridId.equals(keptGrid)) {
            problems.add(GridRetired.problem("gridId", grid));
            return null;
        }
        return grid;
    }

    /**
     * The zone a company or member is placed in, held against its retirement until the record is written: unknown
     * outside the scope, and refused, naming it, when it was retired, unless the record already serves it ({@code
     * kept}: a company whose zone was merged away keeps it while its other fields change, as a record keeps a retired
     * grid, until someone takes it out).
     */
    private void zone(UUID id, List<UUID> kept, String field, Visibility v, List<Invalid.Problem> problems) {
        Companies.ZoneToServe zone = companies.zoneToServe(id, v).orElse(null);
        if (zone == null) {
            problems.add(problem(field, "forces.zone.unknown"));
        } else if (zone.retired() && !kept.contains(id)) {
            problems.add(new Invalid.Problem(field, "forces.zone.retired",
                    new Object[] {zone.zone().name(), zone.zone().code()}));
        }
    }

    private static Invalid.Problem problem(String field, String key) {
        return new Invalid.Problem(field, key, new Object[0]);
    }

    private static void check(List<Invalid.Problem> problems) {
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
    }
}
