package org.fengqiao.population.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording in one step that a person has moved away (登记离开), or every member of a household still living there
 * (整户迁出): his record as stored, with the residence set to left on the day given, saved through
 * {@link PersonRegister#change} like the edit form's and the API's PUT, so the same checks (a day not to come, not
 * before his registration or birth), the optimistic version check, the audit with before and after, and the link to
 * the visit it is recorded during apply. Where he went and the officer's note are added to the person's note, one
 * dated line, as the register has no field of its own for them and the note is what the personal file and the edit
 * form show.
 */
@Service
public class Departures {

    /** The longest destination (去向) one may type, in characters: a place, not a story. */
    static final int MAX_DESTINATION = 100;

    private final PersonRegister register;
    private final Persons persons;
    private final Households households;
    private final MessageSource messages;

    Departures(PersonRegister register, Persons persons, Households households, MessageSource messages) {
        this.register = register;
        this.persons = persons;
        this.households = households;
        this.messages = messages;
    }

    /** What the officer tells of a departure: the day (null: today), where to and a note (both optional). */
    public record Departure(LocalDate leftOn, String destination, String note) {

        LocalDate day() {
            return leftOn != null ? leftOn : LocalDate.now(LocalTimes.ZONE);
        }
    }

    /**
     * Records that the person left. 404 outside the caller's jurisdiction; one already recorded as left is refused
     * ({@code population.departure.alreadyLeft}), nothing written; {@code expectedVersion} and {@code visitId} as for
     * {@link PersonRegister#change}. {@code locale}: the language the line added to his note is written in.
     */
    @Transactional
    public Persons.Row depart(UUID id, Departure departure, Long expectedVersion, UUID visitId, Locale locale,
            Caller caller) {
        return depart(id, departure, expectedVersion, visitId, locale, List.of(), caller);
    }

    /**
     * {@link #depart(UUID, Departure, Long, UUID, Locale, Caller)} with the problems a client's body already showed
     * (a day that is no date): refused with them and the departure's own at once, nothing changed.
     */
    @Transactional
    public Persons.Row depart(UUID id, Departure departure, Long expectedVersion, UUID visitId, Locale locale,
            List<Invalid.Problem> found, Caller caller) {
        // who records a departure at the same time as another officer waits for him, and then finds him left
        persons.lockVersion(id);
        Persons.Row stored = persons.findVisible(id, caller).orElseThrow(() -> new NotFound("person", id));
        if (stored.residence() == Residence.LEFT) {
            throw Invalid.of("residence", "population.departure.alreadyLeft");
        }
        // a destination too long goes to the register with its own findings (a day to come, before his
        // registration...), so that every fault of the departure is said at once, as a household's departure says them
        List<Invalid.Problem> problems = new ArrayList<>(found);
        String note = noted(stored.note(), departure, locale, problems);
        PersonRegister.Input left = new PersonRegister.Input(stored.gridId(), stored.householdId(), stored.name(), null,
                null, stored.sex() == null ? null : Sex.valueOf(stored.sex()), stored.birthDate(), stored.ethnicity(),
                stored.relation() == null ? null : Relation.valueOf(stored.relation()), Residence.LEFT,
                stored.registeredOn(), departure.day(), stored.occupation(), stored.workplace(), note);
        // blank identity number and phone: as stored; categories null: as they are
        return register.change(id, left, null, expectedVersion, PersonRegister.Blank.KEEPS, visitId, problems, caller);
    }

    /**
     * Records that every member of the household still living there left, all or nothing: a member whose departure
     * is refused (registered after the day given...) refuses them all, the problem said with his name. 404 outside
     * the caller's jurisdiction; a household nobody lives in any more is refused
     * ({@code population.departure.noneLiving}).
     */
    @Transactional
    public List<Persons.Row> departHousehold(UUID householdId, Departure departure, UUID visitId, Locale locale,
            Caller caller) {
        return departHousehold(householdId, departure, visitId, locale, List.of(), caller);
    }

    /** {@link #departHousehold(UUID, Departure, UUID, Locale, Caller)} with the problems a client's body already showed. */
    @Transactional
    public List<Persons.Row> departHousehold(UUID householdId, Departure departure, UUID visitId, Locale locale,
            List<Invalid.Problem> found, Caller caller) {
        households.findVisible(householdId, caller).orElseThrow(() -> new NotFound("household", householdId));
        List<Households.Member> living = living(householdId);
        if (living.isEmpty()) {
            throw Invalid.of("residence", "population.departure.noneLiving");
        }
        // what is wrong with the departure itself (a day to come, a destination too long) is wrong for every member
        // alike: said once, not once per member under each name
        List<Invalid.Problem> problems = new ArrayList<>(found);
        if (departure.day().isAfter(LocalDate.now(LocalTimes.ZONE))) {
            problems.add(new Invalid.Problem("leftOn", "population.date.future", new Object[0]));
        }
        noted(null, departure, locale, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        List<Persons.Row> left = new ArrayList<>();
        for (Households.Member m : living) {
            try {
                left.add(depart(m.id(), departure, null, visitId, locale, caller));
            } catch (Invalid e) {
                for (Invalid.Problem p : e.problems()) {
                    problems.add(new Invalid.Problem(p.field(), "population.departure.member",
                            new Object[] {m.name(), messages.getMessage(p.key(), p.args(), p.key(), locale)}));
                }
            }
        }
        if (!problems.isEmpty()) {
            // thrown out of this transaction, it takes back the departures recorded before the refused one
            throw new Invalid("error.invalid", problems);
        }
        return left;
    }

    /** The members still living in the household: whom its whole departure records as left. */
    public List<Households.Member> living(UUID householdId) {
        return households.members(householdId).stream().filter(m -> !Residence.LEFT.name().equals(m.residence()))
                .toList();
    }

    /**
     * The person's note with the departure's line added (his note as it was when the officer said neither where to
     * nor anything else).
     */
    private String noted(String note, Departure d, Locale locale, List<Invalid.Problem> problems) {
        String to = blank(d.destination());
        String said = blank(d.note());
        if (to != null && to.codePointCount(0, to.length()) > MAX_DESTINATION) {
            problems.add(new Invalid.Problem("destination", "population.text.tooLong", new Object[] {MAX_DESTINATION}));
            // refused: its line is not added, so that the note is not also found too long for it
            return note;
        }
        if (to == null && said == null) {
            return note;
        }
        String line = to == null ? messages.getMessage("population.departure.noteLine", new Object[] {d.day().toString()}, locale)
                : messages.getMessage("population.departure.noteLineTo", new Object[] {d.day().toString(), to}, locale);
        if (said != null) {
            line = messages.getMessage("population.departure.noteWith", new Object[] {line, said}, locale);
        }
        return note == null || note.isBlank() ? line : note.strip() + "\n" + line;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
