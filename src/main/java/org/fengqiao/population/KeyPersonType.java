package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/** Sub-types of key persons (seed 002): drug-involved, mentally ill with incidents, stability-related; ex-offenders; other. */
@ChoiceNames("population.mark.KEY_PERSON.")
public enum KeyPersonType {
    DRUG, MENTAL, STABILITY, EX_OFFENDER, OTHER
}
