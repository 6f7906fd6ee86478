package org.fengqiao.population.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.JsonFields;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.Category;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
import org.fengqiao.population.internal.Departures;
import org.fengqiao.population.internal.HelpedPersons;
import org.fengqiao.population.internal.PersonQuery;
import org.fengqiao.population.internal.PersonRegister;
import org.fengqiao.population.internal.Persons;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/persons")
@Tag(name = "Persons", description = "实有人口: search, records, masked personal data and audited reveal")
class PersonController {

    static final int MAX_PAGE = 100;

    private final PersonRegister register;
    private final Departures departures;

    private final HelpedPersons helped;
    private final JsonFields json;

    PersonController(PersonRegister register, Departures departures, HelpedPersons helped, JsonFields json) {
        this.helped = helped;
        this.json = json;
        this.register = register;
        this.departures = departures;
    }

    record PersonView(UUID id, UUID gridId, String gridCode, UUID householdId, String name, String idNumber,
            String phone, String sex, LocalDate birthDate, String ethnicity, String relation, Residence residence,
            LocalDate registeredOn, LocalDate residencePermitFrom, LocalDate leftOn, String occupation,
            String workplace, String note, List<String> categories, String address, long version) {

        /** A floating resident may apply for a residence permit six months after registering (seed 000). */
        static PersonView of(Persons.Row r) {
            LocalDate permit = r.residence() == null ? null : r.residence().residencePermitFrom(r.registeredOn());
            return new PersonView(r.id(), r.gridId(), r.gridCode(), r.householdId(), r.name(), r.idMasked(),
                    r.phoneMasked(), r.sex(), r.birthDate(), r.ethnicity(), r.relation(), r.residence(),
                    r.registeredOn(), permit, r.leftOn(), r.occupation(), r.workplace(), r.note(), r.categories(),
                    r.address(), r.version());
        }
    }

    /**
     * total is exact up to 200 matches (Persons.COUNT_CAP) or up to the end of the page asked for, if further;
     * past that it is that number with totalIsLowerBound set: there are more matches than total.
     */
    record PersonPage(List<PersonView> items, long total, boolean totalIsLowerBound, int page, int size,
            PersonQuery.Kind searchedAs) {
    }

    /**
     * categories: the person's categories as codes (KEY_PERSON:DRUG, LEFT_BEHIND_CHILD, ELDERLY_ALONE, IN_DIFFICULTY)
     * or by name (涉毒人员, 留守儿童); absent (null) leaves them as they are, an empty list takes them all away.
     * version, on a change: the version the client read; if the person was changed since, 409 and nothing written
     * (absent: not checked). visitId: the visit (走访) during which the person is registered or changed, in his grid,
     * recorded by the caller today; what was done is then listed under it (absent: none).
     */
    record PersonForm(UUID gridId, UUID householdId, String name, String idNumber, String phone, Sex sex,
            LocalDate birthDate, String ethnicity, Relation relation, Residence residence, LocalDate registeredOn,
            LocalDate leftOn, String occupation, String workplace, String note, List<String> categories,
            Long version, UUID visitId) {

        PersonRegister.Input input() {
            return new PersonRegister.Input(gridId, householdId, name, idNumber, phone, sex, birthDate, ethnicity,
                    relation, residence, registeredOn, leftOn, occupation, workplace, note);
        }
    }

    /**
     * A departure (登记离开): leftOn, the day he left (absent: today); destination, where to, and note, both optional,
     * added to his note; version and visitId as for a change of the person.
     */
    record DepartureForm(LocalDate leftOn, String destination, String note, Long version, UUID visitId) {

        Departures.Departure departure() {
            return new Departures.Departure(leftOn, destination, note);
        }
    }

    record RevealRequest(String field, String reason) {
    }

    record Revealed(String field, String value) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('POPULATION_READ')")
    @Operation(summary = "Search the persons of the caller's jurisdiction",
            description = "q is a name or two or more characters of it, pinyin initials (zs) or pinyin, any word of a name "
                    + "in Latin letters or its start, case and accents ignored (smith, smi or john smith in either order "
                    + "find John Smith; letters that are also initials list the initials' matches first), an identity "
                    + "number whole or its last 4 or 6 characters, or a phone number. searchedAs says how q was read. "
                    + "address filters by the household's address (read as the address list reads it); each item's "
                    + "address is his household's. Listed by name, except a search by address alone (no q): door by "
                    + "door, by the household's address, room, household number, then name (1组2号 before 1组10号, "
                    + "9室 before 101室). Identity numbers and phones are masked.")
    PersonPage search(@RequestParam(required = false) String q, @RequestParam(required = false) String address,
            @RequestParam(required = false) Category category, @RequestParam(required = false) KeyPersonType keyPersonType,
            @RequestParam(required = false) Residence residence, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) UUID householdId,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        Caller caller = Callers.require();
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int current = Math.max(1, page);
        PersonQuery query = new PersonQuery(q, address, category, keyPersonType, residence, gridId, householdId);
        Persons.Page found = register.search(query, caller, limit, Paging.offset(current, limit));
        return new PersonPage(found.rows().stream().map(PersonView::of).toList(), found.total(), found.more(), current,
                limit, found.searchedAs());
    }

    @GetMapping("/helped")
    @PreAuthorize("hasAuthority('POPULATION_READ')")
    @Operation(summary = "The persons of the households in difficulty helped (帮扶人数), as the work figures count",
            description = "unitId: the grids of a unit and those under it (404 outside the caller's scope; default "
                    + "all of it); from/to: the days of the visits, both included (default this month to today; 400 "
                    + "reversed). Each person once who lived in a household in difficulty on the day it was visited. "
                    + "Identity numbers and phones masked; the read is audited. total: how many in all.")
    HelpedPersons.Listing helped(@RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        return helped.list(Callers.require(), unitId, from, to, limit, Paging.offset(Math.max(1, page), limit));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('POPULATION_READ')")
    @Operation(summary = "One person, masked; the read is written to the audit trail",
            description = "404 for a person outside the caller's jurisdiction, exactly as for one who does not exist.")
    PersonView one(@PathVariable UUID id) {
        return PersonView.of(register.read(id, Callers.require()));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a person in a grid of the caller's jurisdiction",
            description = "The identity number is checked (GB 11643 check character, a real birth date) and must agree "
                    + "with the sex and birth date entered; a number already registered answers 409 (400 with it among the "
                    + "errors when other fields are wrong too: every fault at once, a value of the wrong kind (a date that is none, "
                    + "an unknown sex) among them). With visitId, "
                    + "registered during that visit of the person's grid and listed under it; only the caller's own "
                    + "visit, on the day it was made (another grid's or none: 400 housing.visit.unknown, another "
                    + "staff member's: 400 housing.visit.notYours, an earlier day's: 400 housing.visit.closed; "
                    + "nothing registered).")
    PersonView create(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = PersonForm.class))) @RequestBody JsonNode body) {
        // read field by field: a value of the wrong kind is refused with every other fault of the body at once
        List<Invalid.Problem> found = new ArrayList<>();
        PersonForm form = json.read(body, PersonForm.class, found);
        try {
            return PersonView.of(register.register(form.input(), form.categories(), form.visitId(), found,
                    Callers.require()));
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Change a person's record; the change is audited with before and after",
            description = "categories, when given, sets the person's categories (an empty list: none), as a persons "
                    + "import does: a child who is no longer a left-behind child has his care agreement in force "
                    + "ended today (kept, shown ended); the grid chief hears in his inbox of a person made a key "
                    + "person, changed key-person type or no longer one. 404 for a person outside the caller's "
                    + "jurisdiction; 409 when version is given and the person was changed since. With visitId, changed "
                    + "during that visit of the person's grid: each thing changed (moved out, phone, residence...) is "
                    + "listed under it, numbers masked; only the caller's own visit, on the day it was made (else 400 "
                    + "as on registering, nothing changed). Every field left out of the body keeps its stored value "
                    + "(categories too); one sent as null is taken away where it may be (note, occupation, phone...) "
                    + "and refused where it is required (name: 400). Sex and birth date left out follow the identity "
                    + "number in force. idNumber and phone sent empty or null are taken away; the person's own masked "
                    + "value as read (320722********002X) keeps the stored one, another masked value is refused (400).")
    PersonView change(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = PersonForm.class))) @RequestBody JsonNode body) {
        List<Invalid.Problem> found = new ArrayList<>();
        PersonForm form = json.read(body, PersonForm.class, found);
        try {
            return PersonView.of(register.changeSent(id, form.input(),
                    JsonFields.leftOut(body, PersonRegister.Input.class), form.categories(), form.version(),
                    form.visitId(), found, Callers.require()));
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    @PostMapping("/{id}/departure")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Record that a person has moved away (登记离开); audited with before and after",
            description = "Sets his residence to left on leftOn (absent: today; not after today, not before his "
                    + "registration or birth) and keeps everything else; destination and note, when given, are added "
                    + "to his note as one dated line. Saved as a change of the person (PUT): 409 when version is given "
                    + "and he was changed since; with visitId, listed under that visit of his grid. One already "
                    + "recorded as left: 400, nothing changed. 404 outside the caller's jurisdiction. Answers him "
                    + "masked.")
    PersonView depart(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = DepartureForm.class))) @RequestBody JsonNode body,
            Locale locale) {
        List<Invalid.Problem> found = new ArrayList<>();
        DepartureForm form = json.read(body, DepartureForm.class, found);
        try {
            return PersonView.of(departures.depart(id, form.departure(), form.version(), form.visitId(), locale, found,
                    Callers.require()));
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    @PostMapping("/{id}/reveal")
    @PreAuthorize("hasAuthority('POPULATION_REVEAL')")
    @Operation(summary = "Reveal the full identity number or phone with a stated reason",
            description = "field is idNumber or phone; the reason (at least 4 characters) is written to the audit trail.")
    Revealed reveal(@PathVariable UUID id, @RequestBody RevealRequest request) {
        return new Revealed(request.field(), register.reveal(id, request.field(), request.reason(), Callers.require()));
    }
}
