package org.fengqiao.platform;

import java.util.HashSet;
import java.util.Set;

/**
 * The county-level codes (counties, districts, county-level cities) of the division tables shipped under
 * {@code src/main/resources/divisions}, for the start's check of FENGQIAO_INIT_DIVISION. The population module reads
 * the same tables for names (Divisions); the settings are checked here, before any module starts, and the platform
 * depends on no module. A county's parent is a city (xxxx00), not a province (xx0000).
 */
final class ShippedCounties {

    private ShippedCounties() {
    }

    static boolean contains(String code) {
        return Codes.ALL.contains(code);
    }

    /** Read once, at the first check. */
    private static final class Codes {
        static final Set<String> ALL = read();

        private static Set<String> read() {
            Set<String> codes = new HashSet<>();
            ShippedDivisionTables.read("counties.csv.gz", cells -> {
                if (!cells[2].isEmpty() && !cells[2].endsWith("0000")) {
                    codes.add(cells[0]);
                }
            });
            return codes;
        }
    }
}
