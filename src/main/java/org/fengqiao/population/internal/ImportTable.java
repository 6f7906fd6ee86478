package org.fengqiao.population.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.fengqiao.platform.Invalid;

/**
 * The rows of an uploaded table, one at a time: a CSV is streamed line by line (a million rows never sit in
 * memory), an xlsx is opened with POI (spreadsheets people upload by hand are small; the million-row path is CSV).
 * The first row holds the headers, in Chinese or English, of the columns {@code C} an import knows; unknown
 * headers are kept (they go back out in the error file) but not read. Cells are read as text, dates as ISO text.
 * Person and utility reading imports both read their files here.
 */
public final class ImportTable<C extends Enum<C> & ImportTable.Header> implements Closeable, Iterator<ImportTable.Line> {

    /**
     * A column an import knows, by its Chinese header and its English name (either may head it in a file,
     * in any order; the English name is matched without regard to case). Each import has its own enum of them.
     */
    public interface Header {
        String chinese();

        String english();

        /** The column's name as the user reads it in his language. */
        default String label(Locale locale) {
            return "en".equals(locale.getLanguage()) ? english() : chinese();
        }
    }

    /** One data row: its row number as a spreadsheet shows it (the header is row 1) and its cells as text. */
    public record Line(long number, List<String> cells) {
    }

    private final Class<C> type;
    private final List<String> headers;
    private final C[] columns;
    private final BufferedReader csv;
    private final Workbook workbook;
    private final Iterator<Row> rows;
    private final DataFormatter formatter = new DataFormatter(Locale.ROOT);
    private final long expectedRows;
    private long number = 1;
    private Line next;

    @SuppressWarnings("unchecked")
    private ImportTable(Class<C> type, List<String> headers, BufferedReader csv, Workbook workbook, Iterator<Row> rows,
            long expectedRows) {
        this.type = type;
        this.expectedRows = expectedRows;
        this.headers = List.copyOf(headers);
        this.columns = (C[]) java.lang.reflect.Array.newInstance(type, headers.size());
        for (int i = 0; i < columns.length; i++) {
            columns[i] = column(type, headers.get(i));
        }
        this.csv = csv;
        this.workbook = workbook;
        this.rows = rows;
        advance();
    }

    /** The column a header names, null for one the import does not know. */
    static <C extends Enum<C> & Header> C column(Class<C> type, String header) {
        String h = header == null ? "" : header.strip();
        for (C c : type.getEnumConstants()) {
            if (c.chinese().equals(h) || c.english().equalsIgnoreCase(h)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Opens a file by its name's ending: .xlsx, anything else is read as CSV (a byte-order mark is skipped); its
     * headers are read as the columns of {@code type}. A CSV is UTF-8 when all its bytes are; otherwise it is read as
     * GB 18030, which holds GBK and GB 2312: what Excel and WPS on a Chinese Windows write when a sheet is saved as
     * CSV, and what suppliers' systems export. Read as UTF-8, such a file's Chinese headers were not found and its
     * Chinese cells were saved as replacement characters.
     */
    public static <C extends Enum<C> & Header> ImportTable<C> open(Path file, String fileName, Class<C> type)
            throws IOException {
        if (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            Workbook workbook = WorkbookFactory.create(file.toFile(), null, true);
            Sheet sheet = workbook.getSheetAt(0);
            Iterator<Row> rows = sheet.iterator();
            List<String> headers = new ArrayList<>();
            if (rows.hasNext()) {
                Row header = rows.next();
                DataFormatter f = new DataFormatter(Locale.ROOT);
                for (int i = 0; i < header.getLastCellNum(); i++) {
                    headers.add(f.formatCellValue(header.getCell(i)).strip());
                }
            }
            return new ImportTable<>(type, headers, null, workbook, rows, Math.max(0, sheet.getLastRowNum()));
        }
        Scan scan = scan(file);
        InputStream in = Files.newInputStream(file);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, scan.charset()), 1 << 16);
        String first = reader.readLine();
        if (first != null && first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        List<String> headers = first == null ? List.of() : Csv.split(first).stream().map(String::strip).toList();
        return new ImportTable<>(type, headers, reader, null, null, Math.max(0, scan.lines() - 1));
    }

    /** A CSV's lines and the character set its bytes are read in. */
    record Scan(long lines, Charset charset) {
    }

    static final Charset GB18030 = Charset.forName("GB18030");

    /**
     * Line breaks in a file, plus one for a last line without its own, and whether its bytes are well-formed UTF-8
     * (else it is GB 18030): one pass over the bytes, no decoding. The UTF-8 check is of the byte patterns only
     * (a lead byte and its continuation bytes), which is what tells the two apart: GBK's two-byte characters and
     * UTF-8's three-byte ones rarely line up for more than a character or two.
     */
    static Scan scan(Path file) throws IOException {
        long count = 0;
        byte last = '\n';
        boolean utf8 = true;
        int pending = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        count++;
                    }
                    if (b >= 0) {
                        utf8 &= pending == 0;
                        pending = 0;
                    } else if (utf8) {
                        if (pending > 0) {
                            utf8 = (b & 0xC0) == 0x80;
                            pending--;
                        } else {
                            pending = (b & 0xE0) == 0xC0 && (b & 0xFF) >= 0xC2 ? 1
                                    : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 && (b & 0xFF) <= 0xF4 ? 3 : -1;
                            utf8 = pending > 0;
                        }
                    }
                }
                if (n > 0) {
                    last = buffer[n - 1];
                }
            }
        }
        return new Scan(last == '\n' ? count : count + 1, utf8 && pending == 0 ? StandardCharsets.UTF_8 : GB18030);
    }

    /**
     * How many data rows the file appears to hold, known before reading them, so a progress bar has its
     * end from the start: the sheet's last row number, or the CSV's lines less the header (a quoted cell
     * holding a line break makes it a little high). Blank rows count here but are skipped when read.
     */
    public long expectedRows() {
        return expectedRows;
    }

    public List<String> headers() {
        return headers;
    }

    /**
     * The headers as a reader of {@code locale} names them: a column the import knows by its name in his language
     * ({@link Header#label}), whichever language the file wrote it in; any other header as the file wrote it.
     */
    public List<String> headers(java.util.Locale locale) {
        List<String> named = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            named.add(columns[i] == null ? headers.get(i) : columns[i].label(locale));
        }
        return named;
    }

    /** The column of each header position, null where the header is not one an import knows. */
    public C column(int index) {
        return index < columns.length ? columns[index] : null;
    }

    /** The position of a column's header, -1 when the file has none. */
    public int indexOf(C column) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == column) {
                return i;
            }
        }
        return -1;
    }

    /** The line {@link #next()} will return, without taking it; null at the end. */
    public Line peek() {
        return next;
    }

    public boolean has(C column) {
        for (C c : columns) {
            if (c == column) {
                return true;
            }
        }
        return false;
    }

    /**
     * The problems of a line's cells holding a NUL character (a damaged file): PostgreSQL's text cannot store one, so
     * such a row is refused with its reason, as any bad cell is, instead of failing the whole job when written.
     */
    public static <C extends Enum<C> & Header> List<Invalid.Problem> nulCells(Map<C, String> fields) {
        List<Invalid.Problem> problems = new ArrayList<>();
        fields.forEach((column, value) -> {
            if (value.indexOf('\u0000') >= 0) {
                problems.add(new Invalid.Problem(column.english(), "error.field.nul", new Object[0]));
            }
        });
        return problems;
    }

    /** A line's cells by column. */
    public Map<C, String> fields(Line line) {
        Map<C, String> fields = new java.util.EnumMap<>(type);
        for (int i = 0; i < line.cells().size() && i < columns.length; i++) {
            String value = line.cells().get(i);
            if (columns[i] != null && value != null && !value.isBlank()) {
                fields.put(columns[i], value.strip());
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
        Line current = next;
        advance();
        return current;
    }

    private void advance() {
        next = null;
        try {
            while (next == null) {
                List<String> cells = csv != null ? csvLine() : sheetLine();
                if (cells == null) {
                    return;
                }
                number++;
                if (cells.stream().anyMatch(c -> c != null && !c.isBlank())) {
                    next = new Line(number, cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> csvLine() throws IOException {
        String line = csv.readLine();
        if (line == null) {
            return null;
        }
        // a quoted cell may hold a line break: read on until the quotes balance
        while (Csv.openQuote(line)) {
            String more = csv.readLine();
            if (more == null) {
                break;
            }
            line = line + "\n" + more;
        }
        return Csv.split(line);
    }

    private List<String> sheetLine() {
        if (!rows.hasNext()) {
            return null;
        }
        Row row = rows.next();
        // blank rows are skipped by POI's iterator; keep the spreadsheet's own row numbers
        number = row.getRowNum();
        List<String> cells = new ArrayList<>(headers.size());
        for (int i = 0; i < Math.max(headers.size(), row.getLastCellNum()); i++) {
            cells.add(text(row.getCell(i)));
        }
        return cells;
    }

    private String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return LocalDate.ofInstant(cell.getDateCellValue().toInstant(), ZoneId.systemDefault()).toString();
        }
        return formatter.formatCellValue(cell);
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        }
        if (workbook != null) {
            workbook.close();
        }
    }

    /** RFC 4180 cells: commas separate, double quotes enclose, a doubled quote is a quote. */
    static final class Csv {
        private Csv() {
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
            List<String> cells = new ArrayList<>(16);
            if (line.indexOf('"') < 0) {
                int start = 0;
                for (int i = 0; i <= line.length(); i++) {
                    if (i == line.length() || line.charAt(i) == ',') {
                        cells.add(line.substring(start, i));
                        start = i + 1;
                    }
                }
                return cells;
            }
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
}
