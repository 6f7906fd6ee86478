package org.fengqiao.population.internal;

/**
 * One administrative division: a province, city or county by its six-digit GB/T 2260 code, or a
 * township or street office by its 12-digit statistical code; {@code parentCode} is the code of
 * the level above (null for a province).
 */
public record Division(String code, String name, String parentCode) {
}
