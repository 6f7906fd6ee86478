package org.fengqiao.points.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The points ledger export is written as it is read: a county's year of entries is not held in memory at once (the
 * export was capped at a hundred thousand entries because its sheet was), only the last rows of a window are, the
 * others go to a temporary file on disk, and that file is gone once the export is sent.
 */
class LedgerSheetTests {

    @TempDir
    Path poiFiles;

    @BeforeEach
    void ownTemporaryFiles() {
        // POI's temporary files in a directory of this test's own, to see them come and go
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(poiFiles.toFile()));
    }

    @AfterEach
    void sharedTemporaryFiles() {
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
    }

    @Test
    void aLedgerOfThousandsOfEntriesKeepsOnlyItsWindowInMemoryAndLeavesNoTemporaryFileBehind() throws Exception {
        int entries = 3500;
        byte[] file;
        int mostInMemory = 0;
        try (Exports.LedgerSheet sheet = new Exports.LedgerSheet(List.of("序号", "时间", "积分人"), k -> "〔" + k + "〕",
                (kind, name) -> kind + "（" + name + "）")) {
            for (int from = 1; from <= entries; from += 500) {
                List<Ledger.Entry> page = new ArrayList<>();
                for (int id = from; id < from + 500; id++) {
                    page.add(entry(id));
                }
                sheet.add(page, Map.of(7L, "调解案"));
                mostInMemory = Math.max(mostInMemory, sheet.rowsInMemory());
            }
            assertThat(sheet.rows()).isEqualTo(entries);
            assertThat(mostInMemory).as("rows held in memory while written").isLessThanOrEqualTo(
                    Exports.LedgerSheet.WINDOW);
            assertThat(files()).as("the rows before the window are on disk").isNotEmpty();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sheet.write(out);
            file = out.toByteArray();
        }
        assertThat(files()).as("the temporary file removed once sent").isEmpty();

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertThat(book.getSheetName(0)).isEqualTo("〔points.export.sheet〕");
            assertThat(sheet.getLastRowNum()).as("the header and every entry").isEqualTo(entries);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("积分人");
            assertThat(sheet.getRow(1).getCell(0).getNumericCellValue()).as("the first, flushed long ago").isEqualTo(1);
            assertThat(sheet.getRow(7).getCell(8).getStringCellValue()).isEqualTo("〔points.sourceType.dispute〕（调解案）");
            assertThat(sheet.getRow(entries).getCell(0).getNumericCellValue()).isEqualTo(entries);
            assertThat(sheet.getRow(entries).getCell(2).getStringCellValue()).isEqualTo("积分人" + entries);
            assertThat(sheet.getRow(entries).getCell(3).getStringCellValue()).isEqualTo("〔points.kind.AWARD〕");
        }
    }

    @Test
    void aLedgerCutAtItsCapEndsInARowSayingSo() throws Exception {
        byte[] file;
        try (Exports.LedgerSheet sheet = new Exports.LedgerSheet(List.of("序号"), k -> k, (kind, name) -> kind)) {
            sheet.add(List.of(entry(1), entry(2)), Map.of());
            sheet.cut("已达导出上限 2 条");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sheet.write(out);
            file = out.toByteArray();
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(3);
            assertThat(book.getSheetAt(0).getRow(3).getCell(0).getStringCellValue()).isEqualTo("已达导出上限 2 条");
        }
        assertThat(Exports.LedgerSheet.MOST).as("a sheet's rows, less the header and the note").isEqualTo(1_048_574);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> all = Files.walk(poiFiles)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    private static Ledger.Entry entry(long id) {
        return new Ledger.Entry(id, UUID.randomUUID(), "积分人" + id, "AWARD", 5, (int) id * 5, null,
                id == 7 ? "dispute" : "manual", "s" + id, null, "网格", null, null, false, "所长", "备注",
                Instant.parse("2026-03-01T02:00:00Z").plusSeconds(id), "/1/");
    }
}
