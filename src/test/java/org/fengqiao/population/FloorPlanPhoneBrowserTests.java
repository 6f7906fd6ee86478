package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An officer on a stairway with a phone (390 x 844) scrolls the floor plan of a tall building of two units: whichever
 * room he has scrolled to, he still sees which unit it is under and which floor it is on, and the two rooms 1001 of a
 * floor do not read alike.
 */
class FloorPlanPhoneBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theUnitsStayAboveTheRoomsAndTheFloorsBesideThemAndEachRoomSaysItsUnit() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID building = fx.building("officer", "FS-1-01", 12, 2, 2);
        login("officer");
        page.navigate(url("/buildings/" + building));

        // the ground floor's last room: far below the units' header, and to the right of the floors' labels
        Locator ground = page.locator("#room-2-102");
        ground.scrollIntoViewIfNeeded();
        seenOnTop(ground, "room 2-102");
        Locator unit2 = page.locator(".plan-head .unit-label").nth(1);
        assertThat(unit2).hasText("2单元");
        seenOnTop(unit2, "unit 2's header over the ground floor");
        assertThat(unit2.boundingBox().y).isLessThan(ground.boundingBox().y);
        Locator floor = page.locator(".plan-row:has(#room-2-102) .floor-label");
        assertThat(floor).hasText("1层");
        seenOnTop(floor, "the ground floor's label beside unit 2's rooms");

        // the two rooms 1001 of the tenth floor, one in each unit, each saying its unit
        assertThat(page.locator("#room-1-1001 .room-number")).hasText("1-1001");
        assertThat(page.locator("#room-2-1001 .room-number")).hasText("2-1001");
    }

    /** On the screen, and what a tap at its centre meets is itself (or inside it): nothing drawn over it. */
    private void seenOnTop(Locator element, String what) {
        var box = element.boundingBox();
        assertThat(box).as(what).isNotNull();
        assertThat(box.y).as(what + " top").isGreaterThanOrEqualTo(0);
        assertThat(box.y + box.height).as(what + " bottom").isLessThanOrEqualTo(845);
        assertThat(box.x).as(what + " left").isGreaterThanOrEqualTo(-1);
        assertThat(box.x + box.width).as(what + " right").isLessThanOrEqualTo(391);
        boolean onTop = (Boolean) element.evaluate("""
                e => { const r = e.getBoundingClientRect();
                       const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                       return hit !== null && (hit === e || e.contains(hit)); }""");
        assertThat(onTop).as(what + " is what a tap meets").isTrue();
    }
}
