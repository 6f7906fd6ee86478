package org.fengqiao.population;

/** Sex as the identity number records it (GB 11643: the 17th digit, odd for male, even for female). */
public enum Sex {
    MALE,
    FEMALE
}
