package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.Category;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
import org.fengqiao.population.internal.Ethnicities;
import org.fengqiao.population.internal.Households;
import org.fengqiao.population.internal.PersonRegister;
import org.fengqiao.population.internal.Persons;
import org.fengqiao.population.internal.VisitLog;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Registering a person and changing one on the staff pages (the officer at the door: a newborn, a new tenant, someone
 * moved out, a corrected phone, a key person), through the same {@link PersonRegister} methods as the API, so every
 * rule, the audit and the events are the same. A refused form comes back with what was typed and each problem beside
 * its field; a person or household outside the caller's jurisdiction answers 404. The identity number and phone are
 * never put into the page: the edit form shows them masked, and left blank they stay as stored; the phone is deleted
 * by a checkbox of its own (删除电话). The edit form moves a person to another household by its number (户号), or by
 * choosing one of his grid's households by where it is and its head (one without a number too), or one of any grid of
 * the officer's looked up by number, address, building or head ({@code GET /api/v1/households}, which adds it to the
 * list), or takes him out of every household (不属于任何户: moved away, or registered in the wrong one; he stays in his
 * grid). Only a household the officer may see is taken (refused beside the field otherwise, as if there were none); he
 * takes its grid, as a person is always in his household's grid (PersonRegister: population.household.notInGrid). Each
 * is audited with the person's change, before and after.
 */
@Controller
@PreAuthorize("hasAuthority('POPULATION_WRITE')")
class PersonFormPages {

    /** The fields the form shows, so a problem of any other field (a hidden one) is shown above the form. */
    static final Set<String> SHOWN = Set.of("gridId", "name", "idNumber", "phone", "sex", "birthDate", "ethnicity",
            "relation", "residence", "registeredOn", "leftOn", "occupation", "workplace", "note", "categories",
            "keyPersonType", "householdNumber", "moveTo");

    /** The form's choice that takes the person out of every household (不属于任何户). */
    static final String NO_HOUSEHOLD = "NONE";

    private final PersonRegister register;
    private final Households households;
    private final GridChoices grids;
    private final MessageSource messages;
    private final VisitLog visits;

    PersonFormPages(PersonRegister register, Households households, GridChoices grids, MessageSource messages,
            VisitLog visits) {
        this.register = register;
        this.households = households;
        this.grids = grids;
        this.messages = messages;
        this.visits = visits;
    }

    /**
     * What the officer typed, as typed (a date he mistyped comes back to him as he wrote it). categories are the
     * categories other than key person, each a checkbox; keyPersonType is the key person's type, blank for none. On the
     * edit form, householdNumber is the number (户号) of the household he moves to (blank: he stays); moveTo is the
     * choice of a household of his grid by where it is and its head (its id, from the list the form offers: blank, he
     * stays; {@link #NO_HOUSEHOLD}, he belongs to no household any more); clearPhone the checkbox that deletes his
     * stored phone (a blank phone keeps it).
     */
    record Typed(String gridId, String householdId, String name, String idNumber, String phone, String sex,
            String birthDate, String ethnicity, String relation, String residence, String registeredOn, String leftOn,
            String occupation, String workplace, String note, List<String> categories, String keyPersonType,
            String version, String householdNumber, String moveTo, String clearPhone, String visitId) {

        Typed {
            categories = categories == null ? List.of() : List.copyOf(categories);
        }

        /** The form of a stored person: everything but his identity number and phone, which the page never holds. */
        static Typed of(Persons.Row r) {
            List<String> others = new ArrayList<>();
            String keyPerson = null;
            for (String code : r.categories()) {
                if (code.startsWith(Category.KEY_PERSON.name() + ":")) {
                    keyPerson = code.substring(code.indexOf(':') + 1);
                } else {
                    others.add(code);
                }
            }
            return new Typed(String.valueOf(r.gridId()), r.householdId() == null ? null : r.householdId().toString(),
                    r.name(), null, null, r.sex(), text(r.birthDate()), r.ethnicity(), r.relation(),
                    r.residence().name(), text(r.registeredOn()), text(r.leftOn()), r.occupation(), r.workplace(),
                    r.note(), others, keyPerson, String.valueOf(r.version()), null, null, null, null);
        }

        /** This form opened during a visit (走访): what it saves is listed under the visit. */
        Typed during(UUID visit) {
            return new Typed(gridId, householdId, name, idNumber, phone, sex, birthDate, ethnicity, relation,
                    residence, registeredOn, leftOn, occupation, workplace, note, categories, keyPersonType, version,
                    householdNumber, moveTo, clearPhone, visit == null ? null : visit.toString());
        }

        /** The categories as the register takes them: codes, the key person's with his type. */
        List<String> categoryCodes() {
            List<String> codes = new ArrayList<>();
            if (keyPersonType != null && !keyPersonType.isBlank()) {
                codes.add(Category.KEY_PERSON.name() + ":" + keyPersonType.strip());
            }
            for (String c : categories) {
                if (c != null && !c.isBlank() && !c.strip().startsWith(Category.KEY_PERSON.name())) {
                    codes.add(c.strip());
                }
            }
            return codes;
        }

        /** Whether the officer chose to delete the stored phone. */
        public boolean clearsPhone() {
            return clearPhone != null && !clearPhone.isBlank() && !"false".equalsIgnoreCase(clearPhone.strip());
        }

        /** The household number typed to move him, or null. */
        String movedToNumber() {
            return householdNumber == null || householdNumber.isBlank() ? null : householdNumber.strip();
        }

        /** The household chosen from the list to move him ({@link #NO_HOUSEHOLD}: none), or null. */
        String movedToChoice() {
            return moveTo == null || moveTo.isBlank() ? null : moveTo.strip();
        }

        public boolean checked(String category) {
            return categories.contains(category);
        }

        private static String text(LocalDate d) {
            return d == null ? null : d.toString();
        }
    }

    /**
     * The register form; with {@code visitId}, opened from the household page during that visit (one the caller may link
     * changes of the household's grid to, else 404 like anything he may not see): the person registered is listed
     * under it.
     */
    @GetMapping("/persons/new")
    String newPerson(@RequestParam(required = false) UUID householdId, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) UUID visitId, Model model) {
        Caller caller = Callers.require();
        Households.Household household = household(householdId, caller);
        UUID grid = household != null ? household.gridId() : gridId;
        visitIn(visits, visitId, grid, caller);
        Typed blank = new Typed(grid == null ? null : grid.toString(), householdId == null ? null : householdId.toString(),
                null, null, null, null, null, "01", null,
                Residence.PERMANENT.name(), null, null, null, null, null, List.of(), null, null, null, null, null,
                visitId == null ? null : visitId.toString());
        return form(model, caller, blank, household, null, Map.of(), List.of());
    }

    @PostMapping("/persons/new")
    String register(@ModelAttribute Typed typed, Model model, Locale locale, RedirectAttributes redirect,
            HttpServletResponse response) {
        Caller caller = Callers.require();
        Households.Household household = household(uuidOrNotFound(typed.householdId()), caller);
        List<Invalid.Problem> problems = new ArrayList<>();
        PersonRegister.Input input = input(typed, household, problems);
        UUID visit = visit(typed, problems);
        try {
            // what the form itself found goes to the register with the rest, to be refused all at once
            Persons.Row row = register.register(input, typed.categoryCodes(), visit, problems, caller);
            redirect.addFlashAttribute("notice", messages.getMessage("population.form.registered",
                    new Object[] {row.name()}, locale));
            return saved(row, visit);
        } catch (Invalid e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return refused(model, caller, typed, household, null, e.problems(), List.of(), locale);
        } catch (Conflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return refused(model, caller, typed, household, null,
                    List.of(new Invalid.Problem("idNumber", e.key(), e.args())), List.of(), locale);
        }
    }

    /**
     * The edit form; with {@code visitId}, opened from the household page during that visit (one the caller may link
     * changes of the person's grid to, else 404): what it changes (moved out, a new phone...) is listed under the visit.
     */
    @GetMapping("/persons/{id}/edit")
    String edit(@PathVariable UUID id, @RequestParam(required = false) UUID visitId, Model model) {
        Caller caller = Callers.require();
        Persons.Row row = register.read(id, caller);
        visitIn(visits, visitId, row.gridId(), caller);
        return form(model, caller, Typed.of(row).during(visitId), household(row.householdId(), caller),
                PersonController.PersonView.of(row), Map.of(), List.of());
    }

    @PostMapping("/persons/{id}/edit")
    String change(@PathVariable UUID id, @ModelAttribute Typed typed, Model model, Locale locale,
            RedirectAttributes redirect, HttpServletResponse response) {
        Caller caller = Callers.require();
        // the person as stored: 404 outside the caller's jurisdiction before anything typed is looked at
        Persons.Row stored = register.read(id, caller);
        Households.Household household = household(uuidOrNotFound(typed.householdId()), caller);
        PersonController.PersonView shown = PersonController.PersonView.of(stored);
        List<Invalid.Problem> problems = new ArrayList<>();
        // moved to another household: one the officer may see, named by its number or chosen from his grid's; he
        // takes its grid. Or taken out of every household: he stays in his grid
        Households.Household movedTo = null;
        boolean leaves = false;
        if (typed.movedToNumber() != null && typed.movedToChoice() != null) {
            problems.add(new Invalid.Problem("moveTo", "population.form.moveTo.both", new Object[0]));
        } else if (typed.movedToNumber() != null) {
            movedTo = households.findVisibleByNumber(typed.movedToNumber(), caller).orElse(null);
            if (movedTo == null) {
                problems.add(new Invalid.Problem("householdNumber", "population.form.householdNumber.unknown",
                        new Object[] {typed.movedToNumber()}));
            }
        } else if (NO_HOUSEHOLD.equals(typed.movedToChoice())) {
            leaves = true;
        } else if (typed.movedToChoice() != null) {
            movedTo = chosen(typed.movedToChoice(), caller);
            if (movedTo == null) {
                problems.add(new Invalid.Problem("moveTo", "population.form.moveTo.unknown", new Object[0]));
            }
        }
        if (typed.clearsPhone() && typed.phone() != null && !typed.phone().isBlank()) {
            problems.add(new Invalid.Problem("phone", "population.form.phoneClearOrType", new Object[0]));
        }
        PersonRegister.Input input = input(typed, movedTo != null ? movedTo : household, problems);
        UUID visit = visit(typed, problems);
        if (leaves) {
            input = withoutHousehold(input, stored.gridId());
        }
        Long version = version(typed.version());
        try {
            Persons.Row row = register.change(id, input, typed.categoryCodes(), version,
                    typed.clearsPhone() ? PersonRegister.Blank.KEEPS_ID_NUMBER : PersonRegister.Blank.KEEPS, visit,
                    problems, caller);
            redirect.addFlashAttribute("notice", messages.getMessage("population.form.changed",
                    new Object[] {row.name()}, locale));
            return saved(row, visit);
        } catch (Invalid e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return refused(model, caller, typed, household, shown, e.problems(), List.of(), locale);
        } catch (Conflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            if ("population.person.stale".equals(e.key())) {
                // what he typed stays, and the form now carries the version he has been told of: saving it again is
                // his choice, made knowing the record changed
                Typed again = new Typed(typed.gridId(), typed.householdId(), typed.name(), typed.idNumber(),
                        typed.phone(), typed.sex(), typed.birthDate(), typed.ethnicity(), typed.relation(),
                        typed.residence(), typed.registeredOn(), typed.leftOn(), typed.occupation(), typed.workplace(),
                        typed.note(), typed.categories(), typed.keyPersonType(), String.valueOf(stored.version()),
                        typed.householdNumber(), typed.moveTo(), typed.clearPhone(), typed.visitId());
                return refused(model, caller, again, household, shown, List.of(),
                        List.of(messages.getMessage(e.key(), e.args(), e.key(), locale)), locale);
            }
            return refused(model, caller, typed, household, shown,
                    List.of(new Invalid.Problem("idNumber", e.key(), e.args())), List.of(), locale);
        }
    }

    /**
     * A page opened during a visit (走访, named in its address) shows a record of the visit's grid, and only during a
     * visit the caller may link its changes to (his own, of today: {@link VisitLog#linkable}); any other visit is 404,
     * like anything the caller may not see.
     */
    static void visitIn(VisitLog visits, UUID visitId, UUID grid, Caller caller) {
        if (visitId != null && visits.linkable(visitId, grid, caller.staffId()).isEmpty()) {
            throw new NotFound("visit", visitId);
        }
    }

    /** The visit the form was opened during, or null; one that is no visit id is refused like a visit elsewhere. */
    private static UUID visit(Typed typed, List<Invalid.Problem> problems) {
        return visit(typed.visitId(), problems);
    }

    /** The visit a form names (its hidden field), or null; one that is no visit id is refused like a visit elsewhere. */
    static UUID visit(String visitId, List<Invalid.Problem> problems) {
        if (visitId == null || visitId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(visitId.strip());
        } catch (IllegalArgumentException e) {
            problems.add(new Invalid.Problem("visitId", "housing.visit.unknown", new Object[0]));
            return null;
        }
    }

    /** Where a saved form goes: the household page of the visit it was saved during, else the person's page. */
    private String saved(Persons.Row row, UUID visit) {
        return saved(visits, row, visit);
    }

    static String saved(VisitLog visits, Persons.Row row, UUID visit) {
        return visit == null ? "redirect:/persons/" + row.id()
                : visits.find(visit).map(v -> v.householdId()).filter(java.util.Objects::nonNull)
                        .map(h -> "redirect:/households/" + h).orElse("redirect:/persons/" + row.id());
    }

    /** The household named, when the caller may see it; none named is none, one he may not see is 404. */
    private Households.Household household(UUID id, Caller caller) {
        if (id == null) {
            return null;
        }
        return households.findVisible(id, caller).orElseThrow(() -> new NotFound("household", id));
    }

    /**
     * The household chosen from the list, when the caller may see it: a value the list never held (forged, or a
     * household since gone from his jurisdiction) is none, refused beside the field like an unknown number.
     */
    private Households.Household chosen(String value, Caller caller) {
        try {
            return households.findVisible(UUID.fromString(value), caller).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The input with no household, the person kept in his grid. */
    private static PersonRegister.Input withoutHousehold(PersonRegister.Input in, UUID grid) {
        return new PersonRegister.Input(grid, null, in.name(), in.idNumber(), in.phone(), in.sex(), in.birthDate(),
                in.ethnicity(), in.relation(), in.residence(), in.registeredOn(), in.leftOn(), in.occupation(),
                in.workplace(), in.note());
    }

    private static UUID uuidOrNotFound(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new NotFound("household", text);
        }
    }

    /** The register's input from what was typed; a value the form's fields cannot hold is a problem of its field. */
    private static PersonRegister.Input input(Typed t, Households.Household household, List<Invalid.Problem> problems) {
        UUID grid = household != null ? household.gridId() : null;
        if (grid == null && t.gridId() != null && !t.gridId().isBlank()) {
            try {
                grid = UUID.fromString(t.gridId().strip());
            } catch (IllegalArgumentException e) {
                problems.add(new Invalid.Problem("gridId", "population.grid.unknown", new Object[0]));
            }
        }
        String keyPersonType = t.keyPersonType() == null ? null : t.keyPersonType().strip();
        if (keyPersonType != null && !keyPersonType.isEmpty()) {
            choice(KeyPersonType.class, keyPersonType, "keyPersonType", problems);
        }
        return new PersonRegister.Input(grid, household == null ? null : household.id(), t.name(), t.idNumber(),
                t.phone(), choice(Sex.class, t.sex(), "sex", problems), date(t.birthDate(), "birthDate", problems),
                t.ethnicity(), choice(Relation.class, t.relation(), "relation", problems),
                choice(Residence.class, t.residence(), "residence", problems),
                date(t.registeredOn(), "registeredOn", problems), date(t.leftOn(), "leftOn", problems),
                t.occupation(), t.workplace(), t.note());
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field,
            List<Invalid.Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(new Invalid.Problem(field, "error.field.format", new Object[0]));
            return null;
        }
    }

    static LocalDate date(String value, String field, List<Invalid.Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new Invalid.Problem(field, "population.form.date", new Object[0]));
            return null;
        }
    }

    private String refused(Model model, Caller caller, Typed typed, Households.Household household,
            PersonController.PersonView person, List<Invalid.Problem> problems, List<String> general, Locale locale) {
        Refusal refusal = refusal(messages, problems, general, SHOWN,
                f -> "householdId".equals(f) && household == null ? "gridId" : f, locale);
        return form(model, caller, typed, household, person, refusal.errors(), refusal.above());
    }

    /** A refused form's problems in the reader's language: beside the fields the form shows, and above it. */
    record Refusal(Map<String, List<String>> errors, List<String> above) {
    }

    /**
     * Sorts a refused form's problems: each beside its field (as {@code field} names it on the form) when the form
     * shows that field, the others above it after the general ones; when every problem stands beside a field, the
     * notice that nothing was saved goes above.
     */
    static Refusal refusal(MessageSource messages, List<Invalid.Problem> problems, List<String> general,
            Set<String> shown, UnaryOperator<String> field, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<String> above = new ArrayList<>(general);
        for (Invalid.Problem p : problems) {
            String text = messages.getMessage(p.key(), p.args(), p.key(), locale);
            String on = field.apply(p.field());
            if (shown.contains(on)) {
                errors.computeIfAbsent(on, f -> new ArrayList<>()).add(text);
            } else {
                above.add(text);
            }
        }
        if (!errors.isEmpty() && above.isEmpty()) {
            above.add(messages.getMessage("population.form.refused", null, locale));
        }
        return new Refusal(errors, above);
    }

    /** The version a form was made from (none typed: none); one that is no number is stale, as no stored one reads so. */
    static Long version(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(typed.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private String form(Model model, Caller caller, Typed typed, Households.Household household,
            PersonController.PersonView person, Map<String, List<String>> errors, List<String> problems) {
        model.addAttribute("f", typed);
        // the visit the form was opened during, to say so and to lead back to the visit's household: only one the
        // caller may link the person's changes to (a visit elsewhere, another's or an earlier day's, refused, is not
        // shown)
        UUID during = visit(typed, new ArrayList<>());
        String grid = person != null ? String.valueOf(person.gridId())
                : household != null ? String.valueOf(household.gridId()) : typed.gridId();
        model.addAttribute("visit", during == null ? null
                : visits.find(during).filter(v -> v.gridId().toString().equals(grid)
                        && visits.linkable(v, caller.staffId())).orElse(null));
        model.addAttribute("household", household);
        model.addAttribute("person", person);
        model.addAttribute("errors", errors);
        model.addAttribute("problems", problems);
        model.addAttribute("grids", person == null ? grids.of(caller) : grids.of(caller, person.gridId()));
        // the households of his grid he may be moved into, for one without a number too; and a household of another
        // grid of the officer's chosen by looking it up, when the form comes back refused, so it stays chosen
        List<Households.Choice> choices = person == null ? List.of()
                : new ArrayList<>(households.choices(person.gridId(), person.householdId(), caller));
        String looked = typed.movedToChoice();
        if (person != null && looked != null && !NO_HOUSEHOLD.equals(looked)
                && choices.stream().noneMatch(c -> c.id().toString().equals(looked))) {
            try {
                households.choice(UUID.fromString(looked), caller)
                        .filter(c -> !c.id().equals(person.householdId())).ifPresent(c -> choices.add(0, c));
            } catch (IllegalArgumentException e) {
                // not a household: refused beside the field already, nothing to keep
            }
        }
        model.addAttribute("moveChoices", choices);
        model.addAttribute("ethnicities", Ethnicities.all());
        model.addAttribute("sexes", Sex.values());
        model.addAttribute("relations", Relation.values());
        model.addAttribute("residences", Residence.values());
        model.addAttribute("keyPersonTypes", KeyPersonType.values());
        model.addAttribute("otherCategories", List.of(Category.LEFT_BEHIND_CHILD.name(),
                Category.ELDERLY_ALONE.name(), Category.IN_DIFFICULTY.name()));
        return "population/person-form";
    }
}
