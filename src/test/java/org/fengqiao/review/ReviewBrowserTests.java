package org.fengqiao.review;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import java.util.List;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 群众评议 on a phone: a resident scans 吴场村's officer card (its public link), answers the five questions and sends
 * the review; the station chief opens the review results from the menu and finds it counted for 房山中心警务室.
 */
class ReviewBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    long officesReviewsThisMonth() {
        return jdbc.sql("""
                SELECT count(*) FROM review r JOIN unit u ON u.id = r.unit_id
                WHERE u.code = '320722010100' AND r.month = date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')""")
                .query(Long.class).single();
    }

    @Test
    void aResidentReviewsHisVillageOfficerFromTheCardsLinkAndTheChiefSeesItCounted() {
        String code = jdbc.sql("""
                SELECT c.code FROM review_card c
                JOIN community m ON m.id = c.community_id AND m.officer_id = c.officer_id
                WHERE m.name = '吴场村'""").query(String.class).single();
        long before = officesReviewsThisMonth();

        page.navigate(url("/review/" + code));
        assertThat(page.locator("h1")).hasText("群众评议");
        assertThat(page.locator("#community-name")).hasText("吴场村");
        assertThat(page.locator("#unit-name")).hasText("房山中心警务室");
        page.click("#knows-true");
        page.click("#seen-true");
        page.click("#matter-HANDLED");
        page.click("#score-5");
        page.fill("#comment", "上个月邻居纠纷，李警官当天就来调解了");
        assertThat(fitsTheScreen()).as("the review page fits a phone's width").isTrue();
        page.click("#submit-review");
        assertThat(page.locator("#review-thanks")).containsText("谢谢您的评议");
        assertThat(page.locator("#review-form")).hasCount(0);
        assertThat(officesReviewsThisMonth()).isEqualTo(before + 1);

        login("chief");
        navigateByMenu("/reviews");
        Locator office = page.locator("#results-units tr").filter(new Locator.FilterOptions().setHasText("房山中心警务室"));
        assertThat(office.locator("td.reviews")).hasText(String.valueOf(before + 1));
        assertThat(page.locator("#comments")).containsText("上个月邻居纠纷，李警官当天就来调解了");
        assertThat(fitsTheScreen()).as("the results fit a phone's width").isTrue();
    }
    @Test
    void theResultsFilterShowsEachLabelRightAboveItsFieldOnAPhone() {
        login("chief");
        page.navigate(url("/reviews"));
        // where the period's label is read: the box of its words, whatever element holds them
        @SuppressWarnings("unchecked")
        List<Number> words = (List<Number>) page.evaluate("""
                () => {
                  const label = document.querySelector('#period-form label');
                  const text = document.createTreeWalker(label, NodeFilter.SHOW_TEXT,
                      {acceptNode: n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
                  const range = document.createRange();
                  range.selectNodeContents(text.nextNode());
                  const box = range.getBoundingClientRect();
                  return [box.x, box.bottom];
                }""");
        BoundingBox field = page.locator("#period").boundingBox();
        assertThat(field.y - words.get(1).doubleValue()).as("the period's label sits right above its field")
                .isBetween(-1.0, 20.0);
        assertThat(words.get(0).doubleValue()).as("the label starts where its field starts")
                .isCloseTo(field.x, within(2.0));
        assertThat(page.locator("#period-form").boundingBox().height)
                .as("the filter takes a few lines of the screen, not most of it").isLessThan(330);
    }
}
