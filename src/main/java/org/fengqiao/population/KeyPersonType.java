package org.fengqiao.population;

/** Sub-types of key persons (seed 002): drug-involved, mentally ill with incidents, stability-related; ex-offenders; other. */
public enum KeyPersonType {
    DRUG, MENTAL, STABILITY, EX_OFFENDER, OTHER
}
