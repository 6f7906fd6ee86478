package org.fengqiao.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A ledger (台账) as an xlsx sheet, the rows of a list as the list shows them: one header row in the reader's language,
 * then one row per record, written as it is read (SXSSF keeps 200 rows in memory). Numbers are numbers in their cells
 * so they add up in a spreadsheet; moments are written as the pages write them, {@code yyyy-MM-dd HH:mm} in China
 * Standard Time, the zone the figures count days in. A list that matches more than {@link #MAX_ROWS} is refused before
 * anything is written ({@link #checkSize}): a ledger cut short would be handed over as if it were whole.
 */
public final class Ledger implements AutoCloseable {

    /** The most rows one export holds. */
    public static final int MAX_ROWS = 50_000;
    /** How many rows a ledger reads from its list at a time. */
    public static final int PAGE = 1000;

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(PeriodFigures.ZONE);

    private final SXSSFWorkbook book = new SXSSFWorkbook(200);
    private final Sheet sheet;
    private int rows;

    public Ledger(String sheetName, List<String> headers) {
        sheet = book.createSheet(sheetName);
        Row header = sheet.createRow(0);
        for (int i = 0; i < headers.size(); i++) {
            header.createCell(i).setCellValue(headers.get(i));
        }
    }

    /**
     * A ledger whose sheet and headers are the bundle's words in the reader's language: the sheet
     * {@code <prefix>.sheet}, each column {@code <prefix>.col.<column>} (the key itself where the bundle lacks it).
     */
    public static Ledger of(MessageSource messages, String prefix, List<String> columns, Locale locale) {
        return new Ledger(messages.getMessage(prefix + ".sheet", null, prefix + ".sheet", locale),
                columns.stream().map(c -> messages.getMessage(prefix + ".col." + c, null, prefix + ".col." + c, locale))
                        .toList());
    }

    /** A list's first page and how many records the list holds in all. */
    public record Counted<T>(List<T> rows, long total) {
    }

    /**
     * Writes a whole paged list, as a list's ledger reads it: in one {@link #snapshot}, its first page (which tells
     * how many match, refused by {@link #checkSize} when too many), then every next page ({@link #pages}), each
     * record a row.
     *
     * @param first  the list's first page of {@link #PAGE} rows with its total
     * @param pageAt the list's page of {@link #PAGE} rows from an offset, in the list's order
     * @param row    writes one record's row
     */
    public <T> void readAll(PlatformTransactionManager transactions, Supplier<Counted<T>> first,
            IntFunction<List<T>> pageAt, Consumer<T> row) {
        snapshot(transactions, () -> {
            Counted<T> counted = first.get();
            checkSize(counted.total());
            pages(counted.rows(), counted.total(), pageAt, rows -> rows.forEach(row));
        });
    }

    /**
     * Refuses a list too long for one ledger, with how many match and the most it holds, in the reader's language.
     *
     * @throws Invalid when more than {@link #MAX_ROWS} match
     */
    public static void checkSize(long matching) {
        if (matching > MAX_ROWS) {
            throw Invalid.of("rows", "ledger.tooManyRows", matching, MAX_ROWS);
        }
    }

    /**
     * Runs a ledger's reads (the count, the size check and every page with what its rows look up) in one read-only
     * REPEATABLE READ transaction: all of them read the records as they stood at the first, so a record filed, moved
     * or closed by someone else while the ledger is read is neither written twice nor left out (the pages are read by
     * offset), and the size checked is the size written. The transaction ends before the workbook is sent: the rows
     * are in the workbook (on disk past the first 200), so no connection is held while a slow reader downloads it.
     */
    public static void snapshot(PlatformTransactionManager transactions, Runnable reads) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(status -> reads.run());
    }

    /** One record's row; a null value leaves its cell empty. */
    public void row(Object... values) {
        Row row = sheet.createRow(++rows);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else if (v instanceof OffsetDateTime at) {
                row.createCell(i).setCellValue(AT.format(at));
            } else if (v instanceof LocalDate day) {
                row.createCell(i).setCellValue(day.toString());
            } else if (v != null) {
                row.createCell(i).setCellValue(v.toString());
            }
        }
    }

    /**
     * Writes a whole list page by page: the first page read (which told how many match), then each next page of
     * {@link #PAGE} from the offset reached, until all those counted are written or a page comes back short. Called
     * inside {@link #snapshot}, so the pages are those of one list.
     *
     * @param pageAt the list's page of {@link #PAGE} rows from an offset, in the list's order
     * @param rows   writes one page's rows
     */
    public <T> void pages(List<T> first, long total, IntFunction<List<T>> pageAt, Consumer<List<T>> rows) {
        List<T> page = first;
        int read = 0;
        while (true) {
            rows.accept(page);
            read += page.size();
            if (page.size() < PAGE || read >= total) {
                return;
            }
            page = pageAt.apply(read);
        }
    }

    /** How many records were written. */
    public int rows() {
        return rows;
    }

    /**
     * Sends the workbook as a download named {@code fileName}. Written on the request thread, not as an async
     * StreamingResponseBody: the token-authenticated async dispatch would be checked again without a security context.
     */
    public void send(HttpServletResponse response, String fileName) throws IOException {
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
        book.write(response.getOutputStream());
    }

    @Override
    public void close() throws IOException {
        book.dispose();
        book.close();
    }
}
