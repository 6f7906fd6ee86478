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
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What every import does besides reading its file ({@link ImportTable}) and checking its rows: queue the
 * uploaded file as a job, hash it, write its template and the error file of its rejected rows. Called once per
 * job, never per row.
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
        return String.join(messages.getMessage("text.semicolon", null, "；", locale), texts);
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

    /**
     * An import table as xlsx: the headers of {@code columns} in the reader's language (each as its import reads it,
     * {@link ImportTable.Header#label}) and the example rows, which the caller gives in that language too.
     */
    static <C extends Enum<C> & ImportTable.Header> byte[] template(String sheetName, Class<C> columns,
            List<List<String>> examples, Locale locale) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            Row header = sheet.createRow(0);
            C[] all = columns.getEnumConstants();
            for (int i = 0; i < all.length; i++) {
                header.createCell(i).setCellValue(all[i].label(locale));
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
    static <C extends Enum<C> & ImportTable.Header> String templateCsv(Class<C> columns, List<List<String>> examples,
            Locale locale) {
        List<String> headers = new ArrayList<>();
        for (C c : columns.getEnumConstants()) {
            headers.add(c.label(locale));
        }
        StringBuilder out = new StringBuilder("\uFEFF").append(ImportTable.Csv.line(headers));
        examples.forEach(row -> out.append(ImportTable.Csv.line(row)));
        return out.toString();
    }

    /** A bounded pool of daemon threads for an import's jobs: {@code threads} at work, {@code waiting} queued, the rest refused. */
    static java.util.concurrent.ThreadPoolExecutor executor(String name, int threads, int waiting) {
        return new java.util.concurrent.ThreadPoolExecutor(threads, threads, 0, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(waiting), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
    }

    /** What runs a queued job: its id, on the executor's thread with the submitter's sign-in. */
    interface JobRun {
        void run(UUID jobId);
    }

    /**
     * Records a job for a saved upload and queues it, answering its id at once. The caller's sign-in goes with the
     * job so that its audit entries name him; the upload is deleted when the job is done. When the executor's queue
     * is full the job fails at once with the message {@code busyKey}.
     */
    static UUID queue(ImportJobs jobs, ImportJobs.Kind kind, Path file, String fileName, boolean dryRun, Caller caller,
            java.util.concurrent.Executor executor, MessageSource messages, String busyKey, Locale locale, JobRun run)
            throws IOException {
        String sha = sha256(file);
        UUID id = UUID.randomUUID();
        jobs.create(id, kind, fileName, sha, dryRun, caller, locale);
        SecurityContext context = SecurityContextHolder.getContext();
        try {
            executor.execute(() -> {
                SecurityContextHolder.setContext(context);
                try {
                    run.run(id);
                } finally {
                    SecurityContextHolder.clearContext();
                    deleteQuietly(file);
                }
            });
        } catch (RejectedExecutionException busy) {
            deleteQuietly(file);
            jobs.finish(id, ImportJobs.Status.FAILED, new ImportJobs.Counts(0, 0, 0, 0, 0, 0),
                    messages.getMessage(busyKey, null, locale), null, null);
        }
        return id;
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
