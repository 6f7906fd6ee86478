package org.fengqiao.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a thumb taps on a phone (390 px, Chinese): the top bar's 首页, 我的, 中文 / English and 退出, the links standing on
 * their own (the household's and the person's PDF, 取消 beside a form's buttons, breadcrumbs, a key person's related
 * pages), the choices (selects) of the forms, the grid page's fields, buttons and map zoom, the headings that open a
 * folded form (details summaries), the links inside a line of text or a table cell (下载导入模板, 打印领取凭证) are at
 * least 44 x 44 px (WCAG 2.5.5), and the tracking page's rating radios are 22 px in a 44 px label; the grid page's
 * chooser of units opens a list that fits the screen.
 */
class TapTargetsPhoneBrowserTests extends BrowserTest {

    static final int TAP = 44;

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    private static void tappable(Locator link, String what) {
        assertThat(link).isVisible();
        BoundingBox box = link.boundingBox();
        assertThat(box.height).as(what + " height").isGreaterThanOrEqualTo(TAP);
        assertThat(box.width).as(what + " width").isGreaterThanOrEqualTo(TAP);
    }

    /** Each of the controls (at least one) is a thumb's target. */
    private static void allTappable(Locator controls, String what) {
        assertThat(controls.first()).isVisible();
        for (int i = 0; i < controls.count(); i++) {
            Locator one = controls.nth(i);
            tappable(one, what + " " + i + " " + one.evaluate("e => e.name || e.id || e.textContent.trim()"));
        }
    }

    /** Opens every folded form of the page (a tap on each heading), so the fields inside are laid out and measured. */
    private void openEveryFoldedForm() {
        Locator closed = page.locator("main details:not([open]) > summary");
        for (int tapped = 0; closed.count() > 0; tapped++) {
            assertThat(tapped).as("folded forms opened").isLessThan(50);
            closed.first().click();
        }
    }

    @Test
    void theTopBarsLinksAndSignOutAreFortyFourPixelsSquare() {
        login("officer");
        for (String selector : List.of("nav .links > a[href$='/']", "nav .links > a[href$='/profile']",
                "nav .right > a[lang=zh-CN]", "nav .right > a[lang=en]", "nav .right button.link")) {
            tappable(page.locator(selector), selector);
        }
        assertThat(fitsTheScreen()).isTrue();
    }

    @Test
    void theLinksStandingOnTheirOwnAreThumbSizedOnAPhoneAndPlainLinksOnADesktop() {
        UUID household = jdbc.sql("""
                SELECT h.id FROM household h JOIN grid g ON g.id = h.grid_id JOIN person p ON p.household_id = h.id
                WHERE g.code = 'FS-1-01' AND h.number LIKE 'FS%' ORDER BY h.number LIMIT 1""").query(UUID.class).single();
        UUID person = jdbc.sql("SELECT id FROM person WHERE household_id = ? ORDER BY name LIMIT 1")
                .param(household).query(UUID.class).single();
        login("officer");

        page.navigate(url("/households/" + household));
        tappable(page.locator("#register-pdf"), "一户一册");

        page.navigate(url("/persons/" + person));
        tappable(page.locator("#file-pdf"), "一人一档");

        page.navigate(url("/persons/" + person + "/edit"));
        tappable(page.locator(".form-actions > a"), "取消");
        Locator crumbs = page.locator("p.crumbs a");
        assertThat(crumbs.first()).isVisible();
        for (int i = 0; i < crumbs.count(); i++) {
            tappable(crumbs.nth(i), "breadcrumb " + crumbs.nth(i).textContent());
        }
        assertThat(fitsTheScreen()).isTrue();

        page.navigate(url("/key-persons"));
        page.locator("main table a[href*='/key-persons/']").first().click();
        page.waitForURL("**/key-persons/*");
        tappable(page.locator("p.crumbs a"), "返回重点人员");
        Locator related = page.locator("p.related a");
        assertThat(related.first()).isVisible();
        for (int i = 0; i < related.count(); i++) {
            tappable(related.nth(i), "related " + related.nth(i).textContent());
        }

        // on a desktop a breadcrumb stays a link in its line of text, not a box
        page.setViewportSize(1280, 800);
        page.navigate(url("/persons/" + person + "/edit"));
        assertThat(page.locator("p.crumbs a").first().evaluate("a => getComputedStyle(a).display")).isEqualTo("inline");
    }

    @Test
    void theLinksBackToTheListAtAPagesFootAreThumbSized() {
        login("chief");
        for (String list : List.of("/incidents", "/mediation", "/recovery")) {
            page.navigate(url(list));
            page.locator("main table a[href*='" + list + "/']").first().click();
            page.waitForURL(u -> u.matches(".*" + list + "/[0-9a-f-]{36}$"));
            tappable(page.locator("main p > a[href$='" + list + "']").last(), "back to " + list);
            assertThat(fitsTheScreen()).as(list).isTrue();
        }
    }

    @Test
    void theWitnessCheckboxOfClosingADisputeIsAThumbSizedChoice() {
        login("chief");
        page.navigate(url("/mediation"));
        page.locator("main table a[href*='/mediation/']").first().click();
        page.waitForURL(u -> u.matches(".*/mediation/[0-9a-f-]{36}$"));
        page.locator("details:has(#officerWitness) > summary").click();
        BoundingBox box = page.locator("#officerWitness").boundingBox();
        assertThat(box.width).as("the checkbox").isGreaterThanOrEqualTo(20);
        assertThat(page.locator("label:has(#officerWitness)").boundingBox().height).as("its label")
                .isGreaterThanOrEqualTo(TAP);
        page.locator("label:has(#officerWitness) span").click();
        assertThat(page.locator("#officerWitness")).isChecked();
    }

    /**
     * A browser draws a select's open list from the field's left edge, as wide as its longest choice, and a phone cuts
     * off what passes the screen's right edge. The width of each choice is measured in a Chinese font (the one the
     * PDFs embed, loaded into the page for this: the test machine may have none, and boxes drawn for missing glyphs are
     * narrower than the characters).
     */
    @Test
    void theGridPagesUnitChoicesFitThePhonesWidthWhenTheListOpens() throws IOException {
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-10'").query(UUID.class).single();
        byte[] font;
        try (InputStream in = getClass().getResourceAsStream("/fonts/DroidSansFallbackFull.ttf")) {
            font = in.readAllBytes();
        }
        page.route("**/test-fonts/cjk.ttf", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                .setStatus(200).setContentType("font/ttf").setBodyBytes(font)));
        login("chief");
        page.navigate(url("/grids/" + grid));
        Locator select = page.locator("#unit-form select[name=unitId]");
        assertThat(select).isVisible();
        assertThat(select.locator("option")).not().hasCount(0);

        @SuppressWarnings("unchecked")
        List<Number> room = (List<Number>) page.evaluate("""
                async () => {
                  const face = new FontFace('fq-test-cjk', 'url(/test-fonts/cjk.ttf)');
                  document.fonts.add(await face.load());
                  const select = document.querySelector('#unit-form select[name=unitId]');
                  const style = getComputedStyle(select);
                  const probe = document.createElement('span');
                  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;font-size:' + style.fontSize
                      + ';font-family:' + style.fontFamily + ',fq-test-cjk';
                  document.body.appendChild(probe);
                  let widest = 0;
                  for (const option of select.options) {
                    probe.textContent = option.textContent;
                    widest = Math.max(widest, probe.getBoundingClientRect().width);
                  }
                  probe.remove();
                  return [select.getBoundingClientRect().left, widest, document.documentElement.clientWidth];
                }""");
        double left = room.get(0).doubleValue();
        double widest = room.get(1).doubleValue();
        double screen = room.get(2).doubleValue();
        assertThat(widest).as("the choices were measured").isGreaterThan(100);
        // the list's padding on both sides and its scroll bar take about 40 px beside the text
        assertThat(left + widest + 40).as("the open list's right edge").isLessThanOrEqualTo(screen);
        assertThat(select.locator("option").allTextContents())
                .anySatisfy(t -> assertThat(t.strip()).matches("吴场村第10网格警务工作点（本网格）"));
    }

    @Test
    void theGridPagesChoicesFieldsAndButtonsAreThumbSized() {
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-10'").query(UUID.class).single();
        login("chief");
        page.navigate(url("/grids/" + grid));
        // the roster and the community's officers are filled in by the page's script
        assertThat(page.locator("#roster-current button").first()).isVisible();
        assertThat(page.locator("#officers-form")).isVisible();
        allTappable(page.locator("#grid-minimap .leaflet-control-zoom a"), "the map's zoom");
        String controls = "select:visible, button:visible, input:not([type=hidden]):not(.date-picker):visible";
        for (String part : List.of("#placement", "#community-officers", "#links-form", "#roster")) {
            allTappable(page.locator(part).locator(controls), part);
        }
        assertThat(fitsTheScreen()).isTrue();
    }

    @Test
    void aKeyPersonsChoicesAndItsFoldedAddAHelperAreThumbSized() {
        login("chief");
        page.navigate(url("/key-persons"));
        page.locator("main table a[href*='/key-persons/']").first().click();
        page.waitForURL("**/key-persons/*");
        Locator addHelper = page.locator("#team details > summary").first();
        tappable(addHelper, "添加帮扶人");
        addHelper.click();
        assertThat(page.locator("#member-form")).isVisible();
        allTappable(page.locator("main select:visible"), "select");
        assertThat(fitsTheScreen()).isTrue();
    }

    @Test
    void aRecoveryFilesFoldedFormsChoicesAndReceiptLinksAreThumbSized() {
        UUID file = jdbc.sql(
                "SELECT file_id FROM recovery_return WHERE event_id IS NOT NULL ORDER BY created_at LIMIT 1")
                .query(UUID.class).single();
        UUID event = jdbc.sql("SELECT event_id FROM recovery_return WHERE file_id = ? AND event_id IS NOT NULL LIMIT 1")
                .param(file).query(UUID.class).single();
        login("officer");
        page.navigate(url("/recovery/" + file));
        allTappable(page.locator("main details > summary"), "summary");
        allTappable(page.locator("#returns a.receipt-pdf"), "打印领取凭证");
        openEveryFoldedForm();
        allTappable(page.locator("main select:visible"), "select");
        assertThat(fitsTheScreen()).isTrue();

        page.navigate(url("/recovery/events/" + event));
        allTappable(page.locator("#event-return-list a[href$='/receipt.pdf']"), "打印领取凭证 of the event");
        allTappable(page.locator("#event-return-list td:first-child a"), "the victim's file");
        assertThat(fitsTheScreen()).isTrue();

        // on a desktop the link stays a link in its cell, not a box
        page.setViewportSize(1280, 800);
        assertThat(page.locator("#event-return-list a[href$='/receipt.pdf']").first()
                .evaluate("a => getComputedStyle(a).display")).isEqualTo("inline");
    }

    @Test
    void theImportPagesTemplateLinkInItsLineOfTextIsThumbSized() {
        login("officer");
        page.navigate(url("/imports"));
        tappable(page.locator("#import-form a[href$='/template.xlsx']"), "下载导入模板");
        assertThat(fitsTheScreen()).isTrue();
    }

    @Test
    void theTrackingPagesRatingRadiosAndItsFoldedReopenAreThumbSized() {
        String code = jdbc.sql(
                "SELECT tracking_code FROM incident WHERE status = 'ANSWERED' ORDER BY answered_at DESC LIMIT 1")
                .query(String.class).single();
        page.navigate(url("/track/" + code));
        Locator radios = page.locator("#rate-form input[name=score]");
        assertThat(radios).hasCount(5);
        for (int i = 0; i < 5; i++) {
            BoundingBox radio = radios.nth(i).boundingBox();
            assertThat(radio.width).as("radio " + (i + 1) + " width").isGreaterThanOrEqualTo(22);
            assertThat(radio.height).as("radio " + (i + 1) + " height").isGreaterThanOrEqualTo(22);
            tappable(page.locator("#rate-form label:has(#score-" + (i + 1) + ")"), "the label of " + (i + 1));
        }
        page.locator("label:has(#score-4) span").click();
        assertThat(page.locator("#score-4")).isChecked();
        tappable(page.locator("main details > summary"), "不满意？可申请重新办理");
        assertThat(fitsTheScreen()).isTrue();
    }
}
