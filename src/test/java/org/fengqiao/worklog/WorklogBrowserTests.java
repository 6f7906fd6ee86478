package org.fengqiao.worklog;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * The diary column on a phone: the rural officer writes a diary entry and shares it to the bureau's column; a
 * colleague of the urban station finds it there by a word of it, comments on it and likes it, and the author sees the
 * comment under his entry.
 */
class WorklogBrowserTests extends BrowserTest {

    @Override
    protected com.microsoft.playwright.Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void anOfficerSharesADiaryEntryAndAColleagueCommentsOnItInTheColumn() {
        String word = "心得" + UUID.randomUUID().toString().substring(0, 6);
        login("officer");
        navigateByMenu("/worklog");
        page.selectOption("#kind", "DAILY");
        page.fill("#title", "宅基地纠纷调解" + word);
        page.fill("#body", "请双方信服的老人到场，情绪降下来再谈事；量地时让双方都动手。");
        page.click("#action-save");
        assertThat(page.locator("p.notice")).hasText("已保存");
        assertThat(page.locator("#entry-title")).hasText("宅基地纠纷调解" + word);
        org.assertj.core.api.Assertions.assertThat(fitsTheScreen()).as("the entry fits a phone").isTrue();
        page.click("#action-share");
        assertThat(page.locator("p.notice")).hasText("已分享到日记专栏");
        String entry = page.url().substring(page.url().lastIndexOf('/') + 1);

        context.clearCookies();
        login("officer2");
        page.navigate(url("/worklog/column"));
        page.fill("#filter-q", word);
        page.click("#filter");
        assertThat(page.locator("#column-entries li")).hasCount(1);
        page.click("#column-entries li[data-id='" + entry + "'] a.entry-link");
        assertThat(page.locator("#entry-author")).hasText("李建国");
        assertThat(page.locator("#edit")).hasCount(0);
        page.fill("#comment-text", "这个办法好，我们社区也试试");
        page.click("#action-comment");
        assertThat(page.locator("p.notice")).hasText("评论已发表");
        page.click("#action-like");
        assertThat(page.locator("#action-like")).hasText("已赞（1），取消");

        context.clearCookies();
        login("officer");
        page.navigate(url("/worklog/" + entry));
        assertThat(page.locator("#comments .comment-text")).hasText("这个办法好，我们社区也试试");
    }
}
