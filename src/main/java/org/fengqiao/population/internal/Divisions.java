package org.fengqiao.population.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.fengqiao.platform.ShippedDivisionTables;

/**
 * The administrative divisions of 2023 (GB/T 2260 provinces, cities and counties, and the
 * townships and street offices of the statistical division codes), read from the tables under
 * {@code src/main/resources/divisions} at first use; see the README there for their source.
 */
public final class Divisions {

    /** Names the tables give a city-level row that is only a grouping, not part of a place's name. */
    private static final Set<String> PLACEHOLDER_CITIES = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");

    private Divisions() {
    }

    /** A county-level division (county, district, county-level city) by its six-digit code. */
    public static Optional<Division> county(String sixDigits) {
        return Optional.ofNullable(sixDigits).map(String::strip).map(Tables.INSTANCE.counties::get);
    }

    /** A township or street office by its 9-digit code or its 12-digit statistical code (the 9 and "000"). */
    public static Optional<Division> township(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String text = code.strip();
        if (text.length() == 12 && text.endsWith("000")) {
            text = text.substring(0, 9);
        }
        return text.length() == 9 ? Optional.ofNullable(Tables.INSTANCE.townships.get(text)) : Optional.empty();
    }

    public static boolean knownCounty(String sixDigits) {
        return county(sixDigits).isPresent();
    }

    /**
     * The name of a place from its province down, as written on an address: 320722 →
     * 江苏省连云港市东海县, 110101 → 北京市东城区, a township code → its county's full name followed
     * by the township. Accepts six-digit province, city and county codes and 9- or 12-digit
     * township codes; a code it does not know comes back unchanged, so a page never hides one.
     */
    public static String fullName(String code) {
        if (code == null) {
            return null;
        }
        String text = code.strip();
        Optional<Division> township = township(text);
        if (township.isPresent()) {
            return fullName(township.get().parentCode()) + township.get().name();
        }
        if (text.length() != 6) {
            return text;
        }
        Tables tables = Tables.INSTANCE;
        Division province = tables.provinces.get(text.substring(0, 2) + "0000");
        Division city = tables.cities.get(text.substring(0, 4) + "00");
        Division county = tables.counties.get(text);
        if (province == null || (county == null && !text.endsWith("00"))
                || (county == null && city == null && !text.endsWith("0000"))) {
            return text;
        }
        StringBuilder name = new StringBuilder(province.name());
        if (city != null && !PLACEHOLDER_CITIES.contains(city.name())) {
            name.append(city.name());
        }
        if (county != null && (city == null || !county.name().equals(city.name()))) {
            name.append(county.name());
        }
        return name.toString();
    }

    /** Loaded once, on first use, by the class loader's lazy initialisation of this holder. */
    private static final class Tables {
        static final Tables INSTANCE = new Tables();

        final Map<String, Division> provinces = new HashMap<>();
        final Map<String, Division> cities = new HashMap<>();
        final Map<String, Division> counties = new HashMap<>();
        final Map<String, Division> townships = new HashMap<>(64_000);

        private Tables() {
            // a province has no parent, a city hangs under a province (xx0000), a county under a city
            read("counties.csv.gz", d -> {
                if (d.parentCode() == null) {
                    provinces.put(d.code(), d);
                } else if (d.parentCode().endsWith("0000")) {
                    cities.put(d.code(), d);
                } else {
                    counties.put(d.code(), d);
                }
            });
            read("townships.csv.gz", d -> townships.put(d.code(),
                    new Division(d.code() + "000", d.name(), d.parentCode())));
        }

        private static void read(String file, Consumer<Division> into) {
            ShippedDivisionTables.read(file,
                    cells -> into.accept(new Division(cells[0], cells[1], cells[2].isEmpty() ? null : cells[2])));
        }
    }
}
