package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/** A key person's risk level; it sets how often the helper team visits. */
@ChoiceNames("care.risk.")
public enum Risk {
    HIGH, MEDIUM, LOW
}
