package org.fengqiao.population.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
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

    PersonRegister(Persons persons, Jurisdictions jurisdictions, JdbcClient jdbc, ApplicationEventPublisher events,
            SearchTurns searches) {
        this.persons = persons;
        this.jurisdictions = jurisdictions;
        this.jdbc = jdbc;
        this.events = events;
        this.searches = searches;
    }

    /** What a user typed for a person, before any check. */
    public record Input(UUID gridId, UUID householdId, String name, String idNumber, String phone, Sex sex,
            LocalDate birthDate, String ethnicity, Relation relation, Residence residence, LocalDate registeredOn,
            LocalDate leftOn, String occupation, String workplace, String note) {
    }

    /** The checked fields, or every problem found; nothing is written here. */
    public Persons.Fields check(Input in, Caller caller, List<Invalid.Problem> problems) {
        String name = in.name() == null ? "" : in.name().trim();
        if (name.isEmpty()) {
            problems.add(new Invalid.Problem("name", "population.name.required", new Object[0]));
        } else if (name.length() > 64) {
            problems.add(new Invalid.Problem("name", "population.name.tooLong", new Object[0]));
        }
        IdentityNumber id = null;
        if (in.idNumber() != null && !in.idNumber().isBlank()) {
            try {
                id = IdentityNumber.parse(in.idNumber());
                IdentityNumber.checkAgainst(id, in.birthDate(), in.sex());
            } catch (Invalid e) {
                problems.addAll(e.problems());
            }
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
        if (in.registeredOn() != null && in.registeredOn().isAfter(LocalDate.now())) {
            problems.add(new Invalid.Problem("registeredOn", "population.date.future", new Object[0]));
        }
        Optional<Grid> grid = in.gridId() == null ? Optional.empty()
                : jurisdictions.visibleGrid(new GridId(in.gridId()), caller);
        if (grid.isEmpty()) {
            problems.add(new Invalid.Problem("gridId", "population.grid.unknown", new Object[0]));
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
        return new Persons.Fields(in.gridId(), in.householdId(), name, id, phone, sex, birth, ethnicity, in.relation(),
                residence, in.registeredOn(), in.leftOn(), blank(in.occupation()), blank(in.workplace()), blank(in.note()));
    }

    @Transactional
    public Persons.Row register(Input in, Caller caller) {
        List<Invalid.Problem> problems = new ArrayList<>();
        Persons.Fields fields = check(in, caller, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        if (fields.idNumber() != null && persons.idOfNumber(fields.idNumber()).isPresent()) {
            throw new Conflict("population.idNumber.taken");
        }
        UUID id = persons.insert(fields);
        Persons.Row row = persons.findVisible(id, caller).orElseThrow();
        events.publishEvent(Audited.created("person", id, row.unitPath(), row));
        return row;
    }

    @Transactional
    public Persons.Row change(UUID id, Input in, Caller caller) {
        Persons.Row before = persons.findVisible(id, caller).orElseThrow(() -> new NotFound("person", id));
        List<Invalid.Problem> problems = new ArrayList<>();
        Persons.Fields fields = check(in, caller, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        if (fields.idNumber() != null) {
            Optional<UUID> holder = persons.idOfNumber(fields.idNumber());
            if (holder.isPresent() && !holder.get().equals(id)) {
                throw new Conflict("population.idNumber.taken");
            }
        }
        if (persons.update(id, fields)) {
            Persons.Row after = persons.findVisible(id, caller).orElseThrow();
            events.publishEvent(Audited.updated("person", id, after.unitPath(), before, after));
            return after;
        }
        return before;
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
        PersonQuery.Kind kind = query.kind();
        return searches.take(() -> {
            Persons.Page page = persons.search(query, caller, limit, offset);
            if (kind == PersonQuery.Kind.INITIALS && !page.foundAsRead()) {
                // letters that are nobody's initials may be a surname spelled out ("wang", "chen"): read so, which
                // finds the Latin names they start a word of as well
                PersonQuery spelled = query.asPinyin();
                Persons.Page byPinyin = persons.search(spelled, caller, limit, offset);
                if (byPinyin.total() > 0) {
                    return audited(spelled, PersonQuery.Kind.PINYIN, byPinyin);
                }
            }
            return audited(query, kind, page);
        });
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
