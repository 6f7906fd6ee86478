package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On a phone, the station chief creates an Open311 key for his central office, sees it once, hands it to a
 * client that files with it, and revokes it after confirming (a mis-tap asks and changes nothing); the client is then
 * refused.
 */
class ApiKeyBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    int open311(String key) {
        return new Open311Client(port).post("requests.json", new Open311Client.Form().add("api_key", key)
                .add("service_code", "HELP").add("address_id", UUID.randomUUID().toString()).add("description", "x"))
                .statusCode();
    }

    @Test
    void theChiefCreatesAKeySeesItOnceAndRevokesIt() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String name = "浏览器客户端-" + UUID.randomUUID().toString().substring(0, 8);
        login("chief");
        page.navigate(url("/incidents"));
        navigateByMenu("/incidents/api-keys");
        page.waitForURL(u -> u.endsWith("/incidents/api-keys"));
        page.selectOption("#unitId", office.id().value().toString());
        page.fill("#name", name);
        page.selectOption("#purpose", "OPEN311");
        page.click("#create-key");
        Locator shown = page.locator("#new-key");
        assertThat(shown).isVisible();
        String key = shown.textContent().trim();
        assertThat(key).startsWith("fq_");
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"))
                .as("the page fits a phone's width").isTrue();
        Locator row = page.locator("#api-keys tr").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row.locator(".key-state")).hasText("有效");
        // past the key check: the client's made-up address is what is refused, not the key
        assertThat(open311(key)).isEqualTo(400);

        page.reload();
        assertThat(page.locator("#new-key")).hasCount(0);
        assertThat(page.content()).doesNotContain(key);

        // one tap alone revokes nothing: the page asks first, naming the key, and a dismissed question leaves it working
        java.util.List<String> asked = new java.util.ArrayList<>();
        page.onceDialog(dialog -> {
            asked.add(dialog.message());
            dialog.dismiss();
        });
        row.locator("button.revoke-key").click();
        assertThat(asked).singleElement().asString().contains("“" + name + "”").contains("吊销");
        assertThat(row.locator(".key-state")).hasText("有效");
        assertThat(open311(key)).isEqualTo(400);

        page.onceDialog(dialog -> dialog.accept());
        row.locator("button.revoke-key").click();
        assertThat(page.locator(".notice")).hasText("密钥已吊销");
        Locator revoked = page.locator("#api-keys tr").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(revoked.locator(".key-state")).not().hasText("有效");
        assertThat(revoked.locator("button.revoke-key")).hasCount(0);
        assertThat(open311(key)).isEqualTo(403);
    }
}
