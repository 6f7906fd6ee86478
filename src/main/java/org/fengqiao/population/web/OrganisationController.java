package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.OrganisationKind;
import org.fengqiao.population.SmallPlace;
import org.fengqiao.population.internal.FireSafety;
import org.fengqiao.population.internal.OrganisationRegister;
import org.fengqiao.population.internal.Organisations;
import org.springdoc.core.annotations.ParameterObject;
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
@RequestMapping("/api/v1/organisations")
@PreAuthorize("hasAuthority('POPULATION_READ')")
@Tag(name = "Population: organisations", description = "实有单位: shops, firms, schools, hospitals, the nine small places and their fire safety")
class OrganisationController {

    static final int MAX_PAGE = 100;

    private final OrganisationRegister register;
    private final PeopleShown people;
    private final OrganisationLedger ledger;

    private final org.fengqiao.platform.web.JsonFields json;

    OrganisationController(OrganisationRegister register, PeopleShown people, OrganisationLedger ledger,
            org.fengqiao.platform.web.JsonFields json) {
        this.json = json;
        this.register = register;
        this.people = people;
        this.ledger = ledger;
    }

    /** {@code ownerCleared}: true when the form's owner was cleared, so that a change naming none removes him. */
    record OrganisationForm(UUID gridId, UUID addressId, String name, String kind, String smallPlace, String business,
            String licenceNo, String phone, UUID ownerPersonId, String note, Boolean ownerCleared) {

        OrganisationRegister.Input input() {
            return new OrganisationRegister.Input(gridId, addressId, name, kind, smallPlace, business, licenceNo, phone,
                    ownerPersonId, note, Boolean.TRUE.equals(ownerCleared));
        }
    }

    record StaffForm(UUID personId, String role, LocalDate from) {
    }

    record EndStaff(LocalDate on) {
    }

    record InspectionForm(LocalDate inspectedOn, String inspector, String findings, String hazards,
            LocalDate rectifyBy, LocalDate rectifiedOn) {
    }

    record Rectified(LocalDate on) {
    }

    record RevealRequest(String field, String reason) {
    }

    record Revealed(String field, String value) {
    }

    record Owner(UUID personId, String name, String idNumber, String phone) {
    }

    record OrganisationSummary(UUID id, UUID gridId, String gridCode, UUID addressId, String address, String name,
            String kind, String smallPlace, String business, String licenceNo, String phone, Owner owner,
            FireSafety fireSafety, long openHazards, LocalDate lastInspected) {

        static OrganisationSummary of(Organisations.Organisation o) {
            return new OrganisationSummary(o.id(), o.gridId(), o.gridCode(), o.addressId(), o.address(), o.name(),
                    o.kind(), o.smallPlace(), o.business(), o.licenceNo(), o.phoneMasked(),
                    // an owner the caller may not open is named without his id, as without his numbers
                    o.ownerPersonId() == null ? null : new Owner(o.ownerVisible() ? o.ownerPersonId() : null,
                            o.ownerName(), o.ownerIdMasked(), o.ownerPhoneMasked()),
                    o.fireSafetyState(), o.fireSafety().open(), o.lastInspected());
        }
    }

    /**
     * A member of staff as the caller may see him: visible when his person record is the caller's to open (its page
     * answers 404 otherwise, so the organisation page names him without a link, his numbers and his personId left
     * out).
     */
    record StaffView(UUID id, UUID personId, String name, String idNumber, String phone, String role, LocalDate from,
            LocalDate to, boolean visible) {
    }

    record OrganisationView(UUID id, UUID gridId, String gridCode, String gridName, UUID addressId, String address,
            String name, String kind, String smallPlace, String business, String licenceNo, String phone,
            PeopleShown.PersonRef owner, String note, FireSafety fireSafety, long openHazards, long overdueHazards,
            LocalDate lastInspected, List<StaffView> staff, List<Organisations.Inspection> inspections, long version) {
    }

    record OrganisationPage(List<OrganisationSummary> items, long total, int page, int size) {
    }

    /**
     * The list's filters, read once for the list and its ledger alike (a choice it does not know is refused with 400,
     * naming the parameter, as a single one is).
     */
    record ListFilters(OrganisationKind kind, SmallPlace smallPlace, Boolean ninePlaces, UUID gridId,
            FireSafety fireSafety, String q) {

        Organisations.Filter filter() {
            return new Organisations.Filter(kind == null ? null : kind.name(),
                    smallPlace == null ? null : smallPlace.name(), ninePlaces, gridId, fireSafety, q);
        }
    }

    @GetMapping
    @Operation(summary = "The organisations of the caller's jurisdiction",
            description = "Filters: kind (SHOP, FIRM, SCHOOL, HOSPITAL, OTHER), smallPlace (one of the nine small places), "
                    + "ninePlaces=true for all of them, gridId, fireSafety (OVERDUE, HAZARD_OPEN, COMPLIANT, NOT_INSPECTED, "
                    + "as of today), q (a fragment of name, business, address or owner, or the licence number). "
                    + "Listed by grid, then door by door by address (1组2号 before 1组10号), then by name with its "
                    + "numbers as numbers (2号摊位 before 10号摊位).")
    OrganisationPage list(@ParameterObject ListFilters filters, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int current = Math.max(1, page);
        Organisations.Page found = register.list(filters.filter(), Callers.require(), limit,
                Paging.offset(current, limit));
        return new OrganisationPage(found.rows().stream().map(OrganisationSummary::of).toList(), found.total(), current,
                limit);
    }

    @GetMapping("/export.xlsx")
    @Operation(summary = "The organisations the list shows for the same filters as an xlsx ledger (实有单位台账)",
            description = "Every page of the list in its order, in the reader's language: name, kind, small place, "
                    + "business, licence number, phone (masked), address, grid, owner (by name; his phone masked, "
                    + "and left out when he is not of the caller's jurisdiction), fire-safety state as of today, open "
                    + "hazards and the last inspection. Audited as one READ with the filters and the count; more "
                    + "than 50,000 matching are refused with 400.")
    void export(@ParameterObject ListFilters filters, java.util.Locale locale,
            jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        ledger.write(filters.filter(), register.today(), Callers.require(), locale, response);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One organisation with owner, staff and inspections; masked, each person shown an audited read")
    OrganisationView one(@PathVariable UUID id) {
        Caller caller = Callers.require();
        return view(register.read(id, caller), caller);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Register an organisation at an address (its grid) or in a grid",
            description = "licenceNo is the 18-character unified social credit code (check character verified) or a "
                    + "15-digit registration number; a small place without kind is a shop, school, clinic or firm.")
    OrganisationView create(@RequestBody OrganisationForm form) {
        Caller caller = Callers.require();
        return view(register.create(form.input(), caller), caller);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Change an organisation; the change is audited with before and after",
            description = "A field left out of the body keeps its stored value (the owner too); one sent as null is "
                    + "taken away where it may be (business, licenceNo, note, ownerPersonId) and refused where it is "
                    + "required (name: 400). The phone too: left out it is kept, sent as null or empty it is taken "
                    + "away, sent as its masked value (as GET shows it) it stands for the stored one. An owner outside "
                    + "the caller's jurisdiction, shown without his personId, is kept when the change names no owner, "
                    + "and removed when it says ownerCleared=true.")
    OrganisationView change(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content =
            @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(
                    implementation = OrganisationForm.class))) @RequestBody com.fasterxml.jackson.databind.JsonNode body) {
        Caller caller = Callers.require();
        // read field by field: what the body left out is known, and every mistyped value is refused at once
        return json.change(body, OrganisationForm.class, (form, leftOut, found) ->
                view(register.change(id, form.input(), leftOut, found, caller), caller));
    }

    @PostMapping("/{id}/staff")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Add a member of staff: a person of the caller's jurisdiction with a role",
            description = "role: LEGAL_REPRESENTATIVE, MANAGER, FIRE_SAFETY, SECURITY, EMPLOYEE.")
    OrganisationView addStaff(@PathVariable UUID id, @RequestBody StaffForm form) {
        Caller caller = Callers.require();
        register.addStaff(id, new OrganisationRegister.NewStaff(form.personId(), form.role(), form.from()), caller);
        return view(register.read(id, caller), caller);
    }

    @PostMapping("/{id}/staff/{staffId}/end")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "A member of staff left on a day")
    OrganisationView endStaff(@PathVariable UUID id, @PathVariable UUID staffId, @RequestBody EndStaff body) {
        Caller caller = Callers.require();
        register.endStaff(id, staffId, body == null ? null : body.on(), caller);
        return view(register.read(id, caller), caller);
    }

    @PostMapping("/{id}/inspections")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Record a fire-safety inspection (消防检查)",
            description = "hazards found need rectifyBy; the inspector defaults to the caller. The answer carries the "
                    + "organisation's fire-safety state after it.")
    OrganisationView inspect(@PathVariable UUID id, @RequestBody InspectionForm form) {
        Caller caller = Callers.require();
        register.recordInspection(id, new OrganisationRegister.NewInspection(form.inspectedOn(), form.inspector(),
                form.findings(), form.hazards(), form.rectifyBy(), form.rectifiedOn()), caller);
        return view(register.read(id, caller), caller);
    }

    @PostMapping("/{id}/inspections/{inspectionId}/rectified")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "The hazards an inspection found were rectified on a day")
    OrganisationView rectified(@PathVariable UUID id, @PathVariable UUID inspectionId, @RequestBody Rectified body) {
        Caller caller = Callers.require();
        register.rectified(id, inspectionId, body == null ? null : body.on(), caller);
        return view(register.read(id, caller), caller);
    }

    @PostMapping("/{id}/reveal")
    @PreAuthorize("hasAuthority('POPULATION_REVEAL')")
    @Operation(summary = "Reveal the organisation's full phone (field: phone) with a stated reason; audited")
    Revealed reveal(@PathVariable UUID id, @RequestBody RevealRequest request) {
        if (!"phone".equals(request.field())) {
            throw Invalid.of("field", "places.reveal.phoneOnly");
        }
        return new Revealed("phone", register.revealPhone(id, request.reason(), Callers.require()));
    }

    OrganisationView view(Organisations.Organisation o, Caller caller) {
        List<StaffView> staff = register.staff(o.id()).stream().map(s -> {
            PeopleShown.PersonRef p = people.of(s.personId(), s.name(), caller);
            // the id of a person the caller may not open is not given out: it would only let him try it elsewhere
            return new StaffView(s.id(), p.visible() ? s.personId() : null, p.name(), p.idNumber(), p.phone(), s.role(),
                    s.from(), s.to(), p.visible());
        }).toList();
        return new OrganisationView(o.id(), o.gridId(), o.gridCode(), o.gridName(), o.addressId(), o.address(), o.name(),
                o.kind(), o.smallPlace(), o.business(), o.licenceNo(), o.phoneMasked(),
                PeopleShown.unseenWithoutId(people.of(o.ownerPersonId(), o.ownerName(), caller)), o.note(), o.fireSafetyState(),
                o.fireSafety().open(), o.fireSafety().overdue(), o.lastInspected(), staff,
                register.inspections(o.id()), o.version());
    }
}
