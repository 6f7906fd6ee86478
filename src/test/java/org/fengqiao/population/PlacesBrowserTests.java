package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An officer on his rounds: finds a small place among the nine small places, records a fire-safety
 * inspection with a hazard and sees its state change, marks it rectified; registers an address
 * through the form; adds a tenant to a rental by searching the population records; clears an owner of another
 * station whom the page names without his id, and the shop has no owner afterwards.
 */
class PlacesBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    @Test
    void officerRecordsAnInspectionWithAHazardAndThenItsRectification() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        String name = "浏览器网吧" + UUID.randomUUID().toString().substring(0, 4);
        UUID address = places.address("officer", "FS-5-01", "网吧街" + UUID.randomUUID().toString().substring(0, 4));
        JsonNode created = places.fx.call("officer", "POST", "/api/v1/organisations",
                Map.of("addressId", address, "name", name, "smallPlace", "INTERNET_CAFE", "business", "上网服务")).body();
        String id = created.get("id").asText();

        login("officer");
        page.navigate(url("/organisations"));
        page.selectOption("select[name=smallPlace]", "INTERNET_CAFE");
        page.waitForURL("**smallPlace=INTERNET_CAFE**");
        page.fill("#organisation-q", name);
        page.click("form.filters button[type=submit]");
        assertThat(page.locator("tr[data-organisation='" + id + "'] .fire-state")).hasText("未检查");
        page.click("a.organisation-name:has-text('" + name + "')");
        page.waitForURL("**/organisations/" + id);

        // a hazard without a deadline is refused beside the field
        page.fill("#inspection-form textarea[name=hazards]", "灭火器压力不足");
        page.click("#inspection-form button[type=submit]");
        assertThat(page.locator("#inspection-form [data-error-for=rectifyBy]")).hasText("发现隐患须规定整改期限");

        page.fill("#inspection-form input[name=rectifyBy]", LocalDate.now().plusDays(7).toString());
        page.click("#inspection-form button[type=submit]");
        assertThat(page.locator("#fire-state")).hasText("隐患待整改");
        assertThat(page.locator(".inspection .hazards")).hasText("灭火器压力不足");
        assertThat(jdbc.sql("SELECT count(*) FROM fire_inspection WHERE organisation_id = ?::uuid AND inspector = '李建国'")
                .param(id).query(Long.class).single()).isEqualTo(1);

        page.click(".inspection form.inline-action button[type=submit]");
        assertThat(page.locator("#fire-state")).hasText("合格");
        assertThat(page.locator(".inspection form.inline-action")).hasCount(0);
    }

    @Test
    void officerClearsAnOwnerOfAnotherStationInThePickerAndTheShopHasNoOwnerAfterwardsButItsPhoneUntilDeleted() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        String tag = UUID.randomUUID().toString().substring(0, 4);
        UUID address = places.address("officer", "FS-5-01", "清除街" + tag);
        PlacesFixtures.Person owner = places.person("officer2", "NS-2-01", "外所业主" + tag.substring(0, 2),
                Residence.PERMANENT, null);
        JsonNode created = places.fx.call("bureau", "POST", "/api/v1/organisations", Map.of("addressId", address,
                "name", "清除店" + tag, "smallPlace", "STORE", "business", "百货", "ownerPersonId", owner.id(),
                "phone", "0518-87651234")).body();
        String id = created.get("id").asText();

        login("officer");
        page.navigate(url("/organisations/" + id));
        assertThat(page.locator("#owner")).containsText(owner.name());
        page.click("details:has(#organisation-edit) > summary");
        assertThat(page.locator("#organisation-edit .picker-chosen")).hasText(owner.name());
        page.click("#organisation-edit .picker-clear");
        page.click("#organisation-edit button[type=submit]");
        // the page comes back without him
        assertThat(page.locator("#owner")).hasText("—");
        assertThat(jdbc.sql("SELECT owner_person_id FROM organisation WHERE id = ?::uuid").param(id)
                .query(UUID.class).optional()).isEmpty();
        assertThat(jdbc.sql("SELECT phone_masked FROM organisation WHERE id = ?::uuid").param(id)
                .query(String.class).single()).as("the phone left blank on the form is kept").isNotNull();

        // deleting the phone is a choice of its own
        page.click("details:has(#organisation-edit) > summary");
        page.check("#organisation-phone-clear");
        page.click("#organisation-edit button[type=submit]");
        assertThat(page.locator("#organisation-phone-clear")).hasCount(0);
        assertThat(jdbc.sql("SELECT phone_cipher IS NULL AND phone_masked IS NULL FROM organisation WHERE id = ?::uuid")
                .param(id).query(Boolean.class).single()).isTrue();
    }

    @Test
    void officerRegistersAnAddressThroughTheFormAndAddsATenantByName() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        String street = "表单路" + UUID.randomUUID().toString().substring(0, 4);
        login("officer");
        page.navigate(url("/addresses"));
        page.click("#new-address summary");
        page.fill("#address-form input[name=community]", "林疃村");
        page.fill("#address-form input[name=street]", street);
        page.fill("#address-form input[name=doorNumber]", "7");
        page.selectOption("#address-form select[name=townshipCode]", "320722112000");
        page.click("#address-form button[type=submit]");
        // no grid and no location: the form says so beside the grid
        assertThat(page.locator("#address-form [data-error-for=gridId]")).not().isEmpty();
        page.selectOption("#address-form select[name=gridId]", places.fx.gridId("FS-5-02").toString());
        page.click("#address-form button[type=submit]");
        page.waitForURL("**/addresses/*");
        assertThat(page.locator("#address-text")).hasText("江苏省连云港市东海县房山镇林疃村" + street + "7号");

        // the same address again: the page says it was there already
        page.navigate(url("/addresses"));
        page.click("#new-address summary");
        page.fill("#address-form input[name=community]", "林疃村");
        page.fill("#address-form input[name=street]", street);
        page.fill("#address-form input[name=doorNumber]", "7号");
        page.selectOption("#address-form select[name=townshipCode]", "320722112000");
        page.selectOption("#address-form select[name=gridId]", places.fx.gridId("FS-5-02").toString());
        page.click("#address-form button[type=submit]");
        page.waitForURL("**existing=true");
        assertThat(page.locator(".notice")).hasText("该地址已经登记过，未重复创建");

        UUID address = UUID.fromString(page.url().replaceAll(".*/addresses/([0-9a-f-]+).*", "$1"));
        PlacesFixtures.Person landlord = places.person("officer", "FS-5-02", "房东丁", Residence.PERMANENT, null);
        LocalDate registered = LocalDate.now().minusMonths(1);
        String tenantName = "浏览" + (char) ('甲' + (int) (System.nanoTime() % 20));
        PlacesFixtures.Person tenant = places.person("officer", "FS-5-02", tenantName, Residence.FLOATING, registered);
        Map<String, Object> rental = new HashMap<>();
        rental.put("addressId", address);
        rental.put("landlordPersonId", landlord.id());
        rental.put("purpose", "RESIDENCE");
        String rentalId = places.fx.call("officer", "POST", "/api/v1/rentals", rental).body().get("id").asText();

        page.navigate(url("/rentals/" + rentalId));
        assertThat(page.locator("#landlord .id-number")).hasText(landlord.idNumber().substring(0, 6) + "********"
                + landlord.idNumber().substring(14));
        page.fill("#tenant-form input[type=search]", tenant.idNumber().substring(12));
        page.click("#tenant-form .picker-option:has-text('" + tenantName + "')");
        page.fill("#tenant-form input[name=from]", registered.toString());
        page.click("#tenant-form button[type=submit]");
        assertThat(page.locator("tr[data-tenant='" + tenant.id() + "'] .permit-from"))
                .hasText(registered.plusMonths(6).toString());
    }

    @Test
    void officerBuildsABuildingRegistersAHouseholdOnItsPlanAndLetsARoom() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        String name = "表单楼" + UUID.randomUUID().toString().substring(0, 4);
        login("officer");
        page.navigate(url("/buildings"));
        page.click("#new-building summary");
        page.selectOption("#building-form select[name=gridId]", places.fx.gridId("FS-5-03").toString());
        page.fill("#building-form input[name=name]", name);
        // each number within its bounds, the whole too large: the server's word shows beside the floors
        page.fill("#building-form input[name=floors]", "150");
        page.fill("#building-form input[name=units]", "10");
        page.fill("#building-form input[name=roomsPerFloor]", "10");
        page.click("#building-form button[type=submit]");
        assertThat(page.locator("#building-form [data-error-for=floors]")).containsText("一栋楼最多");
        page.fill("#building-form input[name=floors]", "4");
        page.fill("#building-form input[name=units]", "2");
        page.fill("#building-form input[name=roomsPerFloor]", "2");
        page.click("#building-form button[type=submit]");
        page.waitForURL("**/buildings/*");
        assertThat(page.locator(".floor-plan .plan-row")).hasCount(5);

        page.locator("#room-2-302").click();
        page.fill("#household-form input[name=number]", "HF-" + name);
        page.locator("#household-form input[name=trusted]").check();
        page.click("#household-form button[type=submit]");
        page.waitForURL("**/households/*");
        assertThat(page.locator(".household-marks .mark-TRUSTED")).isVisible();
        UUID building = jdbc.sql("SELECT id FROM building WHERE name = ?").param(name).query(UUID.class).single();
        assertThat(jdbc.sql("SELECT count(*) FROM household h JOIN room r ON r.id = h.room_id WHERE r.building_id = ? "
                + "AND r.unit_no = 2 AND r.number = '302' AND h.number = ?").params(building, "HF-" + name)
                .query(Long.class).single()).isEqualTo(1);

        // the room's dialog leads to registering its rental; once let, the plan marks it
        PlacesFixtures.Person landlord = places.person("officer", "FS-5-03", "楼主" + name.substring(3, 5),
                Residence.PERMANENT, null);
        page.navigate(url("/buildings/" + building));
        page.locator("#room-1-101").click();
        page.click("#room-rental");
        page.waitForURL("**/rentals/new?roomId=*");
        page.fill("#rental-form [data-picker] input[type=search]", landlord.idNumber().substring(12));
        page.click("#rental-form .picker-option:has-text('" + landlord.name() + "')");
        page.click("#rental-form button[type=submit]");
        page.waitForURL("**/rentals/*");
        assertThat(page.locator("#rental-state")).hasText("在租");
        page.navigate(url("/buildings/" + building));
        assertThat(page.locator("#room-1-101 .mark-RENTAL")).isVisible();
        // the same link on a let room opens its rental
        page.locator("#room-1-101").click();
        page.click("#room-rental");
        page.waitForURL(u -> u.matches(".*/rentals/[0-9a-f-]{36}$"));
        assertThat(page.locator("#landlord")).containsText(landlord.name());
    }
}
