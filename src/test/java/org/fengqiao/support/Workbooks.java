package org.fengqiao.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;

/** An exported xlsx read back as a person reads it: the rows of its first sheet, each cell as shown. */
public final class Workbooks {

    private Workbooks() {
    }

    /** The workbook a download answered, which must be one. */
    public static List<List<String>> rows(HttpResponse<byte[]> download) {
        assertThat(download.statusCode()).as(download.uri().toString()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        return rows(download.body());
    }

    /** Every row of the first sheet as wide as its header, each cell as the spreadsheet shows it ("" when empty). */
    public static List<List<String>> rows(byte[] xlsx) {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter format = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            int width = sheet.getRow(0).getLastCellNum();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    cells.add(row.getCell(c) == null ? "" : format.formatCellValue(row.getCell(c)));
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * Every row of the first sheet, each cell as shown ("" when empty), handed over one at a time as the file is read
     * (POI's streaming reader): a file of every person in a county opens in the memory of a row, not of the workbook.
     */
    public static void eachRow(byte[] xlsx, java.util.function.Consumer<List<String>> rows) {
        try (org.apache.poi.openxml4j.opc.OPCPackage pkg = org.apache.poi.openxml4j.opc.OPCPackage.open(
                new ByteArrayInputStream(xlsx))) {
            org.apache.poi.xssf.eventusermodel.XSSFReader reader = new org.apache.poi.xssf.eventusermodel.XSSFReader(pkg);
            var strings = new org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable(pkg);
            var cells = new org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler() {
                List<String> row;

                @Override
                public void startRow(int n) {
                    row = new ArrayList<>();
                }

                @Override
                public void endRow(int n) {
                    rows.accept(row);
                }

                @Override
                public void cell(String reference, String value, org.apache.poi.xssf.usermodel.XSSFComment comment) {
                    int column = new org.apache.poi.ss.util.CellReference(reference).getCol();
                    while (row.size() < column) {
                        row.add("");
                    }
                    row.add(value == null ? "" : value);
                }
            };
            org.xml.sax.XMLReader parser = org.apache.poi.util.XMLHelper.newXMLReader();
            parser.setContentHandler(new org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler(reader.getStylesTable(),
                    strings, cells, new DataFormatter(), false));
            try (java.io.InputStream sheet = reader.getSheetsData().next()) {
                parser.parse(new org.xml.sax.InputSource(sheet));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("not a workbook: " + e, e);
        }
    }

    /** The first cells of the rows under the header, in order. */
    public static List<String> firstColumn(List<List<String>> rows) {
        return rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList();
    }

    /** The row whose first cell is given. */
    public static List<String> row(List<List<String>> rows, String first) {
        return rows.stream().filter(r -> r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in " + rows));
    }

    /**
     * A ledger of 50,001 matching rows (one past the most) asked for: refused with 400 and the reason in Chinese, and
     * in English for a reader of English, as a problem and not a download (nothing was written).
     */
    public static void refusedAsTooLong(ApiClient api, String path, String token) {
        HttpResponse<String> zh = api.get(path, token);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(zh.headers().firstValue("Content-Disposition")).as("nothing written").isEmpty();
        assertThat(zh.body()).contains("50,001 条").contains("50,000 条").contains("缩小筛选范围");
        HttpResponse<String> en = api.get(path, token, "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("50,001 records match").contains("narrow the filters");
    }
}
