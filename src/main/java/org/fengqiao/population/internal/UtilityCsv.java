package org.fengqiao.population.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows of an uploaded utility readings CSV (UTF-8, a byte-order mark skipped, RFC 4180 quoting), one at
 * a time. The first row holds the headers, in Chinese or English, in any order; unknown headers are kept
 * (they go back out in the error file) but not read.
 */
final class UtilityCsv implements Closeable, Iterator<UtilityCsv.Line> {

    /** The columns of a readings file: Chinese header first, English second. */
    enum Column {
        UTILITY("类别", "utility"), MONTH("月份", "month"), GRID_CODE("网格编码", "gridCode"), BUILDING("楼栋", "building"),
        UNIT("单元", "unit"), FLOOR("楼层", "floor"), ROOM("房号", "room"), ADDRESS("地址", "address"),
        METER("表号", "meter"), READING("本期读数", "reading"), CONSUMPTION("用量", "consumption"),
        SUPPLIER("供应单位", "supplier");

        final String chinese;
        final String english;

        Column(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        static Column of(String header) {
            String h = header == null ? "" : header.strip();
            for (Column c : values()) {
                if (c.chinese.equals(h) || c.english.equalsIgnoreCase(h)) {
                    return c;
                }
            }
            return null;
        }

        String label(java.util.Locale locale) {
            return "en".equals(locale.getLanguage()) ? english : chinese;
        }
    }

    /** A data row: its line number as a spreadsheet shows it (the header is 1) and its cells. */
    record Line(long number, List<String> cells) {
    }

    private final BufferedReader reader;
    private final List<String> headers;
    private final Column[] columns;
    private long number = 1;
    private Line next;

    private UtilityCsv(BufferedReader reader, List<String> headers) {
        this.reader = reader;
        this.headers = List.copyOf(headers);
        this.columns = headers.stream().map(Column::of).toArray(Column[]::new);
        advance();
    }

    static UtilityCsv open(Path file) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        String first = reader.readLine();
        if (first != null && first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        List<String> headers = first == null ? List.of() : split(first).stream().map(String::strip).toList();
        return new UtilityCsv(reader, headers);
    }

    List<String> headers() {
        return headers;
    }

    boolean has(Column column) {
        for (Column c : columns) {
            if (c == column) {
                return true;
            }
        }
        return false;
    }

    /** The non-blank cells of a line by column. */
    Map<Column, String> fields(Line line) {
        Map<Column, String> fields = new EnumMap<>(Column.class);
        for (int i = 0; i < line.cells().size() && i < columns.length; i++) {
            String v = line.cells().get(i);
            if (columns[i] != null && v != null && !v.isBlank()) {
                fields.put(columns[i], v.strip());
            }
        }
        return fields;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public Line next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        Line current = next;
        advance();
        return current;
    }

    private void advance() {
        next = null;
        try {
            while (next == null) {
                String line = reader.readLine();
                if (line == null) {
                    return;
                }
                number++;
                // a quoted cell may hold a line break: read on until the quotes balance
                while (openQuote(line)) {
                    String more = reader.readLine();
                    if (more == null) {
                        break;
                    }
                    number++;
                    line = line + "\n" + more;
                }
                List<String> cells = split(line);
                if (cells.stream().anyMatch(c -> !c.isBlank())) {
                    next = new Line(number, cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static boolean openQuote(String line) {
        int quotes = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** One CSV line: cells quoted where they must be; a leading = + - @ is prefixed so a spreadsheet shows text. */
    static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = cells.get(i) == null ? "" : cells.get(i);
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
                v = "'" + v;
            }
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                v = '"' + v.replace("\"", "\"\"") + '"';
            }
            out.append(v);
        }
        return out.append("\r\n").toString();
    }
}
