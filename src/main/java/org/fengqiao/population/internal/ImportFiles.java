package org.fengqiao.population.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.platform.Invalid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;

/**
 * What every import does with files besides reading them ({@link ImportTable}): the uploaded file's SHA-256,
 * its template, and the error file of its rejected rows. Called once per job, never per row.
 */
final class ImportFiles {

    private static final Logger log = LoggerFactory.getLogger(ImportFiles.class);

    private ImportFiles() {
    }

    /** A rejected row: as the file had it, and what is wrong with it. */
    record Rejected(ImportTable.Line line, List<Invalid.Problem> problems) {
    }

    /**
     * The rejected rows as xlsx, in file order: the row number as a spreadsheet shows it, the row's cells under the
     * file's own headers, and every problem in the caller's language, each after the name of its column
     * ({@code label} gives it for a problem's field, null for none). The headers of the row number, the problems
     * and the sheet's name are the messages {@code prefix + ".errors.row"}, {@code ".errors.problems"} and
     * {@code ".errors.sheet"}. Null when no row was rejected.
     */
    static byte[] errorFile(List<String> headers, List<Rejected> rejected, Function<String, String> label,
            MessageSource messages, String prefix, Locale locale) throws IOException {
        if (rejected.isEmpty()) {
            return null;
        }
        List<Rejected> rows = new ArrayList<>(rejected);
        rows.sort(Comparator.comparingLong(r -> r.line().number()));
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(messages.getMessage(prefix + ".errors.sheet", null, locale));
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue(messages.getMessage(prefix + ".errors.row", null, locale));
            for (int i = 0; i < headers.size(); i++) {
                header.createCell(i + 1).setCellValue(headers.get(i));
            }
            header.createCell(headers.size() + 1).setCellValue(messages.getMessage(prefix + ".errors.problems", null, locale));
            int r = 1;
            for (Rejected rejectedRow : rows) {
                Row row = sheet.createRow(r++);
                List<String> cells = rejectedRow.line().cells();
                row.createCell(0).setCellValue(rejectedRow.line().number());
                for (int i = 0; i < headers.size() && i < cells.size(); i++) {
                    if (cells.get(i) != null) {
                        row.createCell(i + 1).setCellValue(cells.get(i));
                    }
                }
                row.createCell(headers.size() + 1).setCellValue(describe(rejectedRow.problems(), label, messages, locale));
            }
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        }
    }

    /** A row's problems in the caller's language, each after its column's name when it has one. */
    static String describe(List<Invalid.Problem> problems, Function<String, String> label, MessageSource messages,
            Locale locale) {
        List<String> texts = new ArrayList<>();
        for (Invalid.Problem p : problems) {
            String column = label.apply(p.field());
            String text = messages.getMessage(p.key(), p.args(), p.key(), locale);
            texts.add(column == null ? text : column + ": " + text);
        }
        return String.join("；", texts);
    }

    /** The label of the column a problem's field names (its English header), null for none. */
    static <C extends Enum<C> & ImportTable.Header> String label(Class<C> columns, String field, Locale locale) {
        for (C c : columns.getEnumConstants()) {
            if (c.english().equals(field)) {
                return c.label(locale);
            }
        }
        return null;
    }

    /** An import table as xlsx: the Chinese headers of {@code columns} and the example rows. */
    static <C extends Enum<C> & ImportTable.Header> byte[] template(String sheetName, Class<C> columns,
            List<List<String>> examples) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            Row header = sheet.createRow(0);
            C[] all = columns.getEnumConstants();
            for (int i = 0; i < all.length; i++) {
                header.createCell(i).setCellValue(all[i].chinese());
                sheet.setColumnWidth(i, 16 * 256);
            }
            for (int r = 0; r < examples.size(); r++) {
                Row example = sheet.createRow(r + 1);
                List<String> cells = examples.get(r);
                for (int i = 0; i < cells.size(); i++) {
                    example.createCell(i).setCellValue(cells.get(i));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** The same table as UTF-8 CSV with a byte-order mark, so a spreadsheet opens it as UTF-8. */
    static <C extends Enum<C> & ImportTable.Header> String templateCsv(Class<C> columns, List<List<String>> examples) {
        List<String> headers = new ArrayList<>();
        for (C c : columns.getEnumConstants()) {
            headers.add(c.chinese());
        }
        StringBuilder out = new StringBuilder("\uFEFF").append(ImportTable.Csv.line(headers));
        examples.forEach(row -> out.append(ImportTable.Csv.line(row)));
        return out.toString();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file's name without its ending; {@code otherwise} without a name. */
    static String baseName(String fileName, String otherwise) {
        String name = fileName == null ? otherwise : fileName;
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the uploaded file {}", file, e);
        }
    }
}
