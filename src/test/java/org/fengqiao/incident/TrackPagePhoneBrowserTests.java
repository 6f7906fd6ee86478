package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The resident's tracking page on a phone 390 px wide, in Chinese and in English: a photo he adds alone shows on his
 * timeline as the photo it is (not an empty "you added information"), the rating's five scores stand on one line, and
 * the answer's box stands apart from the report's details above it; his photos stand under a heading of their own, each
 * with its time.
 */
class TrackPagePhoneBrowserTests extends ResidentPhoneBrowserTest {

    /** A report filed in a grid of its own, as yet unanswered: its tracking code and id. */
    Map.Entry<String, UUID> filed() {
        return filed("IT-TP-", "手机查询", 96, "路灯坏了，晚上看不见路",
                "手机查询村口");
    }

    void answer(UUID id) {
        answer(id, "已修好路灯", "路灯已修好，谢谢您的反映");
    }

    double top(Locator l) {
        return l.boundingBox().y;
    }

    double bottom(Locator l) {
        return l.boundingBox().y + l.boundingBox().height;
    }

    void onAPhone(String lang, String photoAdded, String onePhoto, String photosHeading) {
        Map.Entry<String, UUID> report = filed();
        page.navigate(url("/track/" + report.getKey() + "?lang=" + lang));

        // a photo alone, no words: his timeline says he added a photo, and how many
        page.setInputFiles("#more-photos", new FilePayload("IMG_3001.jpg", "image/jpeg", TestPhotos.jpegWithGps(24.001, 96.1)));
        page.click("#submit-information");
        assertThat(page.locator(".notice")).isVisible();
        Locator added = page.locator("#track-timeline li[data-kind=INFORMATION_ADDED]");
        assertThat(added).hasCount(1);
        assertThat(added.locator("strong")).hasText(photoAdded);
        assertThat(added).containsText(onePhoto);
        assertThat(page.locator("#track-photos img")).hasCount(1);
        // his photos stand under a heading of their own, each with the time it came (his step's time)
        assertThat(page.locator("#track-photos h2")).hasText(photosHeading);
        assertThat(page.locator("#track-photos figcaption")).hasText(added.locator("time").textContent());
        assertThat(fitsTheScreen()).isTrue();

        answer(report.getValue());
        page.navigate(url("/track/" + report.getKey()));
        assertThat(page.locator("#track-answer")).hasText("路灯已修好，谢谢您的反映");
        // the layout's faults told together: the answer's box stands apart from the details' box above it, as the
        // other boxes do, and the five scores stand on one line (the 5 does not wrap below the 1)
        SoftAssertions layout = new SoftAssertions();
        double gap = top(page.locator("section.answer")) - bottom(page.locator("dl.facts"));
        layout.assertThat(gap).as("space between the details and the answer").isGreaterThanOrEqualTo(8);
        List<Locator> scores = page.locator("#rate-form .score label").all();
        layout.assertThat(scores).hasSize(5);
        for (Locator score : scores) {
            layout.assertThat(top(score)).as("score " + score.textContent().trim() + " on the first's line")
                    .isEqualTo(top(scores.get(0)));
            layout.assertThat(score.boundingBox().height).as("a 44 px target").isGreaterThanOrEqualTo(44);
        }
        layout.assertThat(fitsTheScreen()).as("fits the screen").isTrue();
        layout.assertAll();
        page.check("#score-5");
        page.click("#submit-rating");
        assertThat(page.locator("#track-rating")).isVisible();
        assertThat(fitsTheScreen()).isTrue();
    }

    @Test
    void inChinese() {
        onAPhone("zh-CN", "您补充了照片", "1 张", "您提交的照片");
    }

    @Test
    void inEnglish() {
        onAPhone("en", "You added photos", "1 photo", "Your photos");
    }
}
