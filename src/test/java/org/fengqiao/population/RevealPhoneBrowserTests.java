package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An officer reveals a landlord's and an organisation's full phone from their pages with a stated
 * reason; the reveal is audited, a missing reason is refused in the page's language, and a role without
 * the reveal permission sees only the masked phone.
 */
class RevealPhoneBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 4);
    }

    @Test
    void theOfficerRevealsALandlordsPhoneWithAReasonAndTheRevealIsAudited() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        UUID building = places.fx.building("officer", "FS-5-04", 2, 1, 2);
        UUID room = places.fx.room(building, 1, "101");
        String phone = "1381234" + String.format("%04d", (int) (Math.random() * 10000));
        Map<String, Object> body = new HashMap<>();
        body.put("roomId", room);
        body.put("landlordName", "名房东" + tag());
        body.put("landlordPhone", phone);
        body.put("purpose", "RESIDENCE");
        HousingFixtures.Answer created = places.fx.call("officer", "POST", "/api/v1/rentals", body);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        String id = created.body().get("id").asText();

        login("officer");
        page.navigate(url("/rentals/" + id));
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        assertThat(page.locator("#landlord-phone")).hasText(masked);
        page.click("#landlord-reveal button[type=submit]");
        assertThat(page.locator("#landlord-reveal .form-status")).hasText("请说明查看完整信息的理由（至少 4 个字）");
        assertThat(page.locator("#landlord-phone")).hasText(masked);

        page.fill("#landlord-reveal input[name=reason]", "核实房东联系方式");
        page.click("#landlord-reveal button[type=submit]");
        assertThat(page.locator("#landlord-phone")).hasText(phone);
        assertThat(page.locator("#landlord-reveal .form-status")).hasText("");
        assertThat(jdbc.sql("""
                SELECT after->>'reason' FROM audit_entry
                WHERE action = 'REVEAL' AND record_type = 'rental' AND record_id = ? AND actor = 'officer'""")
                .param(id).query(String.class).list()).containsExactly("核实房东联系方式");
    }

    @Test
    void theOrganisationsPhoneIsRevealedInEnglishTooAndARoleWithoutTheRightSeesNoControl() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        UUID address = places.address("officer", "FS-5-04", "揭示街" + tag());
        String phone = "1397654" + String.format("%04d", (int) (Math.random() * 10000));
        PlacesFixtures.Person owner = places.person("officer", "FS-5-04", "揭示店主" + tag(),
                org.fengqiao.population.Residence.PERMANENT, null);
        HousingFixtures.Answer answer = places.fx.call("officer", "POST", "/api/v1/organisations",
                Map.of("addressId", address, "name", "揭示小店" + tag(), "kind", "SHOP", "business", "日用百货", "phone", phone,
                        "ownerPersonId", owner.id()));
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(201);
        JsonNode created = answer.body();
        String id = created.get("id").asText();

        login("officer");
        page.navigate(url("/organisations/" + id + "?lang=en"));
        page.click("#organisation-reveal button[type=submit]");
        assertThat(page.locator("#organisation-reveal .form-status"))
                .hasText("Give a reason for seeing the full value (at least 4 characters)");
        page.fill("#organisation-reveal input[name=reason]", "fire safety follow-up");
        page.click("#organisation-reveal button[type=submit]");
        assertThat(page.locator("#organisation-phone")).hasText(phone);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'REVEAL' AND record_type = 'organisation' AND record_id = ?
                  AND after->>'reason' = 'fire safety follow-up'""").param(id).query(Long.class).single()).isEqualTo(1);

        // the owner's phone, revealed through the owner's person record (audited there)
        page.fill("#owner-reveal input[name=reason]", "联系店主核实经营情况");
        page.click("#owner-reveal button[type=submit]");
        assertThat(page.locator("#owner-phone")).hasText(owner.phone());
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'REVEAL' AND record_type = 'person' AND record_id = ?
                  AND actor = 'officer'""").param(owner.id().toString()).query(Long.class).single()).isEqualTo(1);

        // auxiliary police collect records but reveal nothing in full: no control on the page
        String aux = TestStaff.uniqueUsername("auxrev");
        directory.register(jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow().id(), StaffRole.AUXILIARY_POLICE,
                "揭示辅警", null, null, null, aux, DEMO_PASSWORD);
        context.clearCookies();
        login(aux, DEMO_PASSWORD);
        page.navigate(url("/organisations/" + id));
        assertThat(page.locator("#organisation-phone")).hasText(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(page.locator("#organisation-reveal")).hasCount(0);
        assertThat(page.locator("#owner-reveal")).hasCount(0);
        assertThat(page.content()).doesNotContain(phone);
    }
}
