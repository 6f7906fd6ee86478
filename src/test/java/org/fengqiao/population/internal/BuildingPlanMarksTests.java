package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fengqiao.population.internal.FloorPlan.Mark;
import org.junit.jupiter.api.Test;

/** How rows of the plan query become floors, units and rooms with their marks, without a database. */
class BuildingPlanMarksTests {

    static Buildings.PlanRow empty(int unit, int floor, String number, boolean vacant, boolean rental) {
        return new Buildings.PlanRow(UUID.randomUUID(), unit, floor, number, vacant, rental, null, null, null, false,
                false, false, false, false, false);
    }

    @Test
    void aRoomWithTwoHouseholdsListsBothAndCarriesTheMarksOfEither() {
        UUID room = UUID.randomUUID();
        List<Buildings.PlanRow> rows = List.of(
                new Buildings.PlanRow(room, 1, 2, "201", false, true, UUID.randomUUID(), "H1", "张三", false, false,
                        true, false, false, false),
                new Buildings.PlanRow(room, 1, 2, "201", false, true, UUID.randomUUID(), "H2", "李四", true, true,
                        false, false, false, false),
                empty(1, 1, "101", false, false));
        FloorPlan plan = FloorPlan.of(rows);
        assertThat(plan.floors()).extracting(FloorPlan.Floor::floor).containsExactly(2, 1);
        FloorPlan.Room shared = plan.floors().get(0).units().get(0).rooms().get(0);
        assertThat(shared.households()).extracting(FloorPlan.HouseholdRef::head).containsExactly("张三", "李四");
        assertThat(shared.marks()).containsExactly(Mark.KEY_PERSON, Mark.RENTAL, Mark.IN_DIFFICULTY, Mark.TRUSTED);
        assertThat(plan.floors().get(1).units().get(0).rooms().get(0).marks()).containsExactly(Mark.VACANT);
    }

    @Test
    void aRoomMarkedVacantStaysVacantThoughAHouseholdIsStillRegistered() {
        Buildings.PlanRow row = new Buildings.PlanRow(UUID.randomUUID(), 2, 5, "503", true, false, UUID.randomUUID(),
                "H3", "王五", false, false, false, false, true, false);
        FloorPlan.Room room = FloorPlan.of(List.of(row)).floors().get(0).units().get(0).rooms().get(0);
        assertThat(room.marks()).containsExactly(Mark.ELDERLY_ALONE, Mark.VACANT);
        assertThat(FloorPlan.of(List.of(row)).floors().get(0).units().get(0).unit()).isEqualTo(2);
    }
}
