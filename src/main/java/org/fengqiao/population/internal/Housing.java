package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.VisitId;
import org.fengqiao.population.Visits;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to buildings, rooms, households and visits made by a caller. Every input is checked
 * before anything is written, each change is audited (before and after) in its own transaction,
 * and a change made during a visit is linked to that visit.
 */
@Service
public class Housing {

    static final ZoneId LOCAL = LocalTimes.ZONE;
    static final int MAX_ROOMS = 10_000;
    static final int MAX_TEXT = 2000;

    private final Buildings buildings;
    private final Households households;
    private final VisitLog visitLog;
    private final Visits visits;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final KeyPersons keyPersons;
    private final VisitAnnouncements visited;
    private final int lateEntryDays;
    private final PlaceLocks placeLocks;
    private final HouseholdsByAddress byAddress;

    Housing(Buildings buildings, Households households, VisitLog visitLog, Visits visits,
            ApplicationEventPublisher events, Clock clock, KeyPersons keyPersons, VisitAnnouncements visited,
            CareProperties care, PlaceLocks placeLocks, HouseholdsByAddress byAddress) {
        this.placeLocks = placeLocks;
        this.byAddress = byAddress;
        this.lateEntryDays = care.visitLateEntryDays();
        this.keyPersons = keyPersons;
        this.visited = visited;
        this.buildings = buildings;
        this.households = households;
        this.visitLog = visitLog;
        this.visits = visits;
        this.events = events;
        this.clock = clock;
    }

    public record NewBuilding(UUID gridId, String name, Integer floors, Integer units, Integer roomsPerFloor,
            UUID addressId) {
    }

    /** A household with its members as its page and the API show them. */
    public record HouseholdRead(Households.Household household, List<Households.Member> members) {
    }

    /**
     * A household and its members (name, relation, residence, categories: a key person's type and risk among them),
     * read to be shown; 404 outside the caller's jurisdiction. The read is audited as the household register's export
     * is: the household with the number of its members, and each member as a read of his record, so the audit trail
     * of a person names everyone who saw him on his household's page too.
     */
    public HouseholdRead read(UUID id, Caller caller) {
        Households.Household h = households.findVisible(id, caller).orElseThrow(() -> new NotFound("household", id));
        List<Households.Member> members = households.members(id);
        // one statement for the household and all its members, one entry each: a household of eight is one round
        // trip to the trail, not nine
        List<Audited> read = new ArrayList<>(members.size() + 1);
        read.add(new Audited("READ", "household", id.toString(), h.unitPath(), null,
                Map.of("view", "household", "members", members.size()), null));
        for (Households.Member m : members) {
            read.add(new Audited("READ", "person", m.id().toString(), h.unitPath(), null,
                    Map.of("view", "household"), null));
        }
        events.publishEvent(Audited.reads(read));
        return new HouseholdRead(h, members);
    }

    public record NewHousehold(UUID gridId, UUID roomId, UUID addressId, String number, boolean trusted,
            boolean inDifficulty) {
    }

    /**
     * A visit to a household; {@code marks}, when given, are the household's marks and note as the officer set them
     * at the door, written with the visit and linked to it.
     */
    public record NewVisit(UUID householdId, String findings, boolean contactCard, OffsetDateTime visitedAt,
            HouseholdMarks marks) {

        public NewVisit(UUID householdId, String findings, boolean contactCard, OffsetDateTime visitedAt) {
            this(householdId, findings, contactCard, visitedAt, null);
        }
    }

    /** A visit as recorded, and whether this request recorded it (false: the same key recorded it before). */
    public record Recorded(VisitLog.Visit visit, boolean created) {
    }

    /**
     * A building as saved, with the households its new rooms took by their address ({@link HouseholdsByAddress}, as
     * the floor plan's button places them); null when no room was added.
     */
    public record SavedBuilding(Buildings.Building building, HouseholdsByAddress.Placed byAddress) {
    }

    /**
     * Registers a building with its rooms, and places in them the grid's households without a room whose address
     * names one of them: those imported before their building was registered.
     */
    @Transactional
    public SavedBuilding createBuilding(NewBuilding b, Caller caller) {
        return createBuilding(b, List.of(), caller);
    }

    /**
     * {@link #createBuilding(NewBuilding, Caller)} with the problems a client's body already showed (a value of the
     * wrong kind): refused with them and the building's own at once, nothing registered.
     */
    @Transactional
    public SavedBuilding createBuilding(NewBuilding b, List<Invalid.Problem> found, Caller caller) {
        List<Invalid.Problem> problems = new ArrayList<>(found);
        Households.GridRef grid = null;
        if (b.gridId() == null) {
            problems.add(problem("gridId", "error.field.required"));
        } else {
            grid = households.gridVisible(b.gridId(), caller).orElse(null);
            if (grid == null) {
                problems.add(problem("gridId", "housing.grid.unknown"));
            } else if (grid.retired()) {
                // a stale form or the API naming a grid merged away: nothing new is built or housed in it
                problems.add(GridRetired.problem("gridId", grid.code(), grid.name()));
                grid = null;
            }
        }
        String name = checkBuilding(b, grid == null ? null : grid.id(), null, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID gridId = grid.id();
        String unitPath = grid.unitPath();
        if (b.addressId() != null) {
            // the grid checked above may be the one a move of the address (核对地址归属) is taking it out of: held as a
            // household's place is, the building is filed in the grid the address is in once the move is done
            Addresses.Filed place = placeLocks.holdShared(null, b.addressId(), caller, "housing.building.movedAway");
            if (!place.gridId().equals(gridId)) {
                gridId = place.gridId();
                unitPath = place.unitPath();
                if (buildings.nameTaken(gridId, name)) {
                    throw Invalid.of("name", "housing.building.nameTaken", name);
                }
            }
        }
        UUID id = UUID.randomUUID();
        buildings.insert(id, gridId, b.addressId(), name, b.floors(), b.units(), b.roomsPerFloor());
        Buildings.Building created = buildings.find(id).orElseThrow();
        events.publishEvent(Audited.created("building", id, unitPath, state(created)));
        HouseholdsByAddress.Placed placed = byAddress.place(id, caller);
        return new SavedBuilding(placed.placed() == 0 ? created : buildings.find(id).orElseThrow(), placed);
    }

    /**
     * A building's name, standard address and dimensions as an officer changes them, from a form that showed the
     * building at {@code version}.
     */
    public record BuildingChange(String name, UUID addressId, Integer floors, Integer units, Integer roomsPerFloor,
            Long version) {
    }

    /** At most this many rooms are named when a smaller building would remove rooms in use. */
    static final int ROOMS_NAMED = 20;

    /**
     * Changes a building of the caller's scope (404 otherwise) under the rules of its creation: a name unique in its
     * grid, an address of its grid, dimensions in range. Growing adds the missing rooms, numbered as creation numbers
     * them; shrinking removes rooms only when nothing refers to any of them, else refuses naming them. A form made
     * from another version than the stored one is refused as stale ({@code housing.building.stale}). Nothing is
     * written when anything is refused. Rooms added take the grid's households without a room whose address names
     * them, as on creation.
     */
    @Transactional
    public SavedBuilding changeBuilding(UUID id, BuildingChange c, Caller caller) {
        return changeBuilding(id, c, List.of(), caller);
    }

    /**
     * {@link #changeBuilding(UUID, BuildingChange, Caller)} with the problems a client's body already showed: refused
     * with them and the change's own at once, nothing written. A version missing or unreadable is one of them.
     */
    @Transactional
    public SavedBuilding changeBuilding(UUID id, BuildingChange c, List<Invalid.Problem> found, Caller caller) {
        return changeBuilding(id, c, java.util.Set.of(), found, caller);
    }

    /**
     * The API's PUT: {@link #changeBuilding(UUID, BuildingChange, List, Caller)} where each field named in
     * {@code leftOut} (left out of the body) keeps its stored value: a client that renames a building loses neither its
     * standard address (which a left-out addressId cleared) nor its dimensions (refused as missing). A field sent as
     * null is taken away where it may be (the address) and refused where it is required (name, dimensions: 400).
     */
    @Transactional
    public SavedBuilding changeBuilding(UUID id, BuildingChange asked, java.util.Set<String> leftOut,
            List<Invalid.Problem> found, Caller caller) {
        // the addresses before the building, grid first, as a registration holds its address: a move of the chosen
        // address into another grid (核对地址归属) written meanwhile is waited for, and the address checked where it
        // left it, not read in the grid it was leaving (the building then stood in one grid at an address of another)
        Buildings.Building seen = buildings.findVisible(id, caller).orElseThrow(() -> new NotFound("building", id));
        placeLocks.holdAddressesShared(java.util.Arrays.asList(seen.addressId(),
                leftOut.contains("addressId") ? null : asked.addressId()));
        Optional<Long> stored = buildings.lockVersion(id);
        Buildings.Building before = buildings.findVisible(id, caller).orElseThrow(() -> new NotFound("building", id));
        BuildingChange c = leftOut.isEmpty() ? asked : new BuildingChange(
                leftOut.contains("name") ? before.name() : asked.name(),
                leftOut.contains("addressId") ? before.addressId() : asked.addressId(),
                leftOut.contains("floors") ? Integer.valueOf(before.floors()) : asked.floors(),
                leftOut.contains("units") ? Integer.valueOf(before.units()) : asked.units(),
                leftOut.contains("roomsPerFloor") ? Integer.valueOf(before.roomsPerFloor()) : asked.roomsPerFloor(),
                asked.version());
        List<Invalid.Problem> problems = new ArrayList<>(found);
        if (c.version() == null) {
            problems.add(problem("version", "error.field.required"));
        } else if (!stored.map(c.version()::equals).orElse(false)) {
            throw new Conflict("housing.building.stale");
        }
        NewBuilding b = new NewBuilding(before.gridId(), c.name(), c.floors(), c.units(), c.roomsPerFloor(),
                c.addressId());
        String name = checkBuilding(b, before.gridId(), id, problems);
        if (problems.isEmpty()) {
            List<Buildings.RoomInUse> inUse = buildings.roomsInUse(id, c.floors(), c.units(), c.roomsPerFloor(),
                    ROOMS_NAMED);
            if (!inUse.isEmpty()) {
                String field = c.floors() < before.floors() ? "floors" : c.units() < before.units() ? "units"
                        : "roomsPerFloor";
                problems.add(problem(field, "housing.building.roomsInUse", inUse.get(0).total(), roomList(inUse)));
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Buildings.RoomsChanged rooms = buildings.update(id, c.addressId(), name, c.floors(), c.units(),
                c.roomsPerFloor());
        Buildings.Building after = buildings.find(id).orElseThrow();
        Map<String, Object> changed = state(after);
        changed.put("roomsRemoved", rooms.removed());
        changed.put("roomsAdded", rooms.added());
        events.publishEvent(Audited.updated("building", id, after.unitPath(), state(before), changed));
        if (rooms.added() == 0) {
            return new SavedBuilding(after, null);
        }
        HouseholdsByAddress.Placed placed = byAddress.place(id, caller);
        return new SavedBuilding(placed.placed() == 0 ? after : buildings.find(id).orElseThrow(), placed);
    }

    /**
     * The rooms named in the reader's language, each as the floor plan labels it ("1单元 701室"), joined by the
     * language's list separator, "等" / "and more" when there are more than those named.
     */
    private static MessageSourceResolvable roomList(List<Buildings.RoomInUse> rooms) {
        MessageSourceResolvable list = rooms.get(0).total() > rooms.size()
                ? new DefaultMessageSourceResolvable("housing.building.roomsMore") : null;
        for (int i = rooms.size() - 1; i >= 0; i--) {
            Buildings.RoomInUse r = rooms.get(i);
            MessageSourceResolvable label = new DefaultMessageSourceResolvable(new String[] {"housing.plan.roomLabel"},
                    new Object[] {r.unitNo(), r.number()});
            list = list == null ? label
                    : new DefaultMessageSourceResolvable(new String[] {"housing.building.roomsJoined"},
                            new Object[] {label, list});
        }
        return list;
    }

    /**
     * The checks a building's fields pass when it is created or changed, into {@code problems}: the name (unique in
     * the grid but for {@code self}), the dimensions, the address (of the grid). Answers the name trimmed.
     */
    private String checkBuilding(NewBuilding b, UUID gridId, UUID self, List<Invalid.Problem> problems) {
        String name = trim(b.name());
        if (name == null) {
            problems.add(problem("name", "error.field.required"));
        } else if (name.length() > 100) {
            problems.add(problem("name", "housing.text.tooLong", 100));
        } else if (gridId != null && buildings.nameTaken(gridId, name, self)) {
            problems.add(problem("name", "housing.building.nameTaken", name));
        }
        boolean inRange = range(problems, "floors", b.floors(), 200) & range(problems, "units", b.units(), 50)
                & range(problems, "roomsPerFloor", b.roomsPerFloor(), 50);
        if (inRange && (long) b.floors() * b.units() * b.roomsPerFloor() > MAX_ROOMS) {
            problems.add(problem("floors", "housing.building.tooManyRooms", MAX_ROOMS));
        }
        if (b.addressId() != null && gridId != null && !sameGrid(households.gridOfAddress(b.addressId()), gridId)) {
            problems.add(problem("addressId", "housing.address.otherGrid"));
        }
        return name;
    }

    @Transactional
    public Buildings.Room markRoom(UUID roomId, Boolean vacant, Boolean rental, UUID visitId, Caller caller) {
        return markRoom(roomId, vacant, rental, visitId, List.of(), caller);
    }

    /** {@link #markRoom(UUID, Boolean, Boolean, UUID, Caller)} refused with the body's unreadable values too. */
    @Transactional
    public Buildings.Room markRoom(UUID roomId, Boolean vacant, Boolean rental, UUID visitId,
            List<Invalid.Problem> found, Caller caller) {
        return markRoom(roomId, vacant, rental, visitId, java.util.Set.of(), found, caller);
    }

    /**
     * The API's PUT of a room: a mark left out of the body ({@code leftOut}: vacant, rental) keeps the room's, so that
     * a client marking a room vacant need not know, nor overwrite, its rental mark; one sent as null is refused (a mark
     * is yes or no: 400).
     */
    @Transactional
    public Buildings.Room markRoom(UUID roomId, Boolean askedVacant, Boolean askedRental, UUID visitId,
            java.util.Set<String> leftOut, List<Invalid.Problem> found, Caller caller) {
        Buildings.Room before = buildings.findRoomVisible(roomId, caller).orElseThrow(() -> new NotFound("room", roomId));
        buildings.holdRoom(roomId);
        Boolean vacant = leftOut.contains("vacant") ? Boolean.valueOf(before.vacant()) : askedVacant;
        Boolean rental = leftOut.contains("rental") ? Boolean.valueOf(before.rental()) : askedRental;
        List<Invalid.Problem> problems = new ArrayList<>(found);
        if (vacant == null) {
            problems.add(problem("vacant", "error.field.required"));
        }
        if (rental == null) {
            problems.add(problem("rental", "error.field.required"));
        }
        visitLog.checkLink(visitId, before.gridId(), caller.staffId(), problems);
        if (Boolean.TRUE.equals(vacant) && !before.vacant()) {
            // a vacant room with people registered in it would hide them from the plan's marks and from the utility
            // check (use without residents): they must move out, or the rental end, first
            Buildings.Occupancy occupancy = buildings.occupancy(roomId);
            if (occupancy.residents()) {
                problems.add(problem("vacant", "housing.room.vacantWithResidents"));
            }
            if (occupancy.let()) {
                problems.add(problem("vacant", "housing.room.vacantButLet"));
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        buildings.markRoom(roomId, vacant, rental);
        Buildings.Room after = buildings.findRoom(roomId).orElseThrow();
        events.publishEvent(Audited.updated("room", roomId, after.unitPath(), state(before), state(after)));
        if (visitId != null) {
            visits.recordChange(new VisitId(visitId), "room", roomId, "housing.change.room",
                    List.of(VisitChangeTexts.literal(after.number()), VisitChangeTexts.yesNo(vacant),
                            VisitChangeTexts.yesNo(rental)));
        }
        return after;
    }

    @Transactional
    public Households.Household createHousehold(NewHousehold h, Caller caller) {
        return createHousehold(h, List.of(), caller);
    }

    /**
     * {@link #createHousehold(NewHousehold, Caller)} with the problems a client's body already showed (a value of the
     * wrong kind): refused with them and the household's own at once, nothing registered.
     */
    @Transactional
    public Households.Household createHousehold(NewHousehold h, List<Invalid.Problem> found, Caller caller) {
        List<Invalid.Problem> problems = new ArrayList<>(found);
        Households.GridRef grid = null;
        if (h.gridId() == null) {
            problems.add(problem("gridId", "error.field.required"));
        } else {
            grid = households.gridVisible(h.gridId(), caller).orElse(null);
            if (grid == null) {
                problems.add(problem("gridId", "housing.grid.unknown"));
            } else if (grid.retired()) {
                // a stale form or the API naming a grid merged away: nothing new is built or housed in it
                problems.add(GridRetired.problem("gridId", grid.code(), grid.name()));
                grid = null;
            }
        }
        if (h.roomId() != null && grid != null) {
            // a room of another grid, or one the caller cannot see, answers alike: it is not a room of this grid
            boolean inGrid = buildings.findRoomVisible(h.roomId(), caller)
                    .map(r -> r.gridId().equals(h.gridId())).orElse(false);
            if (!inGrid) {
                problems.add(problem("roomId", "housing.room.otherGrid"));
            }
        }
        if (h.addressId() != null && grid != null && !sameGrid(households.gridOfAddress(h.addressId()), grid.id())) {
            problems.add(problem("addressId", "housing.address.otherGrid"));
        }
        String number = trim(h.number());
        if (number != null && number.length() > 64) {
            problems.add(problem("number", "housing.text.tooLong", 64));
        } else if (number != null && households.numberTaken(number)) {
            problems.add(problem("number", "housing.household.numberTaken", number));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID gridId = grid.id();
        String unitPath = grid.unitPath();
        if (h.roomId() != null || h.addressId() != null) {
            // the grid checked above may be the one a move of the address is taking the place out of
            Addresses.Filed place = placeLocks.holdShared(h.roomId(), h.addressId(), caller,
                    "housing.household.movedAway");
            gridId = place.gridId();
            unitPath = place.unitPath();
        }
        UUID id = UUID.randomUUID();
        households.insert(id, gridId, h.roomId(), h.addressId(), number, h.trusted(), h.inDifficulty());
        Households.Household created = households.find(id).orElseThrow();
        events.publishEvent(Audited.created("household", id, unitPath, state(created)));
        return created;
    }

    /** The marks and note of a household as a caller sets them: both marks required, a blank note clears it. */
    public record HouseholdMarks(Boolean trusted, Boolean inDifficulty, String note) {
    }

    @Transactional
    public Households.Household updateHousehold(UUID id, Boolean trusted, Boolean inDifficulty, String note,
            UUID visitId, Caller caller) {
        return updateHousehold(id, trusted, inDifficulty, note, visitId, List.of(), caller);
    }

    /** {@link #updateHousehold} with the problems a client's body already showed, refused at once with its own. */
    @Transactional
    public Households.Household updateHousehold(UUID id, Boolean trusted, Boolean inDifficulty, String note,
            UUID visitId, List<Invalid.Problem> found, Caller caller) {
        return updateHousehold(id, trusted, inDifficulty, note, java.util.Set.of(), visitId, found, caller);
    }

    /**
     * The API's PUT: {@link #updateHousehold(UUID, Boolean, Boolean, String, UUID, List, Caller)} where each of trusted,
     * inDifficulty and note named in {@code leftOut} (left out of the body) keeps its stored value: a client that sends
     * only the mark it changes loses neither the other mark nor the note. A note sent as null is taken away; a mark
     * sent as null is refused (required), nothing changed.
     */
    @Transactional
    public Households.Household updateHousehold(UUID id, Boolean trusted, Boolean inDifficulty, String note,
            java.util.Set<String> leftOut, UUID visitId, List<Invalid.Problem> found, Caller caller) {
        Households.Household before = households.findVisible(id, caller).orElseThrow(() -> new NotFound("household", id));
        trusted = leftOut.contains("trusted") ? Boolean.valueOf(before.trusted()) : trusted;
        inDifficulty = leftOut.contains("inDifficulty") ? Boolean.valueOf(before.inDifficulty()) : inDifficulty;
        note = leftOut.contains("note") ? before.note() : note;
        List<Invalid.Problem> problems = new ArrayList<>(found);
        HouseholdMarks marks = checkMarks(new HouseholdMarks(trusted, inDifficulty, note), "", problems);
        visitLog.checkLink(visitId, before.gridId(), caller.staffId(), problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        return mark(before, marks, visitId);
    }

    /** The marks checked, the note trimmed (blank is none); problems named with the field prefix. */
    private static HouseholdMarks checkMarks(HouseholdMarks m, String prefix, List<Invalid.Problem> problems) {
        if (m.trusted() == null) {
            problems.add(problem(prefix + "trusted", "error.field.required"));
        }
        if (m.inDifficulty() == null) {
            problems.add(problem(prefix + "inDifficulty", "error.field.required"));
        }
        String cleanNote = trim(m.note());
        if (cleanNote != null && cleanNote.length() > MAX_TEXT) {
            problems.add(problem(prefix + "note", "housing.text.tooLong", MAX_TEXT));
        }
        return new HouseholdMarks(m.trusted(), m.inDifficulty(), cleanNote);
    }

    /**
     * Writes checked marks, audits them, and links to the visit what changed: one entry per mark or note changed,
     * or one that says the household was confirmed as it was.
     */
    private Households.Household mark(Households.Household before, HouseholdMarks m, UUID visitId) {
        UUID id = before.id();
        households.update(id, m.trusted(), m.inDifficulty(), m.note());
        Households.Household after = households.find(id).orElseThrow();
        events.publishEvent(Audited.updated("household", id, after.unitPath(), state(before), state(after)));
        if (visitId != null) {
            VisitId visit = new VisitId(visitId);
            boolean changed = false;
            if (before.trusted() != after.trusted()) {
                visits.recordChange(visit, "household", id, "housing.change.trusted." + after.trusted(), List.of());
                changed = true;
            }
            if (before.inDifficulty() != after.inDifficulty()) {
                visits.recordChange(visit, "household", id, "housing.change.inDifficulty." + after.inDifficulty(),
                        List.of());
                changed = true;
            }
            if (!java.util.Objects.equals(before.note(), after.note())) {
                if (after.note() == null) {
                    visits.recordChange(visit, "household", id, "housing.change.noteCleared", List.of());
                } else {
                    visits.recordChange(visit, "household", id, "housing.change.note",
                            List.of(VisitChangeTexts.literal(after.note())));
                }
                changed = true;
            }
            if (!changed) {
                visits.recordChange(visit, "household", id, "housing.change.household",
                        List.of(VisitChangeTexts.yesNo(after.trusted()), VisitChangeTexts.yesNo(after.inDifficulty())));
            }
        }
        return after;
    }

    /** 警民联系卡: the day the officer's contact card was handed to the household. */
    @Transactional
    public Households.Household contactCard(UUID id, LocalDate on, UUID visitId, Caller caller) {
        return contactCard(id, on, visitId, List.of(), caller);
    }

    /**
     * {@link #contactCard(UUID, LocalDate, UUID, Caller)} with the problems a client's body already showed (a value of
     * the wrong kind): refused with them and the card's own at once, nothing changed.
     */
    @Transactional
    public Households.Household contactCard(UUID id, LocalDate on, UUID visitId, List<Invalid.Problem> found,
            Caller caller) {
        Households.Household before = households.findVisible(id, caller).orElseThrow(() -> new NotFound("household", id));
        List<Invalid.Problem> problems = new ArrayList<>(found);
        if (on == null) {
            problems.add(problem("on", "error.field.required"));
        } else if (on.isAfter(LocalDate.now(clock.withZone(LOCAL)))) {
            problems.add(problem("on", "housing.date.future"));
        }
        visitLog.checkLink(visitId, before.gridId(), caller.staffId(), problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        households.contactCard(id, on);
        Households.Household after = households.find(id).orElseThrow();
        events.publishEvent(Audited.updated("household", id, after.unitPath(), state(before), state(after)));
        if (visitId != null) {
            visits.recordChange(new VisitId(visitId), "household", id, "housing.change.contactCard",
                    List.of(on.toString()));
        }
        return after;
    }

    /**
     * Records a visit by the caller; a contact card handed over is recorded on the visit's day, the household's last
     * card unless it has a later one.
     */
    @Transactional
    public VisitLog.Visit recordVisit(NewVisit v, Caller caller) {
        return recordVisit(v, null, caller).visit();
    }

    /**
     * Records a visit by the caller, once per idempotency key (none: every call records one): the same key again
     * answers the visit recorded the first time, and changes nothing; the same key with another visit is refused.
     * A contact card handed over is recorded on the visit's day (the household's last card unless it has a later
     * one); marks given are written as
     * {@link #updateHousehold} writes them, linked to the visit.
     */
    @Transactional
    public Recorded recordVisit(NewVisit v, String idempotencyKey, Caller caller) {
        return recordVisit(v, idempotencyKey, List.of(), caller);
    }

    /**
     * {@link #recordVisit(NewVisit, String, Caller)} with the problems a client's body already showed (a value of the
     * wrong kind): refused with them and the visit's own at once, nothing recorded.
     */
    @Transactional
    public Recorded recordVisit(NewVisit v, String idempotencyKey, List<Invalid.Problem> found, Caller caller) {
        List<Invalid.Problem> problems = new ArrayList<>(found);
        String key = VisitKeys.clean(idempotencyKey, problems);
        byte[] hash = key == null ? null : VisitKeys.hash("kind", "household", "householdId", v.householdId(),
                "findings", trim(v.findings()), "contactCard", v.contactCard(),
                "visitedAt", v.visitedAt() == null ? null : v.visitedAt().toInstant(),
                "marks", v.marks() != null, "trusted", v.marks() == null ? null : v.marks().trusted(),
                "inDifficulty", v.marks() == null ? null : v.marks().inDifficulty(),
                "note", v.marks() == null ? null : trim(v.marks().note()));
        // a retry is answered before it is checked: the first request passed the checks and was recorded (a body
        // with an unreadable value was never recorded, so it is no retry of one that was)
        if (key != null && found.isEmpty()) {
            java.util.Optional<VisitLog.Prior> prior = visitLog.prior(caller.staffId(), key);
            if (prior.isPresent()) {
                return again(prior.get(), hash);
            }
        }
        Households.Household household = null;
        if (v.householdId() == null) {
            problems.add(problem("householdId", "error.field.required"));
        } else {
            household = households.findVisible(v.householdId(), caller).orElse(null);
            if (household == null) {
                problems.add(problem("householdId", "housing.household.unknown"));
            }
        }
        // a visit is a record of what the officer found at the door; one without it tells nobody anything
        String findings = trim(v.findings());
        if (findings == null) {
            problems.add(problem("findings", "error.field.required"));
        } else if (findings.length() > MAX_TEXT) {
            problems.add(problem("findings", "housing.text.tooLong", MAX_TEXT));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime visitedAt = v.visitedAt() == null ? now : v.visitedAt();
        // a visit to the household visits its key persons too, and answers their overdue reminders: dated as theirs
        VisitDatePolicy.Decision dated = VisitDatePolicy.judge(visitedAt, now, LOCAL, lateEntryDays, null);
        if (dated.refusal() == VisitDatePolicy.Refusal.FUTURE) {
            problems.add(problem("visitedAt", "housing.date.future"));
        } else if (!dated.allowed()) {
            problems.add(problem("visitedAt", "housing.visit.tooLateEntered", dated.earliest(), lateEntryDays));
        }
        HouseholdMarks marks = v.marks() == null ? null : checkMarks(v.marks(), "", problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        // its key persons as they stand before the visit: it visits them too, and may answer an overdue reminder
        List<KeyPersons.Row> keyPersonsBefore = keyPersons.ofHousehold(household.id());
        UUID id = UUID.randomUUID();
        if (!visitLog.insert(id, household.gridId(), household.id(), caller.staffId(), visitedAt, findings,
                v.contactCard(), key, hash)) {
            // a concurrent request with the same key recorded it meanwhile
            return again(visitLog.prior(caller.staffId(), key).orElseThrow(), hash);
        }
        VisitLog.Visit visit = visitLog.find(id).orElseThrow();
        events.publishEvent(Audited.created("visit", id, household.unitPath(), visitState(visit)));
        visited.announce(new VisitAnnouncements.Recorded(id, household.id(), household.gridId(), household.unitPath(),
                caller.staffId(), visitedAt), keyPersonsBefore);
        if (v.contactCard()) {
            household = cardHandedAtVisit(household, id, visitedAt);
        }
        // the visit form sends the marks as the page showed them: only a change is written and linked
        if (marks != null && (marks.trusted() != household.trusted() || marks.inDifficulty() != household.inDifficulty()
                || !java.util.Objects.equals(marks.note(), household.note()))) {
            mark(household, marks, id);
        }
        return new Recorded(visitLog.find(id).orElseThrow(), true);
    }

    /**
     * A contact card handed over at a visit just recorded (at the household's door or a key person's): the household's
     * card on the visit's day, audited, and listed under the visit. A visit entered late leaves a later card the last
     * one (both are counted, each in its day).
     */
    Households.Household cardHandedAtVisit(Households.Household household, UUID visitId, OffsetDateTime visitedAt) {
        LocalDate day = visitedAt.atZoneSameInstant(LOCAL).toLocalDate();
        households.contactCard(household.id(), day, true);
        Households.Household after = households.find(household.id()).orElseThrow();
        events.publishEvent(Audited.updated("household", household.id(), after.unitPath(), state(household),
                state(after)));
        visits.recordChange(new VisitId(visitId), "household", household.id(), "housing.change.contactCard",
                List.of(day.toString()));
        return after;
    }

    private Recorded again(VisitLog.Prior prior, byte[] hash) {
        return new Recorded(visitLog.find(VisitKeys.repeated(prior, hash)).orElseThrow(), false);
    }

    private static boolean sameGrid(java.util.Optional<Households.GridRef> ref, UUID gridId) {
        return ref.map(r -> r.id().equals(gridId)).orElse(false);
    }

    /** Whether the value is given and in range; a problem of the field when not. */
    private static boolean range(List<Invalid.Problem> problems, String field, Integer value, int max) {
        if (value == null) {
            problems.add(problem(field, "error.field.required"));
            return false;
        } else if (value < 1 || value > max) {
            problems.add(problem(field, "housing.range", 1, max));
            return false;
        }
        return true;
    }

    private static Invalid.Problem problem(String field, String key, Object... args) {
        return new Invalid.Problem(field, key, args);
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static Map<String, Object> state(Buildings.Building b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridId", b.gridId());
        m.put("name", b.name());
        m.put("floors", b.floors());
        m.put("units", b.units());
        m.put("roomsPerFloor", b.roomsPerFloor());
        m.put("addressId", b.addressId());
        m.put("rooms", b.rooms());
        return m;
    }

    private static Map<String, Object> state(Buildings.Room r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("buildingId", r.buildingId());
        m.put("unitNo", r.unitNo());
        m.put("number", r.number());
        m.put("vacant", r.vacant());
        m.put("rental", r.rental());
        return m;
    }

    private static Map<String, Object> state(Households.Household h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridId", h.gridId());
        m.put("roomId", h.roomId());
        m.put("addressId", h.addressId());
        m.put("number", h.number());
        m.put("trusted", h.trusted());
        m.put("inDifficulty", h.inDifficulty());
        m.put("contactCardOn", h.contactCardOn() == null ? null : h.contactCardOn().toString());
        m.put("note", h.note());
        return m;
    }

    private static Map<String, Object> visitState(VisitLog.Visit v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("householdId", v.householdId());
        m.put("visitedBy", v.visitedBy());
        m.put("visitedAt", v.visitedAt().toString());
        m.put("findings", v.findings());
        m.put("contactCard", v.contactCard());
        return m;
    }
}
