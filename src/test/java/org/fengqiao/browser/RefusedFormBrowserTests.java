package org.fengqiao.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A form the server refuses comes back as it was typed, with the reason above it, and nothing is saved: the person
 * corrects the one thing wrong instead of typing the whole form again.
 */
class RefusedFormBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aWeeklyScreeningRefusedComesBackWithEverythingTypedAndNothingSaved() {
        login("officer");
        page.navigate(url("/mediation/screenings"));
        String grid = page.locator("#screening-grid option").nth(1).getAttribute("value");
        String findings = "走访沿街商户十二家，发现两起邻里纠纷苗头" + UUID.randomUUID().toString().substring(0, 6);
        page.selectOption("#screening-grid", grid);
        page.fill("#participants", "李建国、陈红梅、村调解员王大姐");
        page.fill("#findings", findings);
        page.selectOption("#found-kind-1", "NEIGHBOURS");
        page.fill("#found-summary-1", "三组张家与李家因排水沟堵塞争执");
        page.fill("#found-summary-2", "五组土地边界有争议"); // no kind chosen: the server refuses the screening
        page.click("#submit-screening");

        assertThat(page.locator("ul.problems")).containsText("发现的纠纷须同时填写类型和情况");
        assertThat(page.locator("#screening-grid")).hasValue(grid);
        assertThat(page.locator("#participants")).hasValue("李建国、陈红梅、村调解员王大姐");
        assertThat(page.locator("#findings")).hasValue(findings);
        assertThat(page.locator("#found-kind-1")).hasValue("NEIGHBOURS");
        assertThat(page.locator("#found-summary-1")).hasValue("三组张家与李家因排水沟堵塞争执");
        assertThat(page.locator("#found-kind-2")).hasValue("");
        assertThat(page.locator("#found-summary-2")).hasValue("五组土地边界有争议");
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_screening WHERE findings = ?").param(findings)
                .query(Long.class).single()).as("nothing saved").isZero();
    }
}
