package org.fengqiao.points.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The ledger and a leaderboard as xlsx, one header row and one row per entry or holder, on a sheet named in the
 * reader's language ({@code points.export.sheet}); a ledger cut at the export's cap ends in a row that says so.
 */
public final class Exports {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(Leaderboards.ZONE);

    private Exports() {
    }

    /**
     * The ledger as a sheet. Its source column says what a person reads: the source's kind in the reader's language,
     * with its name where it has one ({@code sourceNames}, by entry), never the source's internal id.
     */
    public static byte[] ledger(List<Ledger.Entry> entries, String cutNote, Map<Long, String> sourceNames,
            List<String> headers, Function<String, String> label, BiFunction<String, String, String> aside) {
        // a file cut at the export's cap says so in a last row: read alone, it would pass for the whole period
        return sheet(label.apply("points.export.sheet"), headers, entries.size() + (cutNote == null ? 0 : 1), (row, i) -> {
            if (i == entries.size()) {
                row.createCell(0).setCellValue(cutNote);
                return;
            }
            Ledger.Entry e = entries.get(i);
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
        });
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
