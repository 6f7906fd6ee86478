package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.RentalPurpose;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering rentals, their landlord and tenants. A rental stands on a room of a building or on an
 * address, in the grid of either, which the caller must see; the landlord is a person the caller
 * may see or a name with a phone. The room's rental mark on the floor plan follows whether it has
 * an active rental. Every input is checked before anything is written; every change is audited
 * with before and after (phones masked).
 */
@Service
public class RentalRegister {

    static final int MAX_NOTE = 2000;
    /** The conflict when a move of the place's address took it out of the caller's jurisdiction meanwhile. */
    static final String MOVED_AWAY = "places.rental.movedAway";

    private final Rentals rentals;
    private final Buildings buildings;
    private final Addresses addresses;
    private final Persons persons;
    private final PersonRegister personRegister;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PlaceLocks placeLocks;

    RentalRegister(Rentals rentals, Buildings buildings, Addresses addresses, Persons persons,
            PersonRegister personRegister, ApplicationEventPublisher events, Clock clock, PlaceLocks placeLocks) {
        this.placeLocks = placeLocks;
        this.rentals = rentals;
        this.buildings = buildings;
        this.addresses = addresses;
        this.persons = persons;
        this.personRegister = personRegister;
        this.events = events;
        this.clock = clock;
    }

    public record NewTenant(UUID personId, LocalDate from, LocalDate to) {
    }

    /**
     * What a user typed for a rental; room and address count only when it is created. {@code landlordCleared}: the
     * form's landlord was cleared, so a change that names none does not keep the stored one (even one outside the
     * caller's jurisdiction whom the form could not name): it is refused for want of a landlord, as any rental naming
     * none is.
     */
    public record Input(UUID roomId, UUID addressId, UUID landlordPersonId, String landlordName, String landlordPhone,
            String purpose, LocalDate contractFrom, LocalDate contractTo, LocalDate policeRegisteredOn, String note,
            List<NewTenant> tenants, boolean landlordCleared) {

        public Input(UUID roomId, UUID addressId, UUID landlordPersonId, String landlordName, String landlordPhone,
                String purpose, LocalDate contractFrom, LocalDate contractTo, LocalDate policeRegisteredOn,
                String note, List<NewTenant> tenants) {
            this(roomId, addressId, landlordPersonId, landlordName, landlordPhone, purpose, contractFrom, contractTo,
                    policeRegisteredOn, note, tenants, false);
        }
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Housing.LOCAL));
    }

    /** A page of the caller's rentals; the list shows landlords' names, so reading it is audited. */
    public Rentals.Page list(Rentals.Filter filter, Caller caller, int limit, int offset) {
        Rentals.Page page = rentals.page(caller, filter, today(), limit, offset);
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("gridId", filter.gridId());
        asked.put("landlordPersonId", filter.landlordPersonId());
        asked.put("landlord", filter.landlord());
        asked.put("state", filter.state());
        asked.put("results", page.total());
        events.publishEvent(new Audited("READ", "rental-list", null, null, null, asked, null));
        return page;
    }

    /** One rental; reading it is audited (the people shown are audited where their records are read). */
    public Rentals.Rental read(UUID id, Caller caller) {
        Rentals.Rental rental = rentals.findVisible(id, caller, today()).orElseThrow(() -> new NotFound("rental", id));
        events.publishEvent(Audited.read("rental", id, rental.unitPath()));
        return rental;
    }

    /**
     * The other rentals the tenants of a rental rent on the same days, each marked whether it is of the caller's
     * jurisdiction (seen): the others are only to be counted.
     */
    public List<Rentals.Overlap> overlaps(UUID rentalId, Caller caller) {
        return rentals.overlaps(rentalId, caller);
    }

    public List<Rentals.Tenant> tenants(UUID rentalId) {
        return rentals.tenants(rentalId);
    }

    @Transactional
    public Rentals.Rental create(Input in, Caller caller) {
        LocalDate today = today();
        List<Invalid.Problem> problems = new ArrayList<>();
        UUID gridId = null;
        String unitPath = null;
        UUID addressId = in.addressId();
        if (in.roomId() == null && in.addressId() == null) {
            problems.add(StandardAddress.problem("roomId", "places.rental.where"));
        }
        if (in.roomId() != null) {
            Buildings.Room room = buildings.findRoomVisible(in.roomId(), caller).orElse(null);
            if (room == null) {
                problems.add(StandardAddress.problem("roomId", "places.room.unknown"));
            } else {
                gridId = room.gridId();
                unitPath = room.unitPath();
                UUID roomAddress = roomAddress(in.roomId());
                if (in.addressId() != null && roomAddress != null && !roomAddress.equals(in.addressId())) {
                    problems.add(StandardAddress.problem("addressId", "places.rental.addressOfRoom"));
                }
                if (roomAddress != null) {
                    addressId = roomAddress;
                }
            }
        }
        if (in.addressId() != null) {
            Addresses.Address address = addresses.findVisible(in.addressId(), caller).orElse(null);
            if (address == null) {
                problems.add(StandardAddress.problem("addressId", "places.address.unknown"));
            } else if (gridId == null) {
                gridId = address.gridId();
                unitPath = address.unitPath();
            } else if (!gridId.equals(address.gridId())) {
                problems.add(StandardAddress.problem("addressId", "places.address.otherGrid"));
            }
        }
        Rentals.Fields fields = check(in, gridId, in.roomId(), addressId, false, null, caller, problems, today);
        List<NewTenant> tenants = in.tenants() == null ? List.of() : in.tenants();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < tenants.size(); i++) {
            NewTenant t = tenants.get(i);
            checkTenant(t, "tenants[" + i + "]", caller, problems);
            if (t.personId() != null && !seen.add(t.personId())) {
                problems.add(StandardAddress.problem("tenants[" + i + "].personId", "places.rental.tenant.twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Addresses.Filed place = placeLocks.holdAlone(in.roomId(), addressId, caller, MOVED_AWAY);
        fields = fields.inGrid(place.gridId());
        unitPath = place.unitPath();
        if (fields.contractTo() == null || !fields.contractTo().isBefore(today)) {
            rentals.activeDuring(in.roomId(), addressId, null, today, fields.contractFrom(), fields.contractTo())
                    .ifPresent(other -> {
                        throw new Conflict("places.rental.alreadyLet");
                    });
        }
        UUID id = UUID.randomUUID();
        rentals.insert(id, fields);
        for (NewTenant t : tenants) {
            rentals.addTenant(UUID.randomUUID(), id, t.personId(), t.from(), t.to());
        }
        Rentals.Rental created = rentals.find(id, today).orElseThrow();
        events.publishEvent(Audited.created("rental", id, unitPath, state(created, rentals.tenants(id))));
        syncRoom(created, today);
        return created;
    }

    @Transactional
    public Rentals.Rental change(UUID id, Input asked, Caller caller) {
        return change(id, asked, null, List.of(), caller);
    }

    /**
     * The API's PUT: {@link #change(UUID, Input, Caller)} where each field named in {@code leftOut} (left out of the
     * body) keeps its stored value: a client that sends only what it changes (a contract's end) loses nothing else, where
     * its purpose was refused as missing and its note and dates were cleared. A field sent as null is taken away where it
     * may be (the note, a contract date, the day registered with the police) and refused where it is required (the
     * purpose). The landlord left out whole (his id, name and phone) stays; a named landlord's name or phone left out
     * keeps the stored one while the body names no other landlord. His phone, stored encrypted and read back only
     * masked, sent as its own masked value stands for the stored one, sent as null for a named landlord is refused (he
     * needs one). found: the body's unreadable values, refused with the change's own problems at once.
     */
    @Transactional
    public Rentals.Rental change(UUID id, Input asked, java.util.Set<String> leftOut, List<Invalid.Problem> found,
            Caller caller) {
        LocalDate today = today();
        Input in = asked;
        Rentals.Rental before = rentals.findVisible(id, caller, today).orElseThrow(() -> new NotFound("rental", id));
        List<Invalid.Problem> problems = new ArrayList<>(found);
        // a blank phone keeps a named landlord's stored one (the page's way), unless the body sent it so (the API's)
        boolean blankPhoneKeeps = true;
        if (leftOut != null) {
            boolean personSent = !leftOut.contains("landlordPersonId");
            boolean nameSent = !leftOut.contains("landlordName");
            boolean phoneSent = !leftOut.contains("landlordPhone");
            boolean landlordKept = !in.landlordCleared() && !personSent && !nameSent && !phoneSent;
            boolean wasNamed = before.landlordPersonId() == null;
            UUID person = landlordKept ? before.landlordPersonId() : in.landlordPersonId();
            // a named landlord stays named by his stored name unless the body names another (or a person)
            String name = nameSent ? in.landlordName() : person == null && wasNamed ? before.landlordName() : null;
            String phone = in.landlordPhone();
            if (PersonImport.masked(phone)) {
                if (before.landlordPhoneMasked() == null || !before.landlordPhoneMasked().equals(phone.strip())) {
                    problems.add(StandardAddress.problem("landlordPhone", "places.rental.landlord.phoneMaskedNotStored",
                            phone));
                }
                phone = null;
            } else {
                blankPhoneKeeps = !phoneSent;
            }
            in = new Input(in.roomId(), in.addressId(), person, name, phone,
                    leftOut.contains("purpose") ? before.purpose() : in.purpose(),
                    leftOut.contains("contractFrom") ? before.contractFrom() : in.contractFrom(),
                    leftOut.contains("contractTo") ? before.contractTo() : in.contractTo(),
                    leftOut.contains("policeRegisteredOn") ? before.policeRegisteredOn() : in.policeRegisteredOn(),
                    leftOut.contains("note") ? before.note() : in.note(), in.tenants(), in.landlordCleared());
        }
        if (in.landlordPersonId() == null && !in.landlordCleared() && StandardAddress.clean(in.landlordName()) == null
                && StandardAddress.clean(in.landlordPhone()) == null && before.landlordPersonId() != null
                && !before.landlordVisible()) {
            // a landlord outside the caller's jurisdiction is shown to him by name, without the id the form would
            // need to send him back: a change that names no landlord keeps him (naming none is refused otherwise)
            in = new Input(in.roomId(), in.addressId(), before.landlordPersonId(), null, null, in.purpose(),
                    in.contractFrom(), in.contractTo(), in.policeRegisteredOn(), in.note(), in.tenants());
        }
        // a named landlord keeps his phone when the form leaves it blank: lists only ever had it masked
        boolean phoneMayStay = blankPhoneKeeps && before.landlordPersonId() == null && in.landlordPersonId() == null;
        Rentals.Fields fields = check(in, before.gridId(), before.roomId(), before.addressId(), phoneMayStay,
                before.landlordPersonId(), caller, problems, today);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        placeLocks.holdAlone(before.roomId(), before.addressId(), caller, MOVED_AWAY);
        if (fields.contractTo() == null || !fields.contractTo().isBefore(today)) {
            rentals.activeDuring(before.roomId(), before.addressId(), id, today, fields.contractFrom(),
                    fields.contractTo()).ifPresent(other -> {
                        throw new Conflict("places.rental.alreadyLet");
                    });
        }
        List<Rentals.Tenant> tenants = rentals.tenants(id);
        rentals.update(id, fields);
        Rentals.Rental after = rentals.find(id, today).orElseThrow();
        events.publishEvent(Audited.updated("rental", id, after.unitPath(), state(before, tenants), state(after, tenants)));
        syncRoom(after, today);
        return after;
    }

    @Transactional
    public Rentals.Tenant addTenant(UUID rentalId, NewTenant t, Caller caller) {
        LocalDate today = today();
        Rentals.Rental rental = rentals.findVisible(rentalId, caller, today)
                .orElseThrow(() -> new NotFound("rental", rentalId));
        List<Invalid.Problem> problems = new ArrayList<>();
        checkTenant(t, "", caller, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        if (rentals.openTenancy(rentalId, t.personId())) {
            throw new Conflict("places.rental.tenant.already");
        }
        List<Rentals.Tenant> before = rentals.tenants(rentalId);
        UUID id = UUID.randomUUID();
        rentals.addTenant(id, rentalId, t.personId(), t.from(), t.to());
        List<Rentals.Tenant> after = rentals.tenants(rentalId);
        events.publishEvent(Audited.updated("rental", rentalId, rental.unitPath(), state(rental, before),
                state(rental, after)));
        return rentals.tenant(rentalId, id).orElseThrow();
    }

    @Transactional
    public Rentals.Tenant endTenant(UUID rentalId, UUID tenantId, LocalDate on, Caller caller) {
        LocalDate today = today();
        Rentals.Rental rental = rentals.findVisible(rentalId, caller, today)
                .orElseThrow(() -> new NotFound("rental", rentalId));
        Rentals.Tenant tenant = rentals.tenant(rentalId, tenantId).orElseThrow(() -> new NotFound("tenant", tenantId));
        if (tenant.to() != null) {
            throw new Conflict("places.rental.tenant.ended", tenant.to());
        }
        if (on == null) {
            throw Invalid.of("on", "error.field.required");
        }
        if (on.isBefore(tenant.from())) {
            throw Invalid.of("on", "places.date.beforeStart");
        }
        List<Rentals.Tenant> before = rentals.tenants(rentalId);
        rentals.endTenant(tenantId, on);
        events.publishEvent(Audited.updated("rental", rentalId, rental.unitPath(), state(rental, before),
                state(rental, rentals.tenants(rentalId))));
        return rentals.tenant(rentalId, tenantId).orElseThrow();
    }

    /** The landlord's full phone: a person's through the person register, a named landlord's from the rental; audited. */
    @Transactional
    public String revealLandlordPhone(UUID rentalId, String reason, Caller caller) {
        if (reason == null || reason.strip().length() < 4) {
            throw Invalid.of("reason", "population.reveal.reason");
        }
        Rentals.Rental rental = rentals.findVisible(rentalId, caller, today())
                .orElseThrow(() -> new NotFound("rental", rentalId));
        if (rental.landlordPersonId() != null) {
            return personRegister.reveal(rental.landlordPersonId(), "phone", reason, caller);
        }
        String phone = rentals.revealLandlordPhone(rentalId, caller)
                .orElseThrow(() -> Invalid.of("field", "population.reveal.empty"));
        events.publishEvent(new Audited("REVEAL", "rental", rentalId.toString(), rental.unitPath(), null,
                Map.of("field", "landlordPhone", "reason", reason.strip()), null));
        return phone;
    }

    /** storedLandlord: the rental's landlord now, kept even when he is no longer of the caller's jurisdiction. */
    private Rentals.Fields check(Input in, UUID gridId, UUID roomId, UUID addressId, boolean phoneMayStay,
            UUID storedLandlord, Caller caller, List<Invalid.Problem> problems, LocalDate today) {
        String landlordName = StandardAddress.clean(in.landlordName());
        String rawPhone = StandardAddress.clean(in.landlordPhone());
        String phone = null;
        if (in.landlordPersonId() != null) {
            if (landlordName != null || rawPhone != null) {
                problems.add(StandardAddress.problem("landlordName", "places.rental.landlord.either"));
            }
            if (!in.landlordPersonId().equals(storedLandlord)
                    && persons.findVisible(in.landlordPersonId(), caller).isEmpty()) {
                problems.add(StandardAddress.problem("landlordPersonId", "places.person.unknown"));
            }
        } else {
            if (landlordName == null) {
                problems.add(StandardAddress.problem("landlordName", "places.rental.landlord.required"));
            } else if (landlordName.length() > 64) {
                problems.add(StandardAddress.problem("landlordName", "places.text.tooLong", 64));
            }
            if (rawPhone == null) {
                if (!phoneMayStay) {
                    problems.add(StandardAddress.problem("landlordPhone", "places.rental.landlord.phoneRequired"));
                }
            } else {
                phone = PhoneNumbers.normalised(rawPhone);
                if (phone == null) {
                    problems.add(StandardAddress.problem("landlordPhone", "population.phone.invalid"));
                }
            }
        }
        String purpose = null;
        if (in.purpose() == null || in.purpose().isBlank()) {
            problems.add(StandardAddress.problem("purpose", "error.field.required"));
        } else {
            try {
                purpose = RentalPurpose.valueOf(in.purpose().strip()).name();
            } catch (IllegalArgumentException e) {
                problems.add(StandardAddress.problem("purpose", "places.choice.unknown", in.purpose()));
            }
        }
        if (in.contractFrom() != null && in.contractTo() != null && in.contractTo().isBefore(in.contractFrom())) {
            problems.add(StandardAddress.problem("contractTo", "places.date.beforeStart"));
        }
        if (in.policeRegisteredOn() != null && in.policeRegisteredOn().isAfter(today)) {
            problems.add(StandardAddress.problem("policeRegisteredOn", "population.date.future"));
        }
        String note = StandardAddress.clean(in.note()) == null ? null : in.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            problems.add(StandardAddress.problem("note", "places.text.tooLong", MAX_NOTE));
        }
        return new Rentals.Fields(gridId, roomId, addressId, in.landlordPersonId(),
                in.landlordPersonId() == null ? landlordName : null, in.landlordPersonId() == null ? phone : null,
                purpose, in.contractFrom(), in.contractTo(), in.policeRegisteredOn(), note,
                in.landlordPersonId() == null && rawPhone == null && phoneMayStay);
    }

    private void checkTenant(NewTenant t, String prefix, Caller caller, List<Invalid.Problem> problems) {
        String field = prefix.isEmpty() ? "" : prefix + ".";
        if (t == null || t.personId() == null) {
            problems.add(StandardAddress.problem(field + "personId", "error.field.required"));
        } else if (persons.findVisible(t.personId(), caller).isEmpty()) {
            problems.add(StandardAddress.problem(field + "personId", "places.person.unknown"));
        }
        if (t != null && t.from() == null) {
            problems.add(StandardAddress.problem(field + "from", "error.field.required"));
        }
        if (t != null && t.from() != null && t.to() != null && t.to().isBefore(t.from())) {
            problems.add(StandardAddress.problem(field + "to", "places.date.beforeStart"));
        }
    }

    private UUID roomAddress(UUID roomId) {
        return addresses.ofRoom(roomId).orElse(null);
    }

    /**
     * The floor plan's rental mark follows the room's registered rentals at read time (Buildings.plan);
     * a mark an officer set by hand before the rental was registered is cleared, so that it does not
     * outlive the contract. The change of the mark is audited like the room's.
     */
    private void syncRoom(Rentals.Rental rental, LocalDate today) {
        if (rental.roomId() == null) {
            return;
        }
        if (rentals.clearHandMark(rental.roomId())) {
            Buildings.Room after = buildings.findRoom(rental.roomId()).orElseThrow();
            events.publishEvent(Audited.updated("room", after.id(), after.unitPath(), Map.of("rental", true),
                    Map.of("rental", false, "rentalId", rental.id())));
        }
    }

    static Map<String, Object> state(Rentals.Rental r, List<Rentals.Tenant> tenants) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridId", r.gridId());
        m.put("roomId", r.roomId());
        m.put("addressId", r.addressId());
        m.put("landlordPersonId", r.landlordPersonId());
        m.put("landlordName", r.landlordName());
        m.put("landlordPhone", r.landlordPhoneMasked());
        m.put("purpose", r.purpose());
        m.put("contractFrom", str(r.contractFrom()));
        m.put("contractTo", str(r.contractTo()));
        m.put("policeRegisteredOn", str(r.policeRegisteredOn()));
        m.put("note", r.note());
        List<Map<String, Object>> ts = new ArrayList<>();
        for (Rentals.Tenant t : tenants) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("personId", t.personId());
            tm.put("from", str(t.from()));
            tm.put("to", str(t.to()));
            ts.add(tm);
        }
        m.put("tenants", ts);
        return m;
    }

    static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
