package org.fengqiao.population.internal;

/** One ethnic group of GB/T 3304: its two-digit code, its Chinese name and its romanised name. */
public record Ethnicity(String code, String name, String englishName) {
}
