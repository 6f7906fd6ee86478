package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An officer imports a small spreadsheet of persons on the import page, watches it finish and finds them. */
class ImportPageBrowserTests extends BrowserTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired
    JdbcClient jdbc;

    long stored(String name, String idNumber) {
        return jdbc.sql("SELECT count(*) FROM person WHERE name = ? AND id_masked = ?")
                .params(name, idNumber.substring(0, 6) + "********" + idNumber.substring(14)).query(Long.class).single();
    }

    void upload(String fileName, byte[] content, boolean dryRun) {
        page.navigate(url("/imports"));
        page.setInputFiles("#import-file", new FilePayload(fileName, XLSX, content));
        page.check(dryRun ? "#mode-dry-run" : "#mode-import");
        page.click("#import-submit");
    }

    @Test
    void officerImportsAnXlsxWatchesTheProgressBarFinishAndFindsAPersonByPinyinInitials() throws Exception {
        // surnames with their own readings (乜 nie, 眭 sui, 厍 she) and given names the demo district does not use
        String nie = TestIdentityNumbers.next(Sex.MALE);
        String sui = TestIdentityNumbers.next(Sex.FEMALE);
        String she = TestIdentityNumbers.next(Sex.MALE);
        String household = "IMPB-" + UUID.randomUUID().toString().substring(0, 8);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"乜霁川", nie, "男", "13900000011", "FS-1-01", household, "户主", "常住", "东海县浏览器村 " + household});
        rows.add(new String[] {"眭檀音", sui, "女", "13900000012", "FS-1-01", household, "配偶", "常住", "东海县浏览器村 " + household});
        rows.add(new String[] {"厍岫筠", she, "男", "", "FS-1-02", "", "", "常住", ""});

        login("officer");
        page.navigate(url("/"));
        navigateByMenu("/imports");
        page.waitForURL("**/imports");
        upload("新居民.xlsx", ImportIntegrationTests.xlsx(rows), false);

        Locator bar = page.locator("#job-progress");
        assertThat(page.locator("#import-job")).isVisible();
        assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE");
        assertThat(page.locator("#job-status")).hasText("已完成");
        assertThat(bar).hasJSProperty("value", 100);
        assertThat(page.locator("#job-percent")).hasText("100%");
        assertThat(page.locator("#job-processed")).hasText("已处理 3 / 3 行");
        assertThat(page.locator("#job-created")).hasText("3");
        assertThat(page.locator("#job-failed")).hasText("0");
        assertThat(page.locator("#job-errors")).isHidden();
        assertThat(page.locator("#job-dry-run")).isHidden();
        // the finished job heads the list of recent imports
        Locator first = page.locator("#job-list tr").first();
        assertThat(first.locator(".file")).hasText("新居民.xlsx");
        assertThat(first.locator(".status")).hasText("已完成");
        // by the officer's name, not his username, both in the row the page added and in the list it renders
        String officerName = jdbc.sql("SELECT name FROM staff WHERE username = 'officer'").query(String.class).single();
        assertThat(first.locator(".by")).hasText(officerName);
        String jobId = first.getAttribute("data-job-id");
        page.reload();
        assertThat(page.locator("#job-list tr[data-job-id='" + jobId + "'] td.by")).hasText(officerName);
        assertThat(stored("乜霁川", nie) + stored("眭檀音", sui) + stored("厍岫筠", she)).isEqualTo(3);

        navigateByMenu("/persons");
        page.fill("#person-q", "njc");
        page.press("#person-q", "Enter");
        page.waitForURL("**/persons?q=njc**");
        assertThat(page.locator("a.person-name", new com.microsoft.playwright.Page.LocatorOptions().setHasText("乜霁川")))
                .isVisible();
        page.fill("#person-q", "sty");
        page.press("#person-q", "Enter");
        assertThat(page.locator("a.person-name", new com.microsoft.playwright.Page.LocatorOptions().setHasText("眭檀音")))
                .isVisible();
    }

    @Test
    void aBadRowShowsInTheRejectedCountAndItsErrorFileNamesItOnAPhone() throws Exception {
        page.setViewportSize(390, 844);
        String good = TestIdentityNumbers.next(Sex.FEMALE);
        String other = TestIdentityNumbers.next(Sex.MALE);
        String bad = TestIdentityNumbers.next(Sex.MALE);
        String badNumber = bad.substring(0, 17) + (bad.charAt(17) == '1' ? '2' : '1');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"阚若汐", good, "女", "", "FS-1-01", "", "", "常住", ""});
        rows.add(new String[] {"褚砚舟", badNumber, "男", "", "FS-1-01", "", "", "常住", ""});
        rows.add(new String[] {"阚砚秋", other, "男", "", "FS-1-01", "", "", "常住", ""});

        login("officer");
        upload("有错行.xlsx", ImportIntegrationTests.xlsx(rows), false);
        assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE");
        assertThat(page.locator("#job-failed")).hasText("1");
        assertThat(page.locator("#job-created")).hasText("2");
        Locator link = page.locator("#job-errors");
        assertThat(link).isVisible();
        // the page's own address, which goes with the session, not the API's
        org.assertj.core.api.Assertions.assertThat(link.getAttribute("href")).startsWith("/imports/")
                .endsWith("/errors.xlsx");
        // the page fits a phone's width: nothing to scroll sideways
        assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);

        Download download = page.waitForDownload(link::click);
        assertThat(download.suggestedFilename()).isEqualTo("有错行-错误行.xlsx");
        try (InputStream in = Files.newInputStream(download.path()); Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            Row rejected = sheet.getRow(1);
            assertThat((long) rejected.getCell(0).getNumericCellValue()).isEqualTo(3);
            assertThat(rejected.getCell(1).getStringCellValue()).isEqualTo("褚砚舟");
            assertThat(rejected.getCell(ImportIntegrationTests.HEADERS.length + 1).getStringCellValue())
                    .contains("身份证号").contains("校验码");
        }
        assertThat(stored("阚若汐", good) + stored("阚砚秋", other)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = '褚砚舟'").query(Long.class).single()).isZero();

        // a dry run of the same file: everything is now known, nothing is written, the rejected row is again rejected
        upload("有错行.xlsx", ImportIntegrationTests.xlsx(rows), true);
        assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE");
        assertThat(page.locator("#job-dry-run")).isVisible();
        assertThat(page.locator("#job-unchanged")).hasText("2");
        assertThat(page.locator("#job-failed")).hasText("1");
        assertThat(page.locator("#job-list tr").first().locator(".errors")).isVisible();
    }

    /**
     * On a phone each way of importing is one thumb-sized choice (the label 44 px tall, the radio drawn about 22 px,
     * not the browser's 13 px), and the progress line counts in the page's language from the bundles: "1 of 1 row
     * processed" in English, not "1 of 1 rows".
     */
    @Test
    void onAPhoneTheChoicesAreThumbSizedAndTheProgressOfOneRowReadsInTheSingular() throws Exception {
        page.setViewportSize(390, 844);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"郦映雪", TestIdentityNumbers.next(Sex.FEMALE), "女", "", "FS-1-01", "", "", "常住", ""});
        login("officer");
        page.navigate(url("/imports?lang=en"));
        for (String radio : List.of("#mode-dry-run", "#mode-import")) {
            var box = page.locator(radio).boundingBox();
            assertThat(box.width).as(radio).isBetween(20.0, 24.0);
            assertThat(box.height).as(radio).isBetween(20.0, 24.0);
            var label = page.locator("label:has(" + radio + ")").boundingBox();
            assertThat(label.height).as(radio + "'s label").isGreaterThanOrEqualTo(44);
        }
        // a tap on the words chooses, as on the radio itself
        page.locator("label:has(#mode-import) span").click();
        assertThat(page.locator("#mode-import")).isChecked();

        page.setInputFiles("#import-file", new FilePayload("one.xlsx", XLSX, ImportIntegrationTests.xlsx(rows)));
        page.check("#mode-dry-run");
        page.click("#import-submit");
        assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE");
        assertThat(page.locator("#job-processed")).hasText("1 of 1 row processed");

        // in Chinese the same line, from the Chinese bundle
        page.navigate(url("/imports?lang=zh-CN"));
        page.setInputFiles("#import-file", new FilePayload("one.xlsx", XLSX, ImportIntegrationTests.xlsx(rows)));
        page.check("#mode-dry-run");
        page.click("#import-submit");
        assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE");
        assertThat(page.locator("#job-processed")).hasText("已处理 1 / 1 行");
    }
}
