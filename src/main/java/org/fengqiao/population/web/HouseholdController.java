package org.fengqiao.population.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.JsonFields;
import org.fengqiao.population.internal.Departures;
import org.fengqiao.population.internal.Households;
import org.fengqiao.population.internal.Housing;
import org.fengqiao.population.internal.VisitChangeTexts;
import org.fengqiao.population.internal.VisitLog;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAuthority('POPULATION_READ')")
@Tag(name = "Population: households and visits")
class HouseholdController {

    private final Households households;
    private final VisitLog visits;
    private final Housing housing;
    private final VisitChangeTexts texts;
    private final MessageSource messages;
    private final Departures departures;

    private final JsonFields json;

    HouseholdController(Households households, VisitLog visits, Housing housing, VisitChangeTexts texts,
            MessageSource messages, Departures departures, JsonFields json) {
        this.json = json;
        this.departures = departures;
        this.households = households;
        this.visits = visits;
        this.housing = housing;
        this.texts = texts;
        this.messages = messages;
    }

    record NewHousehold(UUID gridId, UUID roomId, UUID addressId, String number, boolean trusted,
            boolean inDifficulty) {
    }

    /**
     * visitId, in this and {@link ContactCard}: the visit (走访) the change is made during, listed under it; only the
     * caller's own visit of the household's grid, on the day it was made (else 400, nothing changed).
     */
    record HouseholdChange(Boolean trusted, Boolean inDifficulty, String note, UUID visitId) {
    }

    record ContactCard(LocalDate on, UUID visitId) {
    }

    /** The household's marks as set at the door (optional; both marks then required, a blank note clears it). */
    record Marks(Boolean trusted, Boolean inDifficulty, String note) {
    }

    record NewVisit(UUID householdId, String findings, boolean contactCard, OffsetDateTime visitedAt,
            String idempotencyKey, Marks household) {
    }

    record HouseholdView(UUID id, UUID gridId, String gridCode, String number, UUID roomId, String roomNumber,
            Integer roomUnit, UUID buildingId, String buildingName, UUID addressId, String address, boolean trusted,
            boolean inDifficulty, LocalDate contactCardOn, String note, List<Households.Member> members) {
        static HouseholdView of(Households.Household h, List<Households.Member> members) {
            return new HouseholdView(h.id(), h.gridId(), h.gridCode(), h.number(), h.roomId(), h.roomNumber(),
                    h.roomUnit(), h.buildingId(), h.buildingName(), h.addressId(), h.address(), h.trusted(),
                    h.inDifficulty(), h.contactCardOn(), h.note(), members);
        }
    }

    /** A household found by its number, address, building or head: label is all of them and its grid, as listed. */
    record HouseholdChoice(UUID id, String number, String place, String head, UUID gridId, String gridCode,
            String label) {
    }

    record HouseholdChoices(List<HouseholdChoice> items) {
    }

    @GetMapping("/households")
    @Operation(summary = "Look up households of the caller's jurisdiction by number (户号), address, building or head",
            description = "q (two characters or more): the household number whole or a part of it, a part of the "
                    + "address (吴场村一组四十号 and 1组40 alike), of the building's name, or of the head's name. except: a "
                    + "household left out (the one a person is in, when moving him). Households outside the caller's "
                    + "jurisdiction are never listed. size: at most 50.")
    HouseholdChoices lookup(@RequestParam(required = false) String q, @RequestParam(required = false) UUID except,
            @RequestParam(defaultValue = "8") int size, Locale locale) {
        String head = messages.getMessage("population.form.moveTo.head", null, locale);
        return new HouseholdChoices(households.lookup(q, except, Callers.require(), size).stream()
                .map(c -> new HouseholdChoice(c.id(), c.number(), c.place(), c.head(), c.gridId(), c.gridCode(),
                        c.labelWithGrid(head)))
                .toList());
    }

    @PostMapping("/households")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Register a household in a grid, in a room of a building of that grid or at an address")
    HouseholdView create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema =
            @Schema(implementation = NewHousehold.class))) @RequestBody JsonNode body) {
        // read field by field: a value of the wrong kind is refused with every other fault of the body at once
        List<Invalid.Problem> found = new ArrayList<>();
        NewHousehold h = json.read(body, NewHousehold.class, found);
        try {
            Households.Household created = housing.createHousehold(new Housing.NewHousehold(h.gridId(), h.roomId(),
                    h.addressId(), h.number(), h.trusted(), h.inDifficulty()), found, Callers.require());
            return HouseholdView.of(created, List.of());
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    @GetMapping("/households/{id}")
    @Operation(summary = "A household with its members: name, relation, residence and categories (no identity numbers or phones)",
            description = "The read is audited: the household, and each member as a read of his record. 404 outside the "
                    + "caller's jurisdiction.")
    HouseholdView one(@PathVariable UUID id) {
        Housing.HouseholdRead read = housing.read(id, Callers.require());
        return HouseholdView.of(read.household(), read.members());
    }

    @PutMapping("/households/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Change whether a household is trusted (放心户) or in difficulty, and its note",
            description = "A field left out of the body keeps its stored value (send only the mark you change); a "
                    + "note sent as null or blank is taken away; trusted or inDifficulty sent as null is refused (400), "
                    + "nothing changed. 404 outside the caller's jurisdiction.")
    HouseholdView update(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content =
            @Content(schema = @Schema(implementation = HouseholdChange.class))) @RequestBody JsonNode body) {
        List<Invalid.Problem> found = new ArrayList<>();
        HouseholdChange c = json.read(body, HouseholdChange.class, found);
        try {
            Households.Household h = housing.updateHousehold(id, c.trusted(), c.inDifficulty(), c.note(),
                    JsonFields.leftOut(body, HouseholdChange.class), c.visitId(), found, Callers.require());
            return HouseholdView.of(h, households.members(id));
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    @PostMapping("/households/{id}/contact-card")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Record the day the police contact card (警民联系卡) was handed to the household")
    HouseholdView contactCard(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content =
            @Content(schema = @Schema(implementation = ContactCard.class))) @RequestBody JsonNode body) {
        // read field by field: a day and a visit both mistyped are refused together, not one request after another
        List<Invalid.Problem> found = new ArrayList<>();
        ContactCard c = json.read(body, ContactCard.class, found);
        try {
            Households.Household h = housing.contactCard(id, c.on(), c.visitId(), found, Callers.require());
            return HouseholdView.of(h, households.members(id));
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    @PostMapping("/households/{id}/departure")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Record that a whole household moved away (整户迁出)",
            description = "Each member still living there is recorded as left, as POST /api/v1/persons/{id}/departure "
                    + "does (leftOn, destination, note, visitId), one audit entry each, all or nothing: a member whose "
                    + "departure is refused refuses them all (400, the problem said with his name). Nobody living "
                    + "there any more: 400. 404 outside the caller's jurisdiction. Answers the members recorded, "
                    + "masked.")
    List<PersonController.PersonView> depart(@PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema =
                    @Schema(implementation = PersonController.DepartureForm.class))) @RequestBody JsonNode body,
            Locale locale) {
        List<Invalid.Problem> found = new ArrayList<>();
        PersonController.DepartureForm form = json.read(body, PersonController.DepartureForm.class, found);
        try {
            return departures.departHousehold(id, form.departure(), form.visitId(), locale, found, Callers.require())
                    .stream().map(PersonController.PersonView::of).toList();
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    @GetMapping("/households/{id}/visits")
    @Operation(summary = "The visits (走访) of a household, newest first, each with the changes made during it")
    List<VisitLog.Visit> visits(@PathVariable UUID id, Locale locale) {
        visible(id, Callers.require());
        return texts.shown(visits.ofHousehold(id), locale);
    }

    @PostMapping("/visits")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Record a door-to-door visit by the caller; a contact card handed over sets the household's card date",
            description = "household {trusted, inDifficulty, note}, when given, is the household as the officer set it "
                    + "at the door: what differs is written with the visit and listed under it. An Idempotency-Key "
                    + "header (or idempotencyKey) makes a repeated submission answer the visit recorded the first time "
                    + "(200) instead of recording another (201); the same key with a different visit is refused (422) "
                    + "and nothing is recorded. Each change of the visit reads in the caller's language (summary), "
                    + "with its messageKey and args.")
    ResponseEntity<VisitLog.Visit> visit(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = NewVisit.class))) @RequestBody JsonNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key, Locale locale) {
        // read field by field: every mistyped value of the visit is refused with its other faults at once
        List<Invalid.Problem> found = new ArrayList<>();
        NewVisit v = json.read(body, NewVisit.class, found);
        Marks m = v.household();
        Housing.Recorded r;
        try {
            r = housing.recordVisit(new Housing.NewVisit(v.householdId(), v.findings(), v.contactCard(),
                    v.visitedAt(), m == null ? null : new Housing.HouseholdMarks(m.trusted(), m.inDifficulty(),
                    m.note())), key != null ? key : v.idempotencyKey(), found, Callers.require());
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(texts.shown(r.visit(), locale));
    }

    private Households.Household visible(UUID id, Caller caller) {
        return households.findVisible(id, caller).orElseThrow(() -> new NotFound("household", id));
    }
}
