package org.fengqiao.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

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
            String path = "/divisions/counties.csv.gz";
            Set<String> codes = new HashSet<>();
            try (InputStream in = ShippedCounties.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("Missing resource " + path);
                }
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] cells = line.split(",", -1);
                    if (!cells[2].isEmpty() && !cells[2].endsWith("0000")) {
                        codes.add(cells[0]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
            return codes;
        }
    }
}
