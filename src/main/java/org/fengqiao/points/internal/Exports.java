package org.fengqiao.points.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The ledger and a leaderboard as xlsx, one header row and one row per entry or holder, on a sheet named in the
 * reader's language ({@code points.export.sheet}); a ledger cut at the export's cap ends in a row that says so. The
 * ledger is streamed ({@link LedgerSheet}); a leaderboard, of at most a thousand holders, is built whole.
 */
public final class Exports {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(Leaderboards.ZONE);

    private Exports() {
    }

    /**
     * The ledger as a sheet written as it is read: rows are added a page at a time and only the last
     * {@link #WINDOW} stay in memory (SXSSF flushes the rest to a compressed temporary file, removed on
     * {@link #close}), so a year of a county's entries neither fills the heap nor is cut short for its size. Its source
     * column says what a person reads: the source's kind in the reader's language, with its name where it has one
     * ({@code sourceNames}, by entry), never the source's internal id.
     */
    public static final class LedgerSheet implements AutoCloseable {

        /** The rows a ledger being written keeps in memory; those before are on disk. */
        public static final int WINDOW = 100;
        /**
         * The most entries one file holds: an xlsx sheet ends at row 1,048,576, which holds the header, these and the
         * last row saying the file is cut.
         */
        public static final int MOST = SpreadsheetVersion.EXCEL2007.getMaxRows() - 2;

        private final SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
        private final Sheet sheet;
        private final Function<String, String> label;
        private final BiFunction<String, String, String> aside;
        private int rows;

        public LedgerSheet(List<String> headers, Function<String, String> label,
                BiFunction<String, String, String> aside) {
            // the flushed rows are XML of a million lines: compressed, they take a tenth of the temporary disk
            book.setCompressTempFiles(true);
            this.label = label;
            this.aside = aside;
            sheet = book.createSheet(label.apply("points.export.sheet"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
        }

        /** One page of entries, each a row after those written. */
        public void add(List<Ledger.Entry> entries, Map<Long, String> sourceNames) {
            for (Ledger.Entry e : entries) {
                Row row = sheet.createRow(++rows);
                row.createCell(0).setCellValue(e.id());
                row.createCell(1).setCellValue(AT.format(e.at()));
                row.createCell(2).setCellValue(e.holderName());
                row.createCell(3).setCellValue(label.apply("points.kind." + e.kind()));
                row.createCell(4).setCellValue(e.points());
                row.createCell(5).setCellValue(e.balanceAfter());
                row.createCell(6).setCellValue(e.rule() == null ? "" : label.apply("points.rule." + e.rule()));
                row.createCell(7).setCellValue(e.gridName() == null ? "" : e.gridName());
                String kind = e.sourceType() == null ? "" : label.apply("points.sourceType." + e.sourceType());
                String name = sourceNames.get(e.id());
                row.createCell(8).setCellValue(name == null ? kind : aside.apply(kind, name));
                row.createCell(9).setCellValue(e.approvedByName() == null ? "" : e.approvedByName());
                row.createCell(10).setCellValue(e.note() == null ? "" : e.note());
            }
        }

        /**
         * The last row of a file cut at the export's cap, saying so: read alone, it would pass for the whole period.
         */
        public void cut(String note) {
            sheet.createRow(rows + 1).createCell(0).setCellValue(note);
        }

        /** How many entries were written. */
        public int rows() {
            return rows;
        }

        /** The rows in memory, at most {@link #WINDOW}: the others are on disk. */
        int rowsInMemory() {
            return ((SXSSFSheet) sheet).getLastRowNum() - ((SXSSFSheet) sheet).getLastFlushedRowNum();
        }

        public void write(OutputStream out) throws IOException {
            book.write(out);
        }

        @Override
        public void close() throws IOException {
            book.dispose();
            book.close();
        }
    }

    public static byte[] leaderboard(List<Leaderboards.Row> rows, List<String> headers, Function<String, String> label) {
        return sheet(label.apply("points.export.sheet"), headers, rows.size(), (row, i) -> {
            Leaderboards.Row r = rows.get(i);
            row.createCell(0).setCellValue(r.rank());
            row.createCell(1).setCellValue(r.holderName());
            row.createCell(2).setCellValue(label.apply("points.role." + r.role()));
            row.createCell(3).setCellValue(r.unitName());
            row.createCell(4).setCellValue(r.points());
            row.createCell(5).setCellValue(r.awards());
        });
    }

    private interface RowWriter {
        void write(Row row, int index);
    }

    private static byte[] sheet(String name, List<String> headers, int rows, RowWriter writer) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(name);
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int i = 0; i < rows; i++) {
                writer.write(sheet.createRow(i + 1), i);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
