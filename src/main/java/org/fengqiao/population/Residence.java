package org.fengqiao.population;

import java.time.LocalDate;
import org.fengqiao.platform.ChoiceNames;

/** 常住 (permanent), 暂住/流动 (floating, with the day of registration), 已离开 (left). */
@ChoiceNames("population.residence.")
public enum Residence {
    PERMANENT, FLOATING, LEFT;

    /** Seed 000: a floating resident may apply for a residence permit (居住证) six months after he registered. */
    public static final int MONTHS_TO_RESIDENCE_PERMIT = 6;

    /**
     * The day from which a resident of this kind registered on {@code registeredOn} may apply for a residence permit:
     * only a floating resident with his day of registration has one, null for everyone else.
     */
    public LocalDate residencePermitFrom(LocalDate registeredOn) {
        return this == FLOATING && registeredOn != null ? registeredOn.plusMonths(MONTHS_TO_RESIDENCE_PERMIT) : null;
    }
}
