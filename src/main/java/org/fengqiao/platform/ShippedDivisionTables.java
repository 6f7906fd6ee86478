package org.fengqiao.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The division tables shipped under {@code src/main/resources/divisions} (gzipped CSV, a header line, then code,
 * name, parent code per row), read row by row: by the start's check of FENGQIAO_INIT_DIVISION here
 * ({@link ShippedCounties}) and by the population module's names (Divisions), one reader for both.
 */
public final class ShippedDivisionTables {

    private ShippedDivisionTables() {
    }

    /** Hands each row's cells (code, name, parent code, the last empty for a province) to {@code row}. */
    public static void read(String file, Consumer<String[]> row) {
        String path = "/divisions/" + file;
        try (InputStream in = ShippedDivisionTables.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path);
            }
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                row.accept(line.split(",", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }
}
