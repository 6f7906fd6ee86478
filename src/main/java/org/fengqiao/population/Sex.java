package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/** Sex as the identity number records it (GB 11643: the 17th digit, odd for male, even for female). */
@ChoiceNames("population.sex.")
public enum Sex {
    MALE,
    FEMALE
}
