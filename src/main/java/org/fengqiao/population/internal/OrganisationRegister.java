package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.fengqiao.population.FireSafetyInspected;
import org.fengqiao.population.OrganisationKind;
import org.fengqiao.population.OrganisationRole;
import org.fengqiao.population.SmallPlace;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering organisations (实有单位), their staff, and the fire-safety inspections of them. An
 * organisation sits in the grid of its address (or a grid chosen when it has none), which the
 * caller must see; owner and staff are persons the caller may see. Every input is checked before
 * anything is written, every change audited with before and after.
 */
@Service
public class OrganisationRegister {

    static final int MAX_TEXT = 2000;
    /** The conflict when a move of the organisation's address took it out of the caller's jurisdiction meanwhile. */
    static final String MOVED_AWAY = "places.organisation.movedAway";

    private final Organisations organisations;
    private final Addresses addresses;
    private final Persons persons;
    private final Jurisdictions jurisdictions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PlaceLocks placeLocks;

    OrganisationRegister(Organisations organisations, Addresses addresses, Persons persons, Jurisdictions jurisdictions,
            ApplicationEventPublisher events, Clock clock, PlaceLocks placeLocks) {
        this.placeLocks = placeLocks;
        this.organisations = organisations;
        this.addresses = addresses;
        this.persons = persons;
        this.jurisdictions = jurisdictions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What a user typed for an organisation. {@code ownerCleared}: the form's owner was cleared, so a change that names
     * no owner removes the stored one, even one outside the caller's jurisdiction whom the form could not name.
     */
    public record Input(UUID gridId, UUID addressId, String name, String kind, String smallPlace, String business,
            String licenceNo, String phone, UUID ownerPersonId, String note, boolean ownerCleared) {
    }

    public record NewStaff(UUID personId, String role, LocalDate from) {
    }

    public record NewInspection(LocalDate inspectedOn, String inspector, String findings, String hazards,
            LocalDate rectifyBy, LocalDate rectifiedOn) {
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Housing.LOCAL));
    }

    /** A page of the caller's organisations; the list names their owners, so reading it is audited. */
    public Organisations.Page list(Organisations.Filter f, Caller caller, int limit, int offset) {
        Organisations.Page page = organisations.page(caller, f, today(), limit, offset);
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("kind", f.kind());
        asked.put("smallPlace", f.smallPlace());
        asked.put("ninePlaces", f.ninePlaces());
        asked.put("gridId", f.gridId());
        asked.put("fireSafety", f.fireSafety());
        asked.put("text", f.text());
        asked.put("results", page.total());
        events.publishEvent(new Audited("READ", "organisation-list", null, null, null, asked, null));
        return page;
    }

    /** One organisation; reading it is audited. */
    public Organisations.Organisation read(UUID id, Caller caller) {
        Organisations.Organisation org = organisations.findVisible(id, caller, today())
                .orElseThrow(() -> new NotFound("organisation", id));
        events.publishEvent(Audited.read("organisation", id, org.unitPath()));
        return org;
    }

    public List<Organisations.Staff> staff(UUID organisationId) {
        return organisations.staff(organisationId);
    }

    public List<Organisations.Inspection> inspections(UUID organisationId) {
        return organisations.inspections(organisationId);
    }

    @Transactional
    public Organisations.Organisation create(Input in, Caller caller) {
        LocalDate today = today();
        List<Invalid.Problem> problems = new ArrayList<>();
        Organisations.Fields fields = check(in, null, caller, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        fields = atItsAddress(fields, caller);
        UUID id = UUID.randomUUID();
        organisations.insert(id, fields);
        Organisations.Organisation created = organisations.find(id, today).orElseThrow();
        events.publishEvent(Audited.created("organisation", id, created.unitPath(), state(created)));
        return created;
    }

    @Transactional
    public Organisations.Organisation change(UUID id, Input in, Caller caller) {
        return change(id, in, java.util.Set.of(), List.of(), false, caller);
    }

    /**
     * The API's PUT: {@link #change(UUID, Input, Caller)} where each field named in {@code leftOut} (left out of the
     * body) keeps its stored value, the owner among them: a client that sends only what it changes loses nothing else.
     * A field sent as null is taken away where it may be (business, licence, note, a visible owner), refused where it
     * is required (name). The phone, stored encrypted and read back only masked, the same way: left out it keeps the
     * stored one, sent as null or empty it is taken away, sent as the organisation's own masked value (as a read of it
     * shows it) it stands for the stored one, and a masked value that is not its own is refused. found: the body's
     * unreadable values, refused with the change's own problems at once.
     */
    @Transactional
    public Organisations.Organisation change(UUID id, Input in, java.util.Set<String> leftOut,
            List<Invalid.Problem> found, Caller caller) {
        return change(id, in, leftOut, found, true, caller);
    }

    /**
     * A change; {@code bodySaysPhone}: the API's, whose body says by a phone sent empty or null that there is none, where
     * the page's form, which shows it masked and so cannot show it back, keeps the stored one for a blank phone.
     */
    private Organisations.Organisation change(UUID id, Input in, java.util.Set<String> leftOut,
            List<Invalid.Problem> found, boolean bodySaysPhone, Caller caller) {
        LocalDate today = today();
        Organisations.Organisation before = organisations.findVisible(id, caller, today)
                .orElseThrow(() -> new NotFound("organisation", id));
        List<Invalid.Problem> problems = new ArrayList<>(found);
        boolean keepPhone = false;
        if (bodySaysPhone) {
            if (leftOut.contains("phone")) {
                keepPhone = true;
            } else if (PersonImport.masked(in.phone())) {
                if (before.phoneMasked() != null && before.phoneMasked().equals(in.phone().strip())) {
                    keepPhone = true;
                } else {
                    problems.add(new Invalid.Problem("phone", "places.organisation.phone.maskedNotStored",
                            new Object[] {in.phone()}));
                }
            }
            if (keepPhone || PersonImport.masked(in.phone())) {
                in = new Input(in.gridId(), in.addressId(), in.name(), in.kind(), in.smallPlace(), in.business(),
                        in.licenceNo(), null, in.ownerPersonId(), in.note(), in.ownerCleared());
            }
        }
        if (!leftOut.isEmpty()) {
            in = new Input(leftOut.contains("gridId") ? before.gridId() : in.gridId(),
                    leftOut.contains("addressId") ? before.addressId() : in.addressId(),
                    leftOut.contains("name") ? before.name() : in.name(),
                    leftOut.contains("kind") ? before.kind() : in.kind(),
                    leftOut.contains("smallPlace") ? before.smallPlace() : in.smallPlace(),
                    leftOut.contains("business") ? before.business() : in.business(),
                    leftOut.contains("licenceNo") ? before.licenceNo() : in.licenceNo(), in.phone(),
                    // ownerCleared says the owner was taken away, sent with his id or not
                    leftOut.contains("ownerPersonId") && !in.ownerCleared() ? before.ownerPersonId()
                            : in.ownerPersonId(),
                    leftOut.contains("note") ? before.note() : in.note(), in.ownerCleared());
        }
        Input kept = in;
        if (in.ownerPersonId() == null && !in.ownerCleared() && before.ownerPersonId() != null
                && !before.ownerVisible()) {
            // an owner outside the caller's jurisdiction is shown to him by name, without the id the form would need
            // to send him back: a change that names no owner keeps him rather than dropping him unseen; one that
            // says the owner was cleared removes him (audited with the change, before and after)
            kept = new Input(in.gridId(), in.addressId(), in.name(), in.kind(), in.smallPlace(), in.business(),
                    in.licenceNo(), in.phone(), before.ownerPersonId(), in.note(), false);
        }
        Organisations.Fields checked = check(kept, id, before.gridId(), before.ownerPersonId(), caller, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Organisations.Fields fields = !bodySaysPhone ? checked : new Organisations.Fields(checked.gridId(),
                checked.addressId(), checked.name(), checked.kind(), checked.smallPlace(), checked.business(),
                checked.licenceNo(), checked.phone(), checked.ownerPersonId(), checked.note(), keepPhone);
        fields = atItsAddress(fields, caller);
        organisations.update(id, fields);
        Organisations.Organisation after = organisations.find(id, today).orElseThrow();
        events.publishEvent(Audited.updated("organisation", id, after.unitPath(), state(before), state(after)));
        return after;
    }

    @Transactional
    public Organisations.Staff addStaff(UUID organisationId, NewStaff s, Caller caller) {
        Organisations.Organisation org = organisations.findVisible(organisationId, caller, today())
                .orElseThrow(() -> new NotFound("organisation", organisationId));
        List<Invalid.Problem> problems = new ArrayList<>();
        if (s.personId() == null) {
            problems.add(StandardAddress.problem("personId", "error.field.required"));
        } else if (persons.findVisible(s.personId(), caller).isEmpty()) {
            problems.add(StandardAddress.problem("personId", "places.person.unknown"));
        }
        String role = choice(OrganisationRole.class, "role", s.role(), true, problems);
        if (s.from() != null && s.from().isAfter(today())) {
            problems.add(StandardAddress.problem("from", "population.date.future"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        if (organisations.openStaff(organisationId, s.personId(), role)) {
            throw new Conflict("places.organisation.staff.already");
        }
        List<Organisations.Staff> before = organisations.staff(organisationId);
        UUID id = UUID.randomUUID();
        organisations.addStaff(id, organisationId, s.personId(), role, s.from());
        events.publishEvent(Audited.updated("organisation", organisationId, org.unitPath(), Map.of("staff", staff(before)),
                Map.of("staff", staff(organisations.staff(organisationId)))));
        return organisations.staffMember(organisationId, id).orElseThrow();
    }

    @Transactional
    public Organisations.Staff endStaff(UUID organisationId, UUID staffId, LocalDate on, Caller caller) {
        Organisations.Organisation org = organisations.findVisible(organisationId, caller, today())
                .orElseThrow(() -> new NotFound("organisation", organisationId));
        Organisations.Staff member = organisations.staffMember(organisationId, staffId)
                .orElseThrow(() -> new NotFound("staff", staffId));
        if (member.to() != null) {
            throw new Conflict("places.organisation.staff.ended", member.to());
        }
        if (on == null) {
            throw Invalid.of("on", "error.field.required");
        }
        if (member.from() != null && on.isBefore(member.from())) {
            throw Invalid.of("on", "places.date.beforeStart");
        }
        List<Organisations.Staff> before = organisations.staff(organisationId);
        organisations.endStaff(staffId, on);
        events.publishEvent(Audited.updated("organisation", organisationId, org.unitPath(), Map.of("staff", staff(before)),
                Map.of("staff", staff(organisations.staff(organisationId)))));
        return organisations.staffMember(organisationId, staffId).orElseThrow();
    }

    /** A fire-safety inspection; a hazard found needs a rectification deadline. */
    @Transactional
    public Organisations.Inspection recordInspection(UUID organisationId, NewInspection in, Caller caller) {
        LocalDate today = today();
        Organisations.Organisation org = organisations.findVisible(organisationId, caller, today)
                .orElseThrow(() -> new NotFound("organisation", organisationId));
        List<Invalid.Problem> problems = new ArrayList<>();
        if (in.inspectedOn() == null) {
            problems.add(StandardAddress.problem("inspectedOn", "error.field.required"));
        } else if (in.inspectedOn().isAfter(today)) {
            problems.add(StandardAddress.problem("inspectedOn", "population.date.future"));
        }
        String inspector = text(in.inspector());
        if (inspector == null) {
            inspector = caller.displayName();
        }
        if (inspector == null || inspector.length() > 100) {
            problems.add(StandardAddress.problem("inspector", inspector == null ? "error.field.required"
                    : "places.text.tooLong", 100));
        }
        String findings = text(in.findings());
        String hazards = text(in.hazards());
        tooLong(problems, "findings", findings);
        tooLong(problems, "hazards", hazards);
        if (hazards == null) {
            if (in.rectifyBy() != null) {
                problems.add(StandardAddress.problem("rectifyBy", "places.inspection.noHazard"));
            }
            if (in.rectifiedOn() != null) {
                problems.add(StandardAddress.problem("rectifiedOn", "places.inspection.noHazard"));
            }
        } else if (in.rectifyBy() == null) {
            problems.add(StandardAddress.problem("rectifyBy", "places.inspection.deadlineRequired"));
        } else if (in.inspectedOn() != null && in.rectifyBy().isBefore(in.inspectedOn())) {
            problems.add(StandardAddress.problem("rectifyBy", "places.date.beforeInspection"));
        }
        if (in.rectifiedOn() != null && hazards != null) {
            if (in.rectifiedOn().isAfter(today)) {
                problems.add(StandardAddress.problem("rectifiedOn", "population.date.future"));
            } else if (in.inspectedOn() != null && in.rectifiedOn().isBefore(in.inspectedOn())) {
                problems.add(StandardAddress.problem("rectifiedOn", "places.date.beforeInspection"));
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID id = UUID.randomUUID();
        organisations.insertInspection(id, organisationId, in.inspectedOn(), inspector, findings, hazards,
                in.rectifyBy(), in.rectifiedOn(), caller.staffId());
        Organisations.Inspection created = organisations.inspection(organisationId, id).orElseThrow();
        Map<String, Object> after = inspectionState(created);
        after.put("fireSafety", organisations.find(organisationId, today).orElseThrow().fireSafetyState().name());
        events.publishEvent(Audited.created("fire-inspection", id, org.unitPath(), after));
        events.publishEvent(new FireSafetyInspected(id, organisationId, new GridId(org.gridId()), org.unitPath(),
                in.inspectedOn(), caller.staffId()));
        return created;
    }

    @Transactional
    public Organisations.Inspection rectified(UUID organisationId, UUID inspectionId, LocalDate on, Caller caller) {
        LocalDate today = today();
        Organisations.Organisation org = organisations.findVisible(organisationId, caller, today)
                .orElseThrow(() -> new NotFound("organisation", organisationId));
        Organisations.Inspection before = organisations.inspection(organisationId, inspectionId)
                .orElseThrow(() -> new NotFound("fire-inspection", inspectionId));
        if (!before.hazardFound()) {
            throw Invalid.of("on", "places.inspection.noHazard");
        }
        if (before.rectifiedOn() != null) {
            throw new Conflict("places.inspection.rectifiedAlready", before.rectifiedOn());
        }
        if (on == null) {
            throw Invalid.of("on", "error.field.required");
        }
        if (on.isAfter(today)) {
            throw Invalid.of("on", "population.date.future");
        }
        if (on.isBefore(before.inspectedOn())) {
            throw Invalid.of("on", "places.date.beforeInspection");
        }
        organisations.rectified(inspectionId, on);
        Organisations.Inspection after = organisations.inspection(organisationId, inspectionId).orElseThrow();
        Map<String, Object> afterState = inspectionState(after);
        afterState.put("fireSafety", organisations.find(organisationId, today).orElseThrow().fireSafetyState().name());
        events.publishEvent(Audited.updated("fire-inspection", inspectionId, org.unitPath(), inspectionState(before),
                afterState));
        return after;
    }

    /** The organisation's full phone number, for a role that needs it and a stated reason; audited. */
    @Transactional
    public String revealPhone(UUID id, String reason, Caller caller) {
        if (reason == null || reason.strip().length() < 4) {
            throw Invalid.of("reason", "population.reveal.reason");
        }
        Organisations.Organisation org = organisations.findVisible(id, caller, today())
                .orElseThrow(() -> new NotFound("organisation", id));
        String phone = organisations.revealPhone(id, caller)
                .orElseThrow(() -> Invalid.of("field", "population.reveal.empty"));
        events.publishEvent(new Audited("REVEAL", "organisation", id.toString(), org.unitPath(), null,
                Map.of("field", "phone", "reason", reason.strip()), null));
        return phone;
    }

    /**
     * The organisation filed in the grid its address is in once the address is held ({@link PlaceLocks#holdShared}),
     * that grid held with it: the grid read with the address, without a lock, may be the one a handover (移交至网格)
     * or a move of the address (核对地址归属) is taking it out of, and the organisation would then be written into a
     * grid retired as empty, or one its address has left. A move waits for the organisation and takes it along.
     */
    private Organisations.Fields atItsAddress(Organisations.Fields f, Caller caller) {
        if (f.addressId() == null) {
            return f;
        }
        Addresses.Filed place = placeLocks.holdShared(null, f.addressId(), caller, MOVED_AWAY);
        return new Organisations.Fields(place.gridId(), f.addressId(), f.name(), f.kind(), f.smallPlace(),
                f.business(), f.licenceNo(), f.phone(), f.ownerPersonId(), f.note(), f.keepPhone());
    }

    private Organisations.Fields check(Input in, UUID self, Caller caller, List<Invalid.Problem> problems) {
        return check(in, self, null, null, caller, problems);
    }

    /**
     * storedOwner: the organisation's owner now, kept even when he is no longer of the caller's jurisdiction. keptGrid:
     * its grid now, where it may stay once the grid is retired; nothing new is filed or moved into a retired grid.
     */
    private Organisations.Fields check(Input in, UUID self, UUID keptGrid, UUID storedOwner, Caller caller,
            List<Invalid.Problem> problems) {
        UUID gridId = null;
        if (in.addressId() != null) {
            Addresses.Address address = addresses.findVisible(in.addressId(), caller).orElse(null);
            if (address == null) {
                problems.add(StandardAddress.problem("addressId", "places.address.unknown"));
            } else {
                gridId = address.gridId();
                if (in.gridId() != null && !in.gridId().equals(gridId)) {
                    problems.add(StandardAddress.problem("gridId", "places.address.otherGrid"));
                }
            }
        } else if (in.gridId() == null) {
            problems.add(StandardAddress.problem("addressId", "places.organisation.where"));
        } else {
            // held against a retirement until the organisation is written, which then waits for it or reads it retired
            Optional<Grid> chosen = jurisdictions.visibleGridForFiling(new GridId(in.gridId()), caller);
            if (chosen.isEmpty()) {
                problems.add(StandardAddress.problem("gridId", "places.grid.unknown"));
            } else if (chosen.get().retired() && !in.gridId().equals(keptGrid)) {
                problems.add(GridRetired.problem("gridId", chosen.get()));
            } else {
                gridId = in.gridId();
            }
        }
        String name = StandardAddress.clean(in.name()) == null ? null : in.name().strip();
        if (name == null) {
            problems.add(StandardAddress.problem("name", "error.field.required"));
        } else if (name.length() > 100) {
            problems.add(StandardAddress.problem("name", "places.text.tooLong", 100));
        } else if (gridId != null && organisations.nameTaken(gridId, name, self)) {
            problems.add(StandardAddress.problem("name", "places.organisation.nameTaken", name));
        }
        String smallPlace = choice(SmallPlace.class, "smallPlace", in.smallPlace(), false, problems);
        String kind = choice(OrganisationKind.class, "kind", in.kind(), false, problems);
        if (kind == null && (in.kind() == null || in.kind().isBlank())) {
            if (smallPlace != null) {
                kind = kindOf(SmallPlace.valueOf(smallPlace)).name();
            } else {
                problems.add(StandardAddress.problem("kind", "error.field.required"));
            }
        }
        String business = text(in.business());
        if (business != null && business.length() > 200) {
            problems.add(StandardAddress.problem("business", "places.text.tooLong", 200));
        }
        String licence = null;
        if (StandardAddress.clean(in.licenceNo()) != null) {
            licence = LicenceNumbers.normalised(in.licenceNo());
            if (licence == null) {
                problems.add(StandardAddress.problem("licenceNo", "places.organisation.licence.invalid"));
            } else if (organisations.licenceTaken(licence, self)) {
                problems.add(StandardAddress.problem("licenceNo", "places.organisation.licence.taken", licence));
            }
        }
        String phone = null;
        if (StandardAddress.clean(in.phone()) != null) {
            phone = PhoneNumbers.normalised(in.phone());
            if (phone == null) {
                problems.add(StandardAddress.problem("phone", "population.phone.invalid"));
            }
        }
        if (in.ownerPersonId() != null && !in.ownerPersonId().equals(storedOwner)
                && persons.findVisible(in.ownerPersonId(), caller).isEmpty()) {
            problems.add(StandardAddress.problem("ownerPersonId", "places.person.unknown"));
        }
        String note = text(in.note());
        tooLong(problems, "note", note);
        // a change that leaves the phone blank keeps the stored one: the form only ever showed it masked
        return new Organisations.Fields(gridId, in.addressId(), name, kind, smallPlace, business, licence, phone,
                in.ownerPersonId(), note, self != null && StandardAddress.clean(in.phone()) == null);
    }

    /** What a small place is when no kind is given: a school, a clinic, a workshop, or a shop. */
    public static OrganisationKind kindOf(SmallPlace place) {
        return switch (place) {
            case SCHOOL_KINDERGARTEN -> OrganisationKind.SCHOOL;
            case CLINIC -> OrganisationKind.HOSPITAL;
            case WORKSHOP -> OrganisationKind.FIRM;
            default -> OrganisationKind.SHOP;
        };
    }

    static <E extends Enum<E>> String choice(Class<E> type, String field, String value, boolean required,
            List<Invalid.Problem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(StandardAddress.problem(field, "error.field.required"));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip()).name();
        } catch (IllegalArgumentException e) {
            problems.add(StandardAddress.problem(field, "places.choice.unknown", value));
            return null;
        }
    }

    private static void tooLong(List<Invalid.Problem> problems, String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            problems.add(StandardAddress.problem(field, "places.text.tooLong", MAX_TEXT));
        }
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<Map<String, Object>> staff(List<Organisations.Staff> staff) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Organisations.Staff s : staff) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("personId", s.personId());
            m.put("role", s.role());
            m.put("from", RentalRegister.str(s.from()));
            m.put("to", RentalRegister.str(s.to()));
            list.add(m);
        }
        return list;
    }

    static Map<String, Object> state(Organisations.Organisation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridId", o.gridId());
        m.put("addressId", o.addressId());
        m.put("name", o.name());
        m.put("kind", o.kind());
        m.put("smallPlace", o.smallPlace());
        m.put("business", o.business());
        m.put("licenceNo", o.licenceNo());
        m.put("phone", o.phoneMasked());
        m.put("ownerPersonId", o.ownerPersonId());
        m.put("note", o.note());
        return m;
    }

    private static Map<String, Object> inspectionState(Organisations.Inspection i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inspectedOn", RentalRegister.str(i.inspectedOn()));
        m.put("inspector", i.inspector());
        m.put("findings", i.findings());
        m.put("hazards", i.hazards());
        m.put("rectifyBy", RentalRegister.str(i.rectifyBy()));
        m.put("rectifiedOn", RentalRegister.str(i.rectifiedOn()));
        return m;
    }
}
