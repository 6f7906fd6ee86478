package org.fengqiao.population.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
import org.fengqiao.population.VisitId;
import org.fengqiao.population.Visits;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering and changing persons: every rule checked before anything is written (identity
 * number, its agreement with sex and birth date, phone, ethnicity, the floating resident's
 * registration day, the grid and household in the caller's scope), every change audited with
 * masked before and after, every read and reveal of a person's record audited.
 */
@Service
public class PersonRegister {

    private final Persons persons;
    private final Jurisdictions jurisdictions;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final SearchTurns searches;
    private final PersonCategories categories;
    private final VisitLog visitLog;
    private final Visits visits;
    private final Households households;

    PersonRegister(Persons persons, Jurisdictions jurisdictions, JdbcClient jdbc, ApplicationEventPublisher events,
            SearchTurns searches, PersonCategories categories, VisitLog visitLog, Visits visits,
            Households households) {
        this.persons = persons;
        this.jurisdictions = jurisdictions;
        this.jdbc = jdbc;
        this.events = events;
        this.searches = searches;
        this.categories = categories;
        this.visitLog = visitLog;
        this.visits = visits;
        this.households = households;
    }

    /**
     * The longest occupation, workplace and note a person may have, in characters: what a register's field holds, and
     * what the personal file (一人一档) prints on its one page.
     */
    static final int MAX_OCCUPATION = 64;
    static final int MAX_WORKPLACE = 100;
    static final int MAX_NOTE = 500;

    private static void tooLong(List<Invalid.Problem> problems, String field, String value, int max) {
        if (value != null && value.trim().codePointCount(0, value.trim().length()) > max) {
            problems.add(new Invalid.Problem(field, "population.text.tooLong", new Object[] {max}));
        }
    }

    /** What a user typed for a person, before any check. */
    public record Input(UUID gridId, UUID householdId, String name, String idNumber, String phone, Sex sex,
            LocalDate birthDate, String ethnicity, Relation relation, Residence residence, LocalDate registeredOn,
            LocalDate leftOn, String occupation, String workplace, String note) {
    }

    /** The checked fields, or every problem found; nothing is written here. */
    public Persons.Fields check(Input in, Caller caller, List<Invalid.Problem> problems) {
        return check(in, null, caller, problems);
    }

    /**
     * {@link #check(Input, Caller, List)} for a person already in {@code keptGrid} (null for a new one): a person may
     * stay in a grid since retired (one who moved away, corrected), but nobody is filed or moved into a retired grid.
     */
    Persons.Fields check(Input in, UUID keptGrid, Caller caller, List<Invalid.Problem> problems) {
        return check(in, keptGrid, false, caller, problems);
    }

    /**
     * {@link #check(Input, UUID, Caller, List)} for a person kept in {@code keptGrid} who had left it ({@code wasLeft}):
     * he may stay on its records there once it is retired, as one who moved away, but is not made to live there again
     * (permanent or floating), as nobody lives in a retired grid and its retirement counted nobody living there. He
     * comes back to live in a grid in use, given in the same change.
     */
    Persons.Fields check(Input in, UUID keptGrid, boolean wasLeft, Caller caller, List<Invalid.Problem> problems) {
        String name = in.name() == null ? "" : in.name().trim();
        if (name.isEmpty()) {
            problems.add(new Invalid.Problem("name", "population.name.required", new Object[0]));
        } else if (name.length() > 64) {
            problems.add(new Invalid.Problem("name", "population.name.tooLong", new Object[0]));
        }
        tooLong(problems, "occupation", in.occupation(), MAX_OCCUPATION);
        tooLong(problems, "workplace", in.workplace(), MAX_WORKPLACE);
        tooLong(problems, "note", in.note(), MAX_NOTE);
        IdentityNumber id = null;
        if (in.idNumber() != null && !in.idNumber().isBlank()) {
            try {
                id = IdentityNumber.parse(in.idNumber());
                IdentityNumber.checkAgainst(id, in.birthDate(), in.sex());
            } catch (Invalid e) {
                problems.addAll(e.problems());
            }
        }
        // a birth date typed without an identity number (whose own date is checked as a past one) is one that has come:
        // a person born next year would be no age at all, and no category's age rule could hold him
        if (in.birthDate() != null && in.birthDate().isAfter(LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE))) {
            problems.add(new Invalid.Problem("birthDate", "population.date.future", new Object[0]));
        }
        String phone = null;
        if (in.phone() != null && !in.phone().isBlank()) {
            phone = PhoneNumbers.normalised(in.phone());
            if (phone == null) {
                problems.add(new Invalid.Problem("phone", "population.phone.invalid", new Object[0]));
            }
        }
        if (in.ethnicity() != null && !in.ethnicity().isBlank() && Ethnicities.byCode(in.ethnicity()).isEmpty()
                && Ethnicities.byName(in.ethnicity()).isEmpty()) {
            problems.add(new Invalid.Problem("ethnicity", "population.ethnicity.unknown", new Object[] {in.ethnicity()}));
        }
        Residence residence = in.residence() == null ? Residence.PERMANENT : in.residence();
        if (residence == Residence.FLOATING && in.registeredOn() == null) {
            problems.add(new Invalid.Problem("registeredOn", "population.registeredOn.required", new Object[0]));
        }
        if (in.registeredOn() != null && in.registeredOn().isAfter(LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE))) {
            problems.add(new Invalid.Problem("registeredOn", "population.date.future", new Object[0]));
        }
        Optional<Grid> grid = in.gridId() == null ? Optional.empty()
                : jurisdictions.visibleGridForFiling(new GridId(in.gridId()), caller);
        if (grid.isEmpty()) {
            problems.add(new Invalid.Problem("gridId", "population.grid.unknown", new Object[0]));
        } else if (grid.get().retired() && !grid.get().id().value().equals(keptGrid)) {
            problems.add(GridRetired.problem("gridId", grid.get()));
        } else if (grid.get().retired() && wasLeft && residence != Residence.LEFT) {
            problems.add(new Invalid.Problem("gridId", "population.grid.retiredReturning",
                    new Object[] {grid.get().code(), grid.get().name()}));
        }
        if (in.householdId() != null && grid.isPresent()) {
            boolean sameGrid = jdbc.sql("SELECT count(*) FROM household WHERE id = ? AND grid_id = ?")
                    .params(in.householdId(), in.gridId()).query(Integer.class).single() > 0;
            if (!sameGrid) {
                problems.add(new Invalid.Problem("householdId", "population.household.notInGrid", new Object[0]));
            }
        }
        String ethnicity = in.ethnicity() == null || in.ethnicity().isBlank() ? null
                : Ethnicities.byCode(in.ethnicity()).or(() -> Ethnicities.byName(in.ethnicity()))
                        .map(Ethnicity::code).orElse(null);
        LocalDate birth = id != null ? id.birthDate() : in.birthDate();
        String sex = id != null ? id.sex().name() : in.sex() == null ? null : in.sex().name();
        // the day he left: one that has come, and not before he was registered here or born
        if (in.leftOn() != null) {
            if (in.leftOn().isAfter(LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE))) {
                problems.add(new Invalid.Problem("leftOn", "population.date.future", new Object[0]));
            } else if (in.registeredOn() != null && in.leftOn().isBefore(in.registeredOn())) {
                problems.add(new Invalid.Problem("leftOn", "population.leftOn.beforeRegistered",
                        new Object[] {in.registeredOn().toString()}));
            } else if (birth != null && in.leftOn().isBefore(birth)) {
                problems.add(new Invalid.Problem("leftOn", "population.leftOn.beforeBirth",
                        new Object[] {birth.toString()}));
            }
        }
        return new Persons.Fields(in.gridId(), in.householdId(), name, id, phone, sex, birth, ethnicity, in.relation(),
                residence, in.registeredOn(), in.leftOn(), blank(in.occupation()), blank(in.workplace()), blank(in.note()));
    }

    @Transactional
    public Persons.Row register(Input in, Caller caller) {
        return register(in, null, caller);
    }

    /**
     * Registers a person with his categories ({@link PersonCategories#given}: codes or names; null or empty for none),
     * written through {@link PersonCategories#apply} like every change of them: a key person is announced to his grid's
     * chiefs.
     */
    @Transactional
    public Persons.Row register(Input in, List<String> categoryWords, Caller caller) {
        return register(in, categoryWords, null, caller);
    }

    /**
     * {@link #register(Input, List, Caller)} during a visit (走访, null: none): the registration is listed under the
     * visit. A visit the caller may not link it to ({@link VisitLinkPolicy}: not of the person's grid, not his, not of
     * today) is refused with the reason, nothing written.
     */
    @Transactional
    public Persons.Row register(Input in, List<String> categoryWords, UUID visitId, Caller caller) {
        return register(in, categoryWords, visitId, List.of(), caller);
    }

    /**
     * {@link #register(Input, List, UUID, Caller)} with the problems a form already found in what was typed (a value
     * its fields cannot hold): refused with them and every problem of the register's own at once, so the officer
     * corrects all the fields in one go rather than learning of them one by one.
     */
    @Transactional
    public Persons.Row register(Input in, List<String> categoryWords, UUID visitId, List<Invalid.Problem> found,
            Caller caller) {
        List<Invalid.Problem> problems = new ArrayList<>(found);
        Persons.Fields fields = check(in, caller, problems);
        visitLog.checkLink(visitId, in.gridId(), caller.staffId(), problems);
        PersonCategories.Cell given = categories.given(categoryWords);
        problems.addAll(given.problems());
        problems.addAll(categories.ageProblems(given.codes(), fields.birthDate(), false));
        if (!problems.isEmpty()) {
            throw refused(problems, fields, null);
        }
        if (fields.idNumber() != null && persons.idOfNumber(fields.idNumber()).isPresent()) {
            throw new Conflict("population.idNumber.taken");
        }
        UUID id = persons.insert(fields);
        if (given.codes() != null && !given.codes().isEmpty()) {
            categories.apply(List.of(new PersonCategories.Change(id, List.of(), given.codes())), null);
        }
        Persons.Row row = persons.findVisible(id, caller).orElseThrow();
        events.publishEvent(Audited.created("person", id, row.unitPath(), row));
        if (visitId != null) {
            link(visitId, id, List.of(PersonVisitChanges.registered(row)));
        }
        return row;
    }

    @Transactional
    public Persons.Row change(UUID id, Input in, Caller caller) {
        return change(id, in, null, caller);
    }

    /**
     * Changes a person's record and, unless {@code categoryWords} is null, sets his categories to those it names (an
     * empty list: none), through {@link PersonCategories#apply} like the persons import: a child no longer
     * left-behind has his care agreement ended, a key person made, changed or unmade is announced. The person's
     * change is audited with before and after (his categories among them), each care agreement ended by it as a
     * change of that agreement. Nothing is written when anything given is wrong.
     */
    @Transactional
    public Persons.Row change(UUID id, Input in, List<String> categoryWords, Caller caller) {
        return change(id, in, categoryWords, null, Blank.ERASES, caller);
    }

    /**
     * What a blank identity number or phone means to a change. The import sends the whole record, so there a blank one
     * is taken away ({@code ERASES}); the API's PUT keeps one left out of its body ({@link #forBody}); the edit page never shows them in full (they are masked), so
     * there blank means "as stored" ({@code KEEPS}) and only a number typed anew replaces the stored one.
     */
    public enum Blank {
        ERASES, KEEPS,
        /**
         * As {@code KEEPS} for the identity number, while the phone is taken away: the edit page's explicit choice to
         * delete a stored phone (a blank phone there keeps it, so blank cannot say "none").
         */
        KEEPS_ID_NUMBER,
        /**
         * As {@code KEEPS} for the phone, while a blank identity number is taken away: the API's change that left the
         * phone out of its body but sent the identity number (empty: cleared).
         */
        KEEPS_PHONE;

        /**
         * The API's PUT: a number left out of the body keeps the stored one (an integrator sends only what he changes,
         * and nothing saved may be lost that way); one sent empty or null is taken away, the API's way to clear it.
         */
        public static Blank forBody(boolean idNumberSent, boolean phoneSent) {
            if (idNumberSent) {
                return phoneSent ? ERASES : KEEPS_PHONE;
            }
            return phoneSent ? KEEPS_ID_NUMBER : KEEPS;
        }
    }

    /**
     * {@link #change(UUID, Input, List, Caller)} made from a form that showed the person at {@code expectedVersion}
     * (null: not checked): if someone changed him since, nothing is written and the answer is a conflict
     * ({@code population.person.stale}). With {@link Blank#KEEPS} a blank identity number or phone keeps the stored
     * one, checked again like a typed one (the identity number against the sex and birth date given).
     */
    @Transactional
    public Persons.Row change(UUID id, Input in, List<String> categoryWords, Long expectedVersion, Blank blank,
            Caller caller) {
        return change(id, in, categoryWords, expectedVersion, blank, null, caller);
    }

    /**
     * {@link #change(UUID, Input, List, Long, Blank, Caller)} during a visit (走访, null: none): each thing changed is
     * listed under the visit, an identity number or phone only masked. A visit the caller may not link it to
     * ({@link VisitLinkPolicy}: not of the person's grid, not his, not of today) is refused with the reason, nothing
     * written.
     */
    @Transactional
    public Persons.Row change(UUID id, Input in, List<String> categoryWords, Long expectedVersion, Blank blank,
            UUID visitId, Caller caller) {
        return change(id, in, categoryWords, expectedVersion, blank, visitId, List.of(), caller);
    }

    /**
     * {@link #change(UUID, Input, List, Long, Blank, UUID, Caller)} with the problems a form already found in what was
     * typed (a household number that is none): refused with them and every problem of the register's own at once.
     */
    @Transactional
    public Persons.Row change(UUID id, Input in, List<String> categoryWords, Long expectedVersion, Blank blank,
            UUID visitId, List<Invalid.Problem> found, Caller caller) {
        return change(id, in, java.util.Set.of(), categoryWords, expectedVersion, blank, visitId, found, caller);
    }

    /**
     * The API's PUT: {@link #change(UUID, Input, List, Long, Blank, UUID, List, Caller)} where each field of
     * {@link Input} named in {@code leftOut} (left out of the body) keeps its stored value, as the identity number and
     * phone always did ({@link Blank#forBody}): an integrator sends what he changes, and nothing saved is lost by what
     * he did not send. A field sent as null is taken away where it may be (a note, an occupation), refused where it is
     * required (the name), as before. The sex and birth date left out follow the identity number in force when there
     * is one (a corrected number corrects them), else keep the stored ones.
     */
    @Transactional
    public Persons.Row changeSent(UUID id, Input in, java.util.Set<String> leftOut, List<String> categoryWords,
            Long expectedVersion, UUID visitId, List<Invalid.Problem> found, Caller caller) {
        return change(id, in, leftOut, categoryWords, expectedVersion,
                Blank.forBody(!leftOut.contains("idNumber"), !leftOut.contains("phone")), visitId, found, caller);
    }

    private Persons.Row change(UUID id, Input in, java.util.Set<String> leftOut, List<String> categoryWords,
            Long expectedVersion, Blank blank, UUID visitId, List<Invalid.Problem> found, Caller caller) {
        Optional<Long> stored = expectedVersion == null ? Optional.empty() : persons.lockVersion(id);
        Persons.Row before = persons.findVisible(id, caller).orElseThrow(() -> new NotFound("person", id));
        if (expectedVersion != null && !stored.map(expectedVersion::equals).orElse(false)) {
            throw new Conflict("population.person.stale");
        }
        in = unmasked(id, before, in, caller);
        if (blank != Blank.ERASES) {
            in = keepingStored(id, in, blank != Blank.KEEPS_PHONE, blank != Blank.KEEPS_ID_NUMBER, caller);
        }
        in = keepingLeftOut(before, in, leftOut);
        return changeChecked(id, before, in, categoryWords, visitId, found, caller);
    }

    /**
     * An identity number or phone given as the person's own masked value, as a read of him shows it (the API's GET,
     * the list), stands for the stored one, as in a persons import: a client that reads a person, changes his
     * occupation and sends the record back keeps his numbers, where it was refused for them and, leaving them out,
     * had them erased. A masked value that is not his is refused; nothing is written.
     */
    private Input unmasked(UUID id, Persons.Row before, Input in, Caller caller) {
        String idNumber = in.idNumber();
        String phone = in.phone();
        List<Invalid.Problem> problems = new ArrayList<>();
        if (PersonImport.masked(idNumber)) {
            if (before.idMasked() != null && before.idMasked().equalsIgnoreCase(idNumber.strip())) {
                idNumber = persons.reveal(id, "idNumber", caller).orElse(null);
            } else {
                problems.add(new Invalid.Problem("idNumber", "population.masked.notStored", new Object[] {idNumber}));
            }
        }
        if (PersonImport.masked(phone)) {
            if (before.phoneMasked() != null && before.phoneMasked().equals(phone.strip())) {
                phone = persons.reveal(id, "phone", caller).orElse(null);
            } else {
                problems.add(new Invalid.Problem("phone", "population.masked.notStored", new Object[] {phone}));
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        if (Objects.equals(idNumber, in.idNumber()) && Objects.equals(phone, in.phone())) {
            return in;
        }
        return new Input(in.gridId(), in.householdId(), in.name(), idNumber, phone, in.sex(), in.birthDate(),
                in.ethnicity(), in.relation(), in.residence(), in.registeredOn(), in.leftOn(), in.occupation(),
                in.workplace(), in.note());
    }

    /** The fields left out of a change with their stored values; identity number and phone as already settled. */
    private static Input keepingLeftOut(Persons.Row before, Input in, java.util.Set<String> leftOut) {
        if (leftOut.isEmpty()) {
            return in;
        }
        // a number in force says the sex and birth date itself: kept ones would contradict a corrected number
        boolean numberSays = in.idNumber() != null && !in.idNumber().isBlank();
        return new Input(leftOut.contains("gridId") ? before.gridId() : in.gridId(),
                leftOut.contains("householdId") ? before.householdId() : in.householdId(),
                leftOut.contains("name") ? before.name() : in.name(), in.idNumber(), in.phone(),
                leftOut.contains("sex") && !numberSays ? (before.sex() == null ? null : Sex.valueOf(before.sex()))
                        : in.sex(),
                leftOut.contains("birthDate") && !numberSays ? before.birthDate() : in.birthDate(),
                leftOut.contains("ethnicity") ? before.ethnicity() : in.ethnicity(),
                leftOut.contains("relation") ? (before.relation() == null ? null : Relation.valueOf(before.relation()))
                        : in.relation(),
                leftOut.contains("residence") ? before.residence() : in.residence(),
                leftOut.contains("registeredOn") ? before.registeredOn() : in.registeredOn(),
                leftOut.contains("leftOn") ? before.leftOn() : in.leftOn(),
                leftOut.contains("occupation") ? before.occupation() : in.occupation(),
                leftOut.contains("workplace") ? before.workplace() : in.workplace(),
                leftOut.contains("note") ? before.note() : in.note());
    }

    private Input keepingStored(UUID id, Input in, boolean keepIdNumber, boolean keepPhone, Caller caller) {
        String idNumber = in.idNumber();
        if (keepIdNumber && (idNumber == null || idNumber.isBlank())) {
            idNumber = persons.reveal(id, "idNumber", caller).orElse(null);
        }
        String phone = in.phone();
        if (keepPhone && (phone == null || phone.isBlank())) {
            phone = persons.reveal(id, "phone", caller).orElse(null);
        }
        return new Input(in.gridId(), in.householdId(), in.name(), idNumber, phone, in.sex(), in.birthDate(),
                in.ethnicity(), in.relation(), in.residence(), in.registeredOn(), in.leftOn(), in.occupation(),
                in.workplace(), in.note());
    }

    private Persons.Row changeChecked(UUID id, Persons.Row before, Input in, List<String> categoryWords,
            UUID visitId, List<Invalid.Problem> found, Caller caller) {
        List<Invalid.Problem> problems = new ArrayList<>(found);
        Persons.Fields fields = check(in, before.gridId(), before.residence() == Residence.LEFT, caller, problems);
        visitLog.checkLink(visitId, before.gridId(), caller.staffId(), problems);
        PersonCategories.Cell given = categories.given(categoryWords);
        problems.addAll(given.problems());
        // categories left as they are still have to fit a corrected birth date: an elderly person living alone found
        // to be 45, or a left-behind child found to be 20, is refused until the category goes in the same change
        List<String> kept = given.codes() == null && !Objects.equals(fields.birthDate(), before.birthDate())
                ? before.categories() : given.codes();
        problems.addAll(categories.ageProblems(kept, fields.birthDate(), false));
        if (!problems.isEmpty()) {
            throw refused(problems, fields, id);
        }
        if (fields.idNumber() != null) {
            Optional<UUID> holder = persons.idOfNumber(fields.idNumber());
            if (holder.isPresent() && !holder.get().equals(id)) {
                throw new Conflict("population.idNumber.taken");
            }
        }
        // a visit says whether the identity number or phone changed; their masks may read alike for two numbers
        boolean idNumberChanged = false;
        boolean phoneChanged = false;
        if (visitId != null) {
            idNumberChanged = !Objects.equals(persons.reveal(id, "idNumber", caller).orElse(null),
                    fields.idNumber() == null ? null : fields.idNumber().value());
            phoneChanged = !Objects.equals(persons.reveal(id, "phone", caller).orElse(null), fields.phone());
        }
        boolean changed = persons.update(id, fields);
        List<String> stored = PersonCategories.sorted(before.categories());
        PersonCategories.Applied applied = null;
        if (given.codes() != null && !given.codes().equals(stored)) {
            applied = categories.apply(List.of(new PersonCategories.Change(id, stored, given.codes())), null);
            changed = true;
        }
        if (!changed) {
            return before;
        }
        Persons.Row after = persons.findVisible(id, caller).orElseThrow();
        events.publishEvent(Audited.updated("person", id, after.unitPath(), before, after));
        if (visitId != null) {
            String household = after.householdId() == null ? null : households.find(after.householdId())
                    .map(h -> h.number() != null ? h.number() : h.address()).orElse(null);
            link(visitId, id, PersonVisitChanges.between(before, after, idNumberChanged, phoneChanged, household));
        }
        if (applied != null) {
            for (PersonCategories.EndedAgreement a : applied.endedAgreements()) {
                events.publishEvent(Audited.updated("care-agreement", a.agreementId(), a.unitPath(),
                        Map.of("endedOn", "null"), Map.of("endedOn", a.endedOn().toString(),
                                "endedReason", CareAgreements.NO_LONGER_LEFT_BEHIND)));
            }
        }
        return after;
    }

    /**
     * The refusal of a registration or change: every problem found, each once (a form's own check and the register's
     * may find the same one), and an identity number another person holds among them. Alone that is a conflict
     * (409); beside other problems it is one more of them, so the officer is not sent back a second time for it.
     * Only a refused form pays for the look-up, which a saved one makes anyway.
     */
    private Invalid refused(List<Invalid.Problem> problems, Persons.Fields fields, UUID self) {
        List<Invalid.Problem> each = new ArrayList<>();
        for (Invalid.Problem p : problems) {
            if (each.stream().noneMatch(q -> Objects.equals(q.field(), p.field()) && Objects.equals(q.key(), p.key())
                    && java.util.Arrays.equals(q.args(), p.args()))) {
                each.add(p);
            }
        }
        if (fields.idNumber() != null) {
            Optional<UUID> holder = persons.idOfNumber(fields.idNumber());
            if (holder.isPresent() && !holder.get().equals(self)) {
                each.add(new Invalid.Problem("idNumber", "population.idNumber.taken", new Object[0]));
            }
        }
        return new Invalid("error.invalid", each);
    }

    /** Lists what was done to a person under the visit during which it was done. */
    private void link(UUID visitId, UUID person, List<PersonVisitChanges.Said> said) {
        for (PersonVisitChanges.Said s : said) {
            visits.recordChange(new VisitId(visitId), "person", person, s.key(), s.args());
        }
    }

    /** One person's record; reading it is audited. */
    public Persons.Row read(UUID id, Caller caller) {
        Persons.Row row = persons.findVisible(id, caller).orElseThrow(() -> new NotFound("person", id));
        events.publishEvent(Audited.read("person", id, row.unitPath()));
        return row;
    }

    /** The full identity number or phone, for a role that needs it and a stated reason; audited with the reason. */
    @Transactional
    public String reveal(UUID id, String field, String reason, Caller caller) {
        if (!"idNumber".equals(field) && !"phone".equals(field)) {
            throw Invalid.of("field", "population.reveal.field");
        }
        if (reason == null || reason.trim().length() < 4) {
            throw Invalid.of("reason", "population.reveal.reason");
        }
        Persons.Row row = persons.findVisible(id, caller).orElseThrow(() -> new NotFound("person", id));
        String value = persons.reveal(id, field, caller).orElseThrow(() -> Invalid.of("field", "population.reveal.empty"));
        events.publishEvent(new Audited("REVEAL", "person", id.toString(), row.unitPath(), null,
                Map.of("field", field, "reason", reason.trim()), null));
        return value;
    }

    /**
     * A search over the caller's persons; the search itself is audited, its text masked when it is a number.
     * Searches take turns: a few at once, the others waiting in arrival order ({@link SearchProperties}).
     */
    public Persons.Page search(PersonQuery query, Caller caller, int limit, int offset) {
        return searches.take(() -> {
            Answer answer = answer(query, caller, limit, offset);
            return audited(answer.query(), answer.query().kind(), answer.page());
        });
    }

    /** The first page of the persons list (its page and the API's default size): what a search's reading is decided on. */
    public static final int FIRST_PAGE = 20;

    /**
     * The query the persons list answers this search by: letters read as initials may be read as pinyin instead, as
     * {@link #search} decides for every page alike. The export of a search lists what the list listed by exporting
     * this query, not the query as typed ("wang", whose 王 persons the officer saw, would export none).
     */
    public PersonQuery readAs(PersonQuery query, Caller caller) {
        if (query.kind() != PersonQuery.Kind.INITIALS && query.kind() != PersonQuery.Kind.LATIN_WORDS) {
            return query;
        }
        return answer(query, caller, FIRST_PAGE, 0).query();
    }

    /** A page of a search and the query that found it: as typed, or its letters read as pinyin. */
    private record Answer(PersonQuery query, Persons.Page page) {
    }

    /**
     * Letters read as initials are read as pinyin instead when the initials find nobody, or when all they find (with
     * the Latin names they start a word of) fits on the list's first page and is names in Latin letters only ("wang"
     * starts a word of "Wang Lee") — and the pinyin finds somebody. Both are facts of the
     * search, not of the page asked for: every page, of any size, and the export read the letters the same way
     * (page 2 of "wang" lists the 王 persons after page 1's, not the initials' nobody).
     */
    private Answer answer(PersonQuery query, Caller caller, int limit, int offset) {
        Persons.Page page = persons.search(query, caller, limit, offset);
        if (query.kind() == PersonQuery.Kind.INITIALS && (!page.foundAsRead() || onlyLatinNames(query, caller, page, offset))) {
            // letters that are nobody's initials may be a surname spelled out ("wang", "chen"): read so, which
            // finds the Latin names they start a word of as well
            PersonQuery spelled = query.asPinyin();
            Persons.Page byPinyin = persons.search(spelled, caller, limit, offset);
            if (byPinyin.total() > 0) {
                return new Answer(spelled, byPinyin);
            }
        }
        if (query.kind() == PersonQuery.Kind.LATIN_WORDS && page.total() == 0) {
            // words that are no Latin name's may be a Chinese name spelled out syllable by syllable ("zeng lin"): read
            // as its pinyin, as the same letters typed together ("zenglin") are
            PersonQuery spelled = query.asPinyin();
            Persons.Page byPinyin = persons.search(spelled, caller, limit, offset);
            if (byPinyin.total() > 0) {
                return new Answer(spelled, byPinyin);
            }
        }
        return new Answer(query, page);
    }

    /**
     * Whether every match of the search fits on the list's first page and each is a name in Latin letters. The count
     * is the same on every page; the names are this page's when it holds every match, otherwise the first page's,
     * read once more only for a search of so few matches (a later page of at most {@link #FIRST_PAGE}, or a page
     * smaller than they are), which costs little.
     */
    private boolean onlyLatinNames(PersonQuery query, Caller caller, Persons.Page page, int offset) {
        if (page.more() || page.total() == 0 || page.total() > FIRST_PAGE) {
            return false;
        }
        List<Persons.Row> all = offset == 0 && page.rows().size() >= page.total() ? page.rows()
                : persons.search(query, caller, FIRST_PAGE, 0).rows();
        return !all.isEmpty() && all.stream().allMatch(r -> PersonQuery.latinWords(r.name()) != null);
    }

    private Persons.Page audited(PersonQuery query, PersonQuery.Kind kind, Persons.Page page) {
        String shown = switch (kind) {
            case ID_NUMBER, ID_LAST4, ID_LAST6, PHONE -> kind.name();
            default -> query.text();
        };
        events.publishEvent(new Audited("READ", "person-search", null, null, null,
                Map.of("kind", kind.name(), "text", String.valueOf(shown), "results", page.total()), null));
        return page;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
