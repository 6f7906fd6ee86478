package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireSafetyTests {

    static final LocalDate TODAY = LocalDate.of(2026, 5, 20);

    record Inspection(boolean hazardFound, LocalDate rectifyBy, LocalDate rectifiedOn) implements FireSafety.Finding {
    }

    static Inspection clean() {
        return new Inspection(false, null, null);
    }

    static Inspection hazard(LocalDate by) {
        return new Inspection(true, by, null);
    }

    static Inspection rectified(LocalDate by, LocalDate on) {
        return new Inspection(true, by, on);
    }

    @Test
    void aPlaceNeverInspectedIsNotInspected() {
        assertThat(FireSafety.of(List.of(), TODAY)).isEqualTo(FireSafety.NOT_INSPECTED);
    }

    @Test
    void inspectedWithoutHazardOrWithEveryHazardRectifiedIsCompliant() {
        assertThat(FireSafety.of(List.of(clean()), TODAY)).isEqualTo(FireSafety.COMPLIANT);
        assertThat(FireSafety.of(List.of(rectified(TODAY.minusDays(30), TODAY.minusDays(40))), TODAY))
                .isEqualTo(FireSafety.COMPLIANT);
        // rectified after its deadline: late, but nothing is open any more
        assertThat(FireSafety.of(List.of(rectified(TODAY.minusDays(30), TODAY.minusDays(2)), clean()), TODAY))
                .isEqualTo(FireSafety.COMPLIANT);
    }

    @Test
    void aHazardWithinItsDeadlineIsOpenAndOnTheDeadlineDayStillOpen() {
        assertThat(FireSafety.of(List.of(hazard(TODAY.plusDays(10))), TODAY)).isEqualTo(FireSafety.HAZARD_OPEN);
        assertThat(FireSafety.of(List.of(hazard(TODAY)), TODAY)).isEqualTo(FireSafety.HAZARD_OPEN);
    }

    @Test
    void theDayAfterTheDeadlineAnUnrectifiedHazardIsOverdue() {
        assertThat(FireSafety.of(List.of(hazard(TODAY.minusDays(1))), TODAY)).isEqualTo(FireSafety.OVERDUE);
        assertThat(FireSafety.of(List.of(hazard(TODAY)), TODAY.plusDays(1))).isEqualTo(FireSafety.OVERDUE);
    }

    @Test
    void anOverdueHazardOutweighsOpenOnesAndALaterCleanInspectionDoesNotCloseIt() {
        assertThat(FireSafety.of(List.of(hazard(TODAY.plusDays(5)), hazard(TODAY.minusDays(3)), clean()), TODAY))
                .isEqualTo(FireSafety.OVERDUE);
        FireSafety.Summary summary = FireSafety.Summary.of(List.of(hazard(TODAY.plusDays(5)), hazard(TODAY.minusDays(3)),
                rectified(TODAY.minusDays(9), TODAY.minusDays(10)), clean()), TODAY);
        assertThat(summary).isEqualTo(new FireSafety.Summary(4, 2, 1));
    }

    @Test
    void theSqlConditionsOfTheStatesExcludeEachOther() {
        // each state's condition on (inspections, open, overdue) holds for exactly the summaries of that state
        long[][] cases = {{0, 0, 0}, {2, 0, 0}, {1, 1, 0}, {3, 2, 1}, {1, 1, 1}};
        for (long[] c : cases) {
            FireSafety.Summary s = new FireSafety.Summary(c[0], c[1], c[2]);
            for (FireSafety state : FireSafety.values()) {
                assertThat(holds(state.sqlCondition(), c)).as(state + " on " + s).isEqualTo(state == s.state());
            }
        }
    }

    /** Evaluates the tiny conditions FireSafety writes: comparisons joined by AND. */
    static boolean holds(String condition, long[] c) {
        for (String part : condition.split(" AND ")) {
            String[] t = part.trim().split(" ");
            long value = switch (t[0]) {
                case "inspections" -> c[0];
                case "open_hazards" -> c[1];
                case "overdue_hazards" -> c[2];
                default -> throw new IllegalArgumentException(t[0]);
            };
            long n = Long.parseLong(t[2]);
            boolean ok = switch (t[1]) {
                case ">" -> value > n;
                case "=" -> value == n;
                default -> throw new IllegalArgumentException(t[1]);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
