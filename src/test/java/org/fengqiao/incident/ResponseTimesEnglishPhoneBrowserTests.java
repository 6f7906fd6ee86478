package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On a phone in English each figure of the response-times page is a card line headed by its column's name, in a
 * narrow label column. The longest of those names ("Acknowledge Median / 90th pct") once broke inside a word
 * ("Acknowledg" / "e"), because the cells' rule that lets long values break anywhere reached the label too.
 */
class ResponseTimesEnglishPhoneBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    IncidentDesk desk;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone().setLocale("en");
    }

    @Test
    void aFiguresColumnNameNeverBreaksInsideAWordOnAPhoneInEnglish() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Grid grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions,
                jurisdictions.unitByCode("320722010100").orElseThrow(), "IT-RTE-" + n, "时效英文", 104);
        Submitter by = Submitter.system("test");
        UUID id = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "求助" + n, null, null, null,
                "时效村口", grid.id().value(), null, null, null, null), by).incident().id();
        desk.acknowledge(id, by);
        desk.resolve(id, "已处理", by);

        login("officer");
        page.navigate(url("/incidents/response-times?lang=en"));
        Locator cell = page.locator("#times-grids tr[data-id='" + grid.id().value() + "'] td[data-step='acknowledge']");
        assertThat(cell).hasAttribute("data-label", "Acknowledge Median / 90th pct");

        // the label is the cell's ::before, the first column of the cell's grid: each of its words, measured in the
        // label's own font, must fit that column's width, or the browser breaks the word (or lets it spill over)
        @SuppressWarnings("unchecked")
        Map<String, Object> measured = (Map<String, Object>) cell.evaluate("""
                td => {
                  const label = getComputedStyle(td, '::before');
                  const ctx = document.createElement('canvas').getContext('2d');
                  ctx.font = [label.fontStyle, label.fontWeight, label.fontSize, label.fontFamily].join(' ');
                  const widest = Math.max(...td.dataset.label.split(/\\s+/).map(w => ctx.measureText(w).width));
                  return { widest: widest, column: parseFloat(getComputedStyle(td).gridTemplateColumns.split(' ')[0]),
                           font: ctx.font };
                }""");
        double widest = ((Number) measured.get("widest")).doubleValue();
        double column = ((Number) measured.get("column")).doubleValue();
        assertThat(widest).as("the widest word of the label, in %s", measured.get("font")).isGreaterThan(50);
        assertThat(widest).as("the widest word of the label against its column").isLessThanOrEqualTo(column);
        assertThat(fitsTheScreen()).as("the figures fit the phone").isTrue();
    }
}
