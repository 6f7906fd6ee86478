package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.JsonFields;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.internal.RentalRegister;
import org.fengqiao.population.internal.Rentals;
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
@RequestMapping("/api/v1/rentals")
@PreAuthorize("hasAuthority('POPULATION_READ')")
@Tag(name = "Population: rental housing", description = "出租房屋: landlord and tenants, personal data masked")
class RentalController {

    static final int MAX_PAGE = 100;

    private final RentalRegister register;
    private final PeopleShown people;
    private final JsonFields json;

    RentalController(RentalRegister register, PeopleShown people, JsonFields json) {
        this.json = json;
        this.register = register;
        this.people = people;
    }

    record TenantForm(UUID personId, LocalDate from, LocalDate to) {
        RentalRegister.NewTenant input() {
            return new RentalRegister.NewTenant(personId, from, to);
        }
    }

    /** {@code landlordCleared}: true when the form's landlord was cleared, so that a change naming none drops him. */
    record RentalForm(UUID roomId, UUID addressId, UUID landlordPersonId, String landlordName, String landlordPhone,
            String purpose, LocalDate contractFrom, LocalDate contractTo, LocalDate policeRegisteredOn, String note,
            List<TenantForm> tenants, Boolean landlordCleared) {

        RentalRegister.Input input() {
            return new RentalRegister.Input(roomId, addressId, landlordPersonId, landlordName, landlordPhone, purpose,
                    contractFrom, contractTo, policeRegisteredOn, note,
                    tenants == null ? null : tenants.stream().map(t -> t == null ? null : t.input()).toList(),
                    Boolean.TRUE.equals(landlordCleared));
        }
    }

    record EndTenancy(LocalDate on) {
    }

    record RevealRequest(String field, String reason) {
    }

    record Revealed(String field, String value) {
    }

    /** The landlord as a list shows him: a person of the records or a name, identity number and phone masked. */
    record Landlord(UUID personId, String name, String idNumber, String phone) {

        /** A landlord the caller may not open is named without his id, as without his numbers. */
        static Landlord of(Rentals.Rental r) {
            return new Landlord(r.landlordVisible() ? r.landlordPersonId() : null, r.landlordName(),
                    r.landlordIdMasked(), r.landlordPhoneMasked());
        }

        /**
         * The landlord of one rental as the person register showed him to the caller ({@code shown}, null for a
         * landlord known by name): the rental a change answers with is read unscoped, so whether the caller may open
         * him is the register's word, not the row's.
         */
        static Landlord of(Rentals.Rental r, PeopleShown.PersonRef shown) {
            if (shown == null) {
                return new Landlord(null, r.landlordName(), null, r.landlordPhoneMasked());
            }
            return shown.visible() ? new Landlord(r.landlordPersonId(), r.landlordName(), r.landlordIdMasked(),
                    r.landlordPhoneMasked()) : new Landlord(null, r.landlordName(), null, null);
        }
    }

    record RentalSummary(UUID id, UUID gridId, String gridCode, UUID roomId, UUID buildingId, String buildingName,
            Integer roomUnit, String roomNumber, UUID addressId, String address, Landlord landlord, String purpose,
            LocalDate contractFrom, LocalDate contractTo, LocalDate policeRegisteredOn, boolean active,
            Rentals.State state, long currentTenants) {

        static RentalSummary of(Rentals.Rental r, LocalDate today) {
            return new RentalSummary(r.id(), r.gridId(), r.gridCode(), r.roomId(), r.buildingId(), r.buildingName(),
                    r.roomUnit(), r.roomNumber(), r.addressId(), r.address(),
                    Landlord.of(r), r.purpose(), r.contractFrom(), r.contractTo(), r.policeRegisteredOn(),
                    r.stateOn(today) == Rentals.State.LET, r.stateOn(today), r.currentTenants());
        }
    }

    /**
     * A tenant's own view, with the other rentals he rents on days he rents this one (alsoRents): allowed, since a
     * person may rent a flat and a shop at once, but shown on both, so that the officer can tell a second place from a
     * contract registered twice or a tenancy left open. Only rentals the caller may open are named; those outside
     * his jurisdiction are counted (alsoRentsElsewhere), so that he knows the tenant rents elsewhere too. A tenant the
     * caller may not open (visible false) is named without his personId, as without his numbers.
     */
    record TenantView(UUID id, UUID personId, String name, String idNumber, String phone, String residence,
            LocalDate registeredOn, LocalDate residencePermitFrom, LocalDate from, LocalDate to, boolean current,
            List<AlsoRents> alsoRents, long alsoRentsElsewhere, boolean visible) {
    }

    /** Another rental of the same tenant sharing days with this one: where, and the days shared (to null: open). */
    record AlsoRents(UUID rentalId, String address, String buildingName, Integer roomUnit, String roomNumber,
            LocalDate from, LocalDate to) {
    }

    record RentalView(UUID id, UUID gridId, String gridCode, String gridName, UUID roomId, UUID buildingId,
            String buildingName, Integer roomUnit, String roomNumber, UUID addressId, String address,
            PeopleShown.PersonRef landlordPerson, Landlord landlord, String purpose, LocalDate contractFrom,
            LocalDate contractTo, LocalDate policeRegisteredOn, boolean active, Rentals.State state, String note,
            List<TenantView> tenants, long version) {
    }

    record RentalPage(List<RentalSummary> items, long total, int page, int size) {
    }

    @GetMapping
    @Operation(summary = "The rentals of the caller's jurisdiction",
            description = "Filters: gridId; landlordId (a person) or landlord (a fragment of the landlord's name); "
                    + "state: LET (contract begun and not ended), NOT_BEGUN (registered ahead), ENDED; active=true is "
                    + "state LET, active=false state ENDED. Each rental carries its state, and active only while it "
                    + "lets the place. Identity numbers and phones are masked; the list read is audited.")
    RentalPage list(@RequestParam(required = false) UUID gridId, @RequestParam(required = false) UUID landlordId,
            @RequestParam(required = false) String landlord, @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int current = Math.max(1, page);
        Rentals.Page found = register.list(new Rentals.Filter(gridId, landlordId, landlord, state(state, active)),
                Callers.require(), limit, Paging.offset(current, limit));
        LocalDate today = register.today();
        return new RentalPage(found.rows().stream().map(r -> RentalSummary.of(r, today)).toList(), found.total(),
                current, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One rental with its landlord and tenants, masked; each person shown is an audited read",
            description = "Floating tenants show the day from which they may apply for a residence permit. A landlord or "
                    + "tenant outside the caller's jurisdiction is named without personId or numbers (visible false). "
                    + "404 outside the caller's jurisdiction.")
    RentalView one(@PathVariable UUID id) {
        return view(register.read(id, Callers.require()), Callers.require());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Register a rental on a room (roomId) or an address (addressId)",
            description = "The landlord is landlordPersonId, or landlordName with landlordPhone. purpose is one of "
                    + "RESIDENCE, DORMITORY, SHOP, OFFICE, WAREHOUSE, PRODUCTION, OTHER. tenants: [{personId, from, to}]. "
                    + "The room's rental mark on the floor plan follows; 409 when the contract shares a day with an "
                    + "active rental of the room (a contract starting after the current one ends may be registered ahead).")
    RentalView create(@RequestBody RentalForm form) {
        Caller caller = Callers.require();
        return view(register.create(form.input(), caller), caller);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Change a rental's landlord, purpose, contract and registration dates, note",
            description = "A contract that ends before today makes the rental inactive and clears the room's mark. A "
                    + "landlord outside the caller's jurisdiction, shown without his personId, is kept when the change "
                    + "names no landlord at all; with landlordCleared=true it is not kept, and the change must name "
                    + "another landlord (a person, or a name with a phone). A field left out of the body keeps its "
                    + "stored value; one sent as null is taken away where it may be (note, contractFrom, contractTo, "
                    + "policeRegisteredOn) and refused where it is required (purpose: 400). The landlord left out whole "
                    + "(landlordPersonId, landlordName, landlordPhone) stays; a named landlord's phone sent as its "
                    + "masked value (as GET shows it) or left out is kept, sent as null refused (400).")
    RentalView change(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content =
            @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(
                    implementation = RentalForm.class))) @RequestBody com.fasterxml.jackson.databind.JsonNode body) {
        Caller caller = Callers.require();
        // read field by field: what the body left out is known, and every mistyped value is refused at once
        return json.change(body, RentalForm.class, (form, leftOut, found) ->
                view(register.change(id, form.input(), leftOut, found, caller), caller));
    }

    @PostMapping("/{id}/tenants")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Add a tenant (a person of the caller's jurisdiction) from a day")
    RentalView addTenant(@PathVariable UUID id, @RequestBody TenantForm form) {
        Caller caller = Callers.require();
        register.addTenant(id, form == null ? new RentalRegister.NewTenant(null, null, null) : form.input(), caller);
        return view(register.read(id, caller), caller);
    }

    @PostMapping("/{id}/tenants/{tenantId}/end")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "End a tenancy on a day (the tenant moved out)")
    RentalView endTenant(@PathVariable UUID id, @PathVariable UUID tenantId, @RequestBody EndTenancy body) {
        Caller caller = Callers.require();
        register.endTenant(id, tenantId, body == null ? null : body.on(), caller);
        return view(register.read(id, caller), caller);
    }

    @PostMapping("/{id}/reveal")
    @PreAuthorize("hasAuthority('POPULATION_REVEAL')")
    @Operation(summary = "Reveal the landlord's full phone with a stated reason (field: landlordPhone); audited")
    Revealed reveal(@PathVariable UUID id, @RequestBody RevealRequest request) {
        if (!"landlordPhone".equals(request.field())) {
            throw Invalid.of("field", "places.reveal.field");
        }
        return new Revealed(request.field(), register.revealLandlordPhone(id, request.reason(), Callers.require()));
    }

    /**
     * The state asked for: state by name, or the older active flag (true the rentals letting their place today, so
     * not one registered ahead; false the ended ones). An unknown state is refused rather than ignored.
     */
    static Rentals.State state(String state, Boolean active) {
        if (state != null && !state.isBlank()) {
            try {
                return Rentals.State.valueOf(state.strip());
            } catch (IllegalArgumentException e) {
                throw Invalid.of("state", "places.rentals.stateUnknown");
            }
        }
        return active == null ? null : active ? Rentals.State.LET : Rentals.State.ENDED;
    }

    RentalView view(Rentals.Rental r, Caller caller) {
        LocalDate today = register.today();
        PeopleShown.PersonRef landlordPerson = PeopleShown.unseenWithoutId(
                people.of(r.landlordPersonId(), r.landlordName(), caller));
        java.util.Map<UUID, List<AlsoRents>> overlaps = new java.util.HashMap<>();
        // the other rentals outside the caller's jurisdiction, by tenant: counted once each, whatever their days
        java.util.Map<UUID, java.util.Set<UUID>> elsewhere = new java.util.HashMap<>();
        for (Rentals.Overlap o : register.overlaps(r.id(), caller)) {
            if (o.seen()) {
                overlaps.computeIfAbsent(o.tenantId(), k -> new java.util.ArrayList<>()).add(new AlsoRents(
                        o.rentalId(), o.address(), o.buildingName(), o.roomUnit(), o.roomNumber(), o.from(), o.to()));
            } else {
                elsewhere.computeIfAbsent(o.tenantId(), k -> new java.util.HashSet<>()).add(o.rentalId());
            }
        }
        List<TenantView> tenants = register.tenants(r.id()).stream().map(t -> {
            PeopleShown.PersonRef p = people.of(t.personId(), t.name(), caller);
            return new TenantView(t.id(), p.visible() ? t.personId() : null, p.name(), p.idNumber(), p.phone(),
                    p.residence() == null ? null : p.residence().name(), p.registeredOn(), p.residencePermitFrom(),
                    t.from(), t.to(), t.currentOn(today, r), overlaps.getOrDefault(t.id(), List.of()),
                    elsewhere.getOrDefault(t.id(), java.util.Set.of()).size(), p.visible());
        }).toList();
        return new RentalView(r.id(), r.gridId(), r.gridCode(), r.gridName(), r.roomId(), r.buildingId(),
                r.buildingName(), r.roomUnit(), r.roomNumber(), r.addressId(), r.address(), landlordPerson,
                Landlord.of(r, landlordPerson), r.purpose(), r.contractFrom(), r.contractTo(),
                r.policeRegisteredOn(), r.stateOn(today) == Rentals.State.LET, r.stateOn(today), r.note(), tenants,
                r.version());
    }
}
