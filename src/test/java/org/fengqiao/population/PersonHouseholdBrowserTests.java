package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On a phone: a person's page fits the screen however long the address, links to the person's household, whose
 * page links each member back; the full-number file asks again for a reason of spaces instead of opening the
 * masked one; the persons list exports what its filters show.
 */
class PersonHouseholdBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    record Family(UUID household, String number, UUID head, UUID child, String place) {
    }

    /** A household at a long address in the officer's grid FS-1-01, with a head and a child. */
    Family family() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String place = "江苏省连云港市东海县石榴街道幸福路社区幸福花园小区东区12幢2单元1502室（东海县人民医院南门停车场入口对面）" + tag;
        UUID address = UUID.randomUUID();
        jdbc.sql("INSERT INTO address (id, grid_id, full_text) VALUES (?, ?, ?)").params(address, grid, place).update();
        UUID household = UUID.randomUUID();
        String number = "BR-" + tag;
        jdbc.sql("INSERT INTO household (id, grid_id, address_id, number) VALUES (?, ?, ?, ?)")
                .params(household, grid, address, number).update();
        UUID head = fx.person(grid, household, "欧阳" + "浩然", "HEAD", null, null);
        UUID child = fx.person(grid, household, "欧阳" + "小雨", "CHILD", "LEFT_BEHIND_CHILD", null);
        return new Family(household, number, head, child, tag);
    }

    @Test
    void thePersonPageFitsAPhoneAndPersonAndHouseholdLinkToEachOther() {
        Family f = family();
        login("officer");
        page.navigate(url("/persons/" + f.head()));
        assertThat(page.locator("table.facts")).containsText(f.place());
        assertThat(fitsTheScreen()).as("no sideways scrolling at 390 px").isTrue();
        int scrollWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
        assertThat(scrollWidth).isLessThanOrEqualTo(390);

        assertThat(page.locator("#household-link")).hasText(f.number());
        page.click("#household-link");
        page.waitForURL(u -> u.endsWith("/households/" + f.household()));
        assertThat(page.locator("#visit-findings")).hasAttribute("required", "");
        page.locator("table.members a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("欧阳小雨")).click();
        page.waitForURL(u -> u.endsWith("/persons/" + f.child()));
        assertThat(page.locator("#person-name")).hasText("欧阳小雨");
        assertThat(fitsTheScreen()).isTrue();
    }

    @Test
    void aReasonOfSpacesIsRefusedOnThePageInsteadOfOpeningTheMaskedFile() {
        Family f = family();
        AtomicInteger popups = new AtomicInteger();
        context.onPage(p -> popups.incrementAndGet());
        login("officer");
        page.navigate(url("/persons/" + f.head()));
        page.fill("#file-reveal input[name=reason]", "    ");
        page.click("#file-reveal button[type=submit]");
        assertThat(page.locator("#file-reveal .form-status")).hasText("请说明查看完整信息的理由（至少 4 个字）");

        page.navigate(url("/households/" + f.household()));
        page.fill("#register-reveal input[name=reason]", "    ");
        page.click("#register-reveal button[type=submit]");
        assertThat(page.locator("#register-reveal .form-status")).hasText("请说明查看完整信息的理由（至少 4 个字）");
        page.waitForTimeout(300);
        assertThat(popups.get()).as("no file opened").isZero();
    }

    /**
     * 导出（含完整号码） with a reason opens the file in a new tab by posting the form there: the tab's address is the
     * file's, without the reason, which stays out of the browser's history.
     */
    @Test
    void aReasonForFullNumbersOpensTheFileInANewTabWithoutTheReasonInItsAddress() {
        Family f = family();
        login("officer");
        page.navigate(url("/persons/" + f.head()));
        page.fill("#file-reveal input[name=reason]", "核对户籍信息");
        List<com.microsoft.playwright.Response> files = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.onResponse(r -> {
            if (r.url().contains("/file.pdf")) {
                files.add(r);
            }
        });
        com.microsoft.playwright.Page tab = context.waitForPage(() -> page.click("#file-reveal button[type=submit]"));
        tab.waitForURL(u -> u.contains("/file.pdf"));
        assertThat(tab.url()).endsWith("/persons/" + f.head() + "/file.pdf").doesNotContain("/api/").doesNotContain("reason");
        assertThat(files).as("the tab got the file, not an error").anySatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headerValue("content-type")).isEqualTo("application/pdf");
        });
        assertThat(page.url()).as("the person's page stays where it was").endsWith("/persons/" + f.head());
    }

    @Test
    void thePersonsListExportsWhatItsFiltersShow() throws Exception {
        Family f = family();
        login("officer");
        page.navigate(url("/persons?address=" + f.place()));
        assertThat(page.locator("#person-count")).hasText("共 2 人");
        String href = page.locator("#export-xlsx").getAttribute("href");
        assertThat(href).contains("export.xlsx").contains("address=" + f.place());
        assertThat(page.locator("#export-xlsx")).hasText("导出 xlsx");

        APIResponse file = page.request().get(url(href));
        assertThat(file.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                names.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
        }
        assertThat(names).containsExactlyInAnyOrder("欧阳浩然", "欧阳小雨");
    }
}
