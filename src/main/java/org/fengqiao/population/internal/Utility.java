package org.fengqiao.population.internal;

import java.util.Locale;
import java.util.Map;

/** The three utilities whose monthly use tells whether a place is lived in (seed 000: 水、电、天然气). */
public enum Utility {
    WATER("m³"), POWER("kWh"), GAS("m³");

    private static final Map<String, Utility> NAMES = Map.ofEntries(Map.entry("水", WATER), Map.entry("用水", WATER),
            Map.entry("自来水", WATER), Map.entry("水费", WATER), Map.entry("电", POWER), Map.entry("用电", POWER),
            Map.entry("电力", POWER), Map.entry("电费", POWER), Map.entry("气", GAS), Map.entry("燃气", GAS),
            Map.entry("天然气", GAS), Map.entry("用气", GAS), Map.entry("ELECTRICITY", POWER));

    /** The unit of the consumption the suppliers report. */
    public final String unit;

    Utility(String unit) {
        this.unit = unit;
    }

    /** A utility by its Chinese name (水, 电, 燃气 …) or English name; null when the text is none of them. */
    public static Utility parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        Utility named = NAMES.get(t.toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        for (Utility u : values()) {
            if (u.name().equalsIgnoreCase(t)) {
                return u;
            }
        }
        return null;
    }
}
