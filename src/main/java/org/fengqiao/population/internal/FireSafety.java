package org.fengqiao.population.internal;

import java.time.LocalDate;
import java.util.Collection;
import org.fengqiao.platform.ChoiceNames;

/**
 * The fire-safety state of a place (消防安全状态), derived from its inspections on a given day,
 * never stored, so that a deadline passing needs no job to take effect:
 * <ul>
 * <li>{@link #OVERDUE}: a hazard found is not rectified and its deadline has passed (整改逾期);</li>
 * <li>{@link #HAZARD_OPEN}: a hazard is waiting for rectification within its deadline (隐患待整改);</li>
 * <li>{@link #COMPLIANT}: inspected, and every hazard found has been rectified (合格);</li>
 * <li>{@link #NOT_INSPECTED}: no inspection recorded yet (未检查).</li>
 * </ul>
 * A hazard is due on its deadline day and overdue from the day after. The lists of organisations
 * filter by state in SQL on the same three counts ({@link Summary}); {@link #sqlCondition} is
 * where the two meet.
 */
@ChoiceNames("places.fire.")
public enum FireSafety {
    OVERDUE, HAZARD_OPEN, COMPLIANT, NOT_INSPECTED;

    /** One inspection as far as the state goes: a hazard (or none), its deadline and the day it was rectified. */
    public interface Finding {
        boolean hazardFound();

        LocalDate rectifyBy();

        LocalDate rectifiedOn();
    }

    /** How many inspections, hazards still open, and of those overdue, on a day. */
    public record Summary(long inspections, long open, long overdue) {

        public static Summary of(Collection<? extends Finding> inspections, LocalDate today) {
            long open = 0;
            long overdue = 0;
            for (Finding f : inspections) {
                if (f.hazardFound() && f.rectifiedOn() == null) {
                    open++;
                    if (f.rectifyBy() != null && f.rectifyBy().isBefore(today)) {
                        overdue++;
                    }
                }
            }
            return new Summary(inspections.size(), open, overdue);
        }

        public FireSafety state() {
            if (overdue > 0) {
                return OVERDUE;
            }
            if (open > 0) {
                return HAZARD_OPEN;
            }
            return inspections > 0 ? COMPLIANT : NOT_INSPECTED;
        }
    }

    public static FireSafety of(Collection<? extends Finding> inspections, LocalDate today) {
        return Summary.of(inspections, today).state();
    }

    /**
     * The condition on columns {@code inspections}, {@code open_hazards} and {@code overdue_hazards}
     * (computed like {@link Summary#of}) that selects the places in this state.
     */
    String sqlCondition() {
        return switch (this) {
            case OVERDUE -> "overdue_hazards > 0";
            case HAZARD_OPEN -> "overdue_hazards = 0 AND open_hazards > 0";
            case COMPLIANT -> "open_hazards = 0 AND inspections > 0";
            case NOT_INSPECTED -> "inspections = 0";
        };
    }
}
