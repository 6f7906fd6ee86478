package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The floor plan of a building (居民信息平面图): floors from the top down, the units of each floor
 * side by side, the rooms of each unit with their households and marks. Built from the rows of
 * one query, so a plan costs one round trip however many rooms it has.
 */
public record FloorPlan(List<Floor> floors) {

    /** What a room is marked with on the plan and in its legend, in the order the legend lists them. */
    public enum Mark {
        KEY_PERSON, RENTAL, LEFT_BEHIND_CHILD, ELDERLY_ALONE, IN_DIFFICULTY, TRUSTED, VACANT
    }

    public record Floor(int floor, List<UnitRooms> units) {
    }

    public record UnitRooms(int unit, List<Room> rooms) {
    }

    public record HouseholdRef(UUID id, String number, String head) {
    }

    /**
     * A room of the plan. rental: the plan shows 出租 (marked by hand, or let today by a registered
     * rental); rentalMarked: the officer's hand mark alone, which the room's dialog edits; rentalLet: a
     * registered rental's contract covers today.
     */
    public record Room(UUID id, String number, boolean vacant, boolean rental, List<HouseholdRef> households,
            List<Mark> marks, boolean rentalMarked, boolean rentalLet) {
    }

    private record Cell(UUID id, String number, boolean vacant, boolean rental, List<HouseholdRef> households,
            EnumSet<Mark> marks, boolean rentalMarked, boolean rentalLet) {
    }

    /** Rows must come ordered by floor descending, unit, room number, as {@link Buildings#plan} returns them. */
    public static FloorPlan of(List<Buildings.PlanRow> rows) {
        Map<Integer, Map<Integer, Map<UUID, Cell>>> floors = new LinkedHashMap<>();
        for (Buildings.PlanRow r : rows) {
            Map<UUID, Cell> rooms = floors.computeIfAbsent(r.floor(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(r.unitNo(), u -> new LinkedHashMap<>());
            Cell room = rooms.computeIfAbsent(r.roomId(), id -> new Cell(id, r.number(), r.vacant(), r.rental(),
                    new ArrayList<>(), EnumSet.noneOf(Mark.class), r.rentalMarked(), r.rentalLet()));
            if (r.householdId() != null) {
                room.households().add(new HouseholdRef(r.householdId(), r.householdNumber(), r.head()));
                mark(room.marks(), r.keyPerson(), Mark.KEY_PERSON);
                mark(room.marks(), r.leftBehindChild(), Mark.LEFT_BEHIND_CHILD);
                mark(room.marks(), r.elderlyAlone(), Mark.ELDERLY_ALONE);
                mark(room.marks(), r.memberInDifficulty() || r.householdInDifficulty(), Mark.IN_DIFFICULTY);
                mark(room.marks(), r.trusted(), Mark.TRUSTED);
            }
            mark(room.marks(), r.rental(), Mark.RENTAL);
        }
        List<Floor> plan = new ArrayList<>();
        floors.forEach((floor, units) -> {
            List<UnitRooms> unitList = new ArrayList<>();
            units.forEach((unit, rooms) -> {
                List<Room> list = new ArrayList<>();
                for (Cell room : rooms.values()) {
                    // a room nobody is registered in is vacant on the plan, whatever was last marked
                    mark(room.marks(), room.vacant() || room.households().isEmpty(), Mark.VACANT);
                    list.add(new Room(room.id(), room.number(), room.vacant(), room.rental(),
                            List.copyOf(room.households()), List.copyOf(room.marks()), room.rentalMarked(),
                            room.rentalLet()));
                }
                unitList.add(new UnitRooms(unit, List.copyOf(list)));
            });
            plan.add(new Floor(floor, List.copyOf(unitList)));
        });
        return new FloorPlan(List.copyOf(plan));
    }

    private static void mark(Set<Mark> marks, boolean when, Mark mark) {
        if (when) {
            marks.add(mark);
        }
    }
}
