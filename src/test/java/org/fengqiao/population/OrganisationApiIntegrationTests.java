package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Organisations through the API: a shop at an address with its owner and staff shown masked, its
 * fire-safety state following its inspections, bad input refused field by field, and each
 * organisation seen only inside the caller's jurisdiction.
 */
class OrganisationApiIntegrationTests extends IntegrationTest {

    static final Random RANDOM = new Random();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;

    PlacesFixtures places;
    HousingFixtures fx;
    LocalDate today;

    @BeforeEach
    void setUp() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        fx = places.fx;
        today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    static String licence() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder s = new StringBuilder("92320722MA");
        for (int i = 0; i < 7; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return PlacesLoader.creditCode(s.toString());
    }

    Map<String, Object> shop(UUID address, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("addressId", address);
        body.put("name", name);
        body.put("smallPlace", "EATERY");
        body.put("business", "家常菜");
        body.put("licenceNo", licence());
        body.put("phone", "0518-87654321");
        return body;
    }

    JsonNode create(String user, Map<String, Object> body) {
        HousingFixtures.Answer a = fx.call(user, "POST", "/api/v1/organisations", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return a.body();
    }

    JsonNode organisation(String user, String gridCode) {
        UUID address = places.address(user, gridCode, "商业街" + tag());
        return create(user, shop(address, "小饭店" + tag()));
    }

    @Test
    void aSmallEateryAtAnAddressIsAShopOfThatGridWithItsOwnerAndStaffMasked() {
        UUID address = places.address("officer", "FS-2-02", "商业街" + tag());
        PlacesFixtures.Person owner = places.person("officer", "FS-2-02", "店主" + tag().substring(0, 2), Residence.PERMANENT, null);
        PlacesFixtures.Person cook = places.person("officer", "FS-2-02", "厨师" + tag().substring(0, 2), Residence.PERMANENT, null);
        Map<String, Object> body = shop(address, "老王饭店" + tag());
        body.put("ownerPersonId", owner.id());
        long seq = places.lastAuditSeq();
        JsonNode o = create("officer", body);
        assertThat(o.get("kind").asText()).isEqualTo("SHOP");
        assertThat(o.get("smallPlace").asText()).isEqualTo("EATERY");
        assertThat(o.get("gridCode").asText()).isEqualTo("FS-2-02");
        assertThat(o.get("phone").asText()).isEqualTo("051****4321");
        assertThat(o.get("licenceNo").asText()).isEqualTo(body.get("licenceNo"));
        assertThat(o.get("fireSafety").asText()).isEqualTo("NOT_INSPECTED");
        assertThat(o.get("owner").get("name").asText()).isEqualTo(owner.name());
        assertThat(o.get("owner").get("idNumber").asText()).matches(RentalApiIntegrationTests.MASKED_ID);
        assertThat(o.get("owner").get("phone").asText()).matches(RentalApiIntegrationTests.MASKED_PHONE);
        String id = o.get("id").asText();
        assertThat(jdbc.sql("SELECT after->>'phone' FROM audit_entry WHERE seq > ? AND action = 'CREATE' AND record_id = ?")
                .params(seq, id).query(String.class).list()).containsExactly("051****4321");

        HousingFixtures.Answer staffed = fx.call("officer", "POST", "/api/v1/organisations/" + id + "/staff",
                Map.of("personId", cook.id(), "role", "EMPLOYEE", "from", today.minusMonths(3).toString()));
        assertThat(staffed.status()).isEqualTo(201);
        JsonNode member = staffed.body().get("staff").get(0);
        assertThat(member.get("name").asText()).isEqualTo(cook.name());
        assertThat(member.get("role").asText()).isEqualTo("EMPLOYEE");
        assertThat(member.get("idNumber").asText()).matches(RentalApiIntegrationTests.MASKED_ID);
        assertThat(staffed.body().toString()).doesNotContain(cook.idNumber(), cook.phone(), owner.idNumber(), owner.phone());
        assertThat(fx.call("officer", "POST", "/api/v1/organisations/" + id + "/staff",
                Map.of("personId", cook.id(), "role", "EMPLOYEE")).status()).isEqualTo(409);
        HousingFixtures.Answer left = fx.call("officer", "POST", "/api/v1/organisations/" + id + "/staff/"
                + member.get("id").asText() + "/end", Map.of("on", today.toString()));
        assertThat(left.body().get("staff").get(0).get("to").asText()).isEqualTo(today.toString());

        long readSeq = places.lastAuditSeq();
        fx.get("officer", "/api/v1/organisations/" + id);
        assertThat(jdbc.sql("SELECT record_type || ':' || record_id FROM audit_entry WHERE seq > ? AND action = 'READ'")
                .param(readSeq).query(String.class).list())
                .contains("organisation:" + id, "person:" + owner.id(), "person:" + cook.id());

        HousingFixtures.Answer revealed = fx.call("officer", "POST", "/api/v1/organisations/" + id + "/reveal",
                Map.of("field", "phone", "reason", "联系店主检查消防"));
        assertThat(revealed.body().get("value").asText()).isEqualTo("0518-87654321");
        String aux = TestStaff.uniqueUsername("aux");
        var office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        directory.register(office.id(), StaffRole.AUXILIARY_POLICE, "测试辅警", null, null, null, aux, DEMO_PASSWORD);
        assertThat(fx.get(aux, "/api/v1/organisations/" + id).body().get("owner").get("idNumber").asText())
                .matches(RentalApiIntegrationTests.MASKED_ID);
        assertThat(fx.call(aux, "POST", "/api/v1/organisations/" + id + "/reveal",
                Map.of("field", "phone", "reason", "联系店主检查消防")).status()).isEqualTo(403);
        assertThat(fx.get("volunteer", "/api/v1/organisations").status()).isEqualTo(403);
        assertThat(fx.get("volunteer", "/api/v1/organisations/" + id).status()).isEqualTo(403);
    }

    @Test
    void theFireSafetyStateFollowsInspectionsDeadlinesAndRectification() {
        JsonNode o = organisation("officer", "FS-2-03");
        String id = o.get("id").asText();
        String url = "/api/v1/organisations/" + id + "/inspections";

        JsonNode clean = fx.call("officer", "POST", url, Map.of("inspectedOn", today.minusDays(20).toString(),
                "findings", "器材齐全")).body();
        assertThat(clean.get("fireSafety").asText()).isEqualTo("COMPLIANT");
        assertThat(clean.get("inspections").get(0).get("inspector").asText()).as("the caller by default").isEqualTo("李建国");

        HousingFixtures.Answer open = fx.call("officer", "POST", url, Map.of("inspectedOn", today.toString(),
                "inspector", "消防巡查队", "hazards", "灭火器过期", "rectifyBy", today.plusDays(10).toString()));
        assertThat(open.status()).isEqualTo(201);
        assertThat(open.body().get("fireSafety").asText()).isEqualTo("HAZARD_OPEN");
        assertThat(stateIds("HAZARD_OPEN", "FS-2-03")).contains(id);
        assertThat(stateIds("COMPLIANT", "FS-2-03")).doesNotContain(id);

        HousingFixtures.Answer late = fx.call("officer", "POST", url, Map.of("inspectedOn", today.minusDays(30).toString(),
                "hazards", "疏散通道堵塞", "rectifyBy", today.minusDays(1).toString()));
        assertThat(late.body().get("fireSafety").asText()).isEqualTo("OVERDUE");
        assertThat(late.body().get("overdueHazards").asLong()).isEqualTo(1);
        assertThat(stateIds("OVERDUE", "FS-2-03")).contains(id);
        assertThat(stateIds("HAZARD_OPEN", "FS-2-03")).doesNotContain(id);

        long seq = places.lastAuditSeq();
        for (JsonNode i : late.body().get("inspections")) {
            if (i.has("hazards")) {
                HousingFixtures.Answer done = fx.call("officer", "POST", url + "/" + i.get("id").asText() + "/rectified",
                        Map.of("on", today.toString()));
                assertThat(done.status()).isEqualTo(200);
                assertThat(fx.call("officer", "POST", url + "/" + i.get("id").asText() + "/rectified",
                        Map.of("on", today.toString())).status()).isEqualTo(409);
            }
        }
        JsonNode after = fx.get("officer", "/api/v1/organisations/" + id).body();
        assertThat(after.get("fireSafety").asText()).isEqualTo("COMPLIANT");
        assertThat(stateIds("COMPLIANT", "FS-2-03")).contains(id);
        assertThat(jdbc.sql("""
                SELECT after->>'fireSafety' FROM audit_entry WHERE seq > ? AND record_type = 'fire-inspection' AND action = 'UPDATE'
                ORDER BY seq""").param(seq).query(String.class).list()).containsExactly("OVERDUE", "COMPLIANT");
        assertThat(stateIds("NOT_INSPECTED", "FS-2-03")).doesNotContain(id);
    }

    List<String> stateIds(String state, String gridCode) {
        return AddressApiIntegrationTests.ids(fx.get("officer", "/api/v1/organisations?size=100&fireSafety=" + state
                + "&gridId=" + fx.gridId(gridCode)).body());
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsSaved() {
        JsonNode o = organisation("officer", "FS-2-04");
        String id = o.get("id").asText();
        UUID address = places.address("officer", "FS-2-04", "商业街" + tag());
        PlacesFixtures.Person theirs = places.person("officer2", "NS-1-02", "外所" + tag().substring(0, 2),
                Residence.PERMANENT, null);
        long before = jdbc.sql("SELECT count(*) FROM organisation").query(Long.class).single();

        Map<String, Object> bad = shop(address, o.get("name").asText());
        bad.put("licenceNo", "91350100M000100Y44");
        bad.put("phone", "12345");
        bad.put("kind", "CASINO");
        bad.put("ownerPersonId", theirs.id());
        HousingFixtures.Answer refused = fx.call("officer", "POST", "/api/v1/organisations", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).containsOnlyKeys("name", "licenceNo", "phone", "kind",
                "ownerPersonId");
        Map<String, Object> nowhere = shop(null, "无处" + tag());
        nowhere.remove("addressId");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/organisations", nowhere).body()))
                .containsOnlyKeys("addressId");
        Map<String, Object> theirGrid = shop(null, "外所网格" + tag());
        theirGrid.remove("addressId");
        theirGrid.put("gridId", fx.gridId("NS-1-01"));
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/organisations", theirGrid).body()))
                .containsOnlyKeys("gridId");
        Map<String, Object> sameLicence = shop(address, "同号" + tag());
        sameLicence.put("licenceNo", o.get("licenceNo").asText());
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/organisations", sameLicence).body()))
                .containsOnlyKeys("licenceNo");
        assertThat(jdbc.sql("SELECT count(*) FROM organisation").query(Long.class).single()).isEqualTo(before);

        String url = "/api/v1/organisations/" + id + "/inspections";
        HousingFixtures.Answer noDeadline = fx.call("officer", "POST", url, Map.of("inspectedOn", today.toString(),
                "hazards", "电线老化"), "Accept-Language", "en");
        assertThat(HousingFixtures.errors(noDeadline.body()))
                .containsEntry("rectifyBy", "A hazard found needs a deadline for rectification");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", url, Map.of("inspectedOn", today.toString(),
                "rectifyBy", today.plusDays(3).toString())).body())).containsOnlyKeys("rectifyBy");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", url, Map.of("inspectedOn",
                today.plusDays(1).toString())).body())).containsOnlyKeys("inspectedOn");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", url, Map.of("inspectedOn", today.toString(),
                "hazards", "电线老化", "rectifyBy", today.minusDays(1).toString())).body())).containsOnlyKeys("rectifyBy");
        assertThat(jdbc.sql("SELECT count(*) FROM fire_inspection WHERE organisation_id = ?::uuid").param(id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anotherStationsOrganisationIsNotFoundOnEveryEndpointWhileTheBureauSeesBoth() {
        JsonNode mine = organisation("officer", "FS-2-05");
        JsonNode theirs = organisation("officer2", "NS-2-01");
        PlacesFixtures.Person staffer = places.person("officer2", "NS-2-01", "员工" + tag().substring(0, 2),
                Residence.PERMANENT, null);
        JsonNode staffed = fx.call("officer2", "POST", "/api/v1/organisations/" + theirs.get("id").asText() + "/staff",
                Map.of("personId", staffer.id(), "role", "MANAGER")).body();
        JsonNode inspected = fx.call("officer2", "POST", "/api/v1/organisations/" + theirs.get("id").asText()
                + "/inspections", Map.of("inspectedOn", today.toString(), "hazards", "杂物堆放",
                "rectifyBy", today.plusDays(5).toString())).body();
        String staffId = staffed.get("staff").get(0).get("id").asText();
        String inspectionId = inspected.get("inspections").get(0).get("id").asText();

        for (String target : List.of(theirs.get("id").asText(), UUID.randomUUID().toString())) {
            String url = "/api/v1/organisations/" + target;
            assertThat(fx.get("officer", url).status()).isEqualTo(404);
            assertThat(fx.call("officer", "PUT", url, shop(UUID.fromString(mine.get("addressId").asText()), "改名"))
                    .status()).isEqualTo(404);
            assertThat(fx.call("officer", "POST", url + "/staff", Map.of("personId", UUID.randomUUID(),
                    "role", "MANAGER")).status()).isEqualTo(404);
            assertThat(fx.call("officer", "POST", url + "/staff/" + staffId + "/end", Map.of("on", today.toString()))
                    .status()).isEqualTo(404);
            assertThat(fx.call("officer", "POST", url + "/inspections", Map.of("inspectedOn", today.toString()))
                    .status()).isEqualTo(404);
            assertThat(fx.call("officer", "POST", url + "/inspections/" + inspectionId + "/rectified",
                    Map.of("on", today.toString())).status()).isEqualTo(404);
            assertThat(fx.call("officer", "POST", url + "/reveal", Map.of("field", "phone", "reason", "核实单位电话"))
                    .status()).isEqualTo(404);
        }
        assertThat(fx.get("officer2", "/api/v1/organisations/" + mine.get("id").asText()).status()).isEqualTo(404);
        assertThat(fx.call("officer2", "POST", "/api/v1/organisations/" + mine.get("id").asText() + "/inspections",
                Map.of("inspectedOn", today.toString())).status()).isEqualTo(404);
        assertThat(fx.get("bureau", "/api/v1/organisations/" + mine.get("id").asText()).status()).isEqualTo(200);
        assertThat(fx.get("bureau", "/api/v1/organisations/" + theirs.get("id").asText()).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM fire_inspection WHERE organisation_id = ?::uuid")
                .param(theirs.get("id").asText()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void staffOutsideTheCallersJurisdictionAreNamedWithoutTheirIdOrNumbers() {
        // the bureau files a shop of officer's station whose manager is a person of officer2's station
        UUID address = places.address("officer", "FS-2-03", "商业街" + tag());
        JsonNode shop = create("bureau", shop(address, "跨所店" + tag()));
        String id = shop.get("id").asText();
        PlacesFixtures.Person manager = places.person("officer2", "NS-2-01", "外所经理" + tag().substring(0, 2),
                Residence.PERMANENT, null);
        assertThat(fx.call("bureau", "POST", "/api/v1/organisations/" + id + "/staff",
                Map.of("personId", manager.id(), "role", "MANAGER")).status()).isEqualTo(201);
        assertThat(fx.get("officer", "/api/v1/persons/" + manager.id()).status()).as("not his to open").isEqualTo(404);

        JsonNode seen = fx.get("officer", "/api/v1/organisations/" + id).body().get("staff").get(0);
        assertThat(seen.get("name").asText()).isEqualTo(manager.name());
        assertThat(seen.get("visible").asBoolean()).isFalse();
        assertThat(seen.path("personId").isNull() || seen.path("personId").isMissingNode()).as(seen.toString()).isTrue();
        assertThat(fx.get("officer", "/api/v1/organisations/" + id).body().toString())
                .doesNotContain(manager.id().toString());
        // the bureau, who may open him, gets his id
        assertThat(fx.get("bureau", "/api/v1/organisations/" + id).body().get("staff").get(0).get("personId").asText())
                .isEqualTo(manager.id().toString());
    }

    /** A shop of officer's station, filed by the bureau, whose owner is a person of officer2's station. */
    record OwnedElsewhere(UUID address, PlacesFixtures.Person owner, Map<String, Object> body, String id) {
    }

    OwnedElsewhere shopOwnedElsewhere(String ownerName, String shopName) {
        UUID address = places.address("officer", "FS-2-04", "商业街" + tag());
        PlacesFixtures.Person owner = places.person("officer2", "NS-2-01", ownerName + tag().substring(0, 2),
                Residence.PERMANENT, null);
        Map<String, Object> body = shop(address, shopName + tag());
        body.put("ownerPersonId", owner.id());
        return new OwnedElsewhere(address, owner, body, create("bureau", body).get("id").asText());
    }

    @Test
    void anOwnerOutsideTheCallersJurisdictionIsNamedWithoutHisIdAndKeptWhenTheCallerChangesTheShop() {
        OwnedElsewhere shop = shopOwnedElsewhere("外所店主", "外主店");
        UUID address = shop.address();
        PlacesFixtures.Person owner = shop.owner();
        Map<String, Object> body = shop.body();
        String id = shop.id();

        JsonNode seen = fx.get("officer", "/api/v1/organisations/" + id).body();
        assertThat(seen.get("owner").get("name").asText()).isEqualTo(owner.name());
        assertThat(seen.get("owner").get("visible").asBoolean()).isFalse();
        assertThat(seen.toString()).doesNotContain(owner.id().toString());
        JsonNode listed = fx.get("officer", "/api/v1/organisations?q=" + AddressApiIntegrationTests.enc(
                body.get("name").toString())).body().get("items").get(0);
        assertThat(listed.get("owner").get("name").asText()).isEqualTo(owner.name());
        assertThat(listed.toString()).doesNotContain(owner.id().toString());

        // the officer's form cannot send back an owner it was not given: his change keeps him, not drops him
        Map<String, Object> change = shop(address, "外主店改" + tag());
        change.put("licenceNo", seen.get("licenceNo").asText());
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/organisations/" + id, change);
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
        assertThat(fx.get("bureau", "/api/v1/organisations/" + id).body().get("owner").get("personId").asText())
                .isEqualTo(owner.id().toString());
        assertThat(jdbc.sql("SELECT owner_person_id FROM organisation WHERE id = ?::uuid").param(id)
                .query(UUID.class).single()).isEqualTo(owner.id());
    }

    @Test
    void anOwnerOutsideTheCallersJurisdictionIsRemovedWhenTheChangeSaysHeWasClearedAndTheTrailSaysSo() {
        OwnedElsewhere shop = shopOwnedElsewhere("外清店主", "清主店");
        PlacesFixtures.Person owner = shop.owner();
        Map<String, Object> body = shop.body();
        String id = shop.id();
        long seq = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();

        // the officer cleared the owner he was shown by name only: the change says so, and he is gone
        Map<String, Object> change = shop(shop.address(), body.get("name").toString());
        change.put("licenceNo", body.get("licenceNo"));
        change.put("ownerCleared", true);
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/organisations/" + id, change);
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
        assertThat(changed.body().path("owner").path("name").isMissingNode()).as(changed.body().toString()).isTrue();
        assertThat(jdbc.sql("SELECT owner_person_id FROM organisation WHERE id = ?::uuid").param(id)
                .query(UUID.class).optional()).isEmpty();
        assertThat(fx.get("bureau", "/api/v1/organisations/" + id).body().path("owner").path("name").isMissingNode())
                .isTrue();
        Map<String, Object> audit = jdbc.sql("""
                SELECT action, actor, before->>'ownerPersonId' AS before_owner, after->>'ownerPersonId' AS after_owner
                FROM audit_entry WHERE seq > ? AND record_type = 'organisation' AND record_id = ?
                  AND action = 'UPDATE'""")
                .params(seq, id).query().singleRow();
        assertThat(audit).containsEntry("action", "UPDATE").containsEntry("actor", "officer")
                .containsEntry("before_owner", owner.id().toString()).containsEntry("after_owner", null);
    }

    @Test
    void theListFiltersByKindSmallPlaceTextAndGrid() {
        String word = "测" + tag();
        UUID address = places.address("officer", "FS-3-02", "商业街" + tag());
        JsonNode eatery = create("officer", shop(address, word + "饭店"));
        Map<String, Object> firm = shop(address, word + "加工厂");
        firm.put("kind", "FIRM");
        firm.remove("smallPlace");
        JsonNode factory = create("officer", firm);
        String e = eatery.get("id").asText();
        String f = factory.get("id").asText();
        String q = "&q=" + AddressApiIntegrationTests.enc(word);

        assertThat(list("officer", q)).containsExactlyInAnyOrder(e, f);
        assertThat(list("officer", q + "&kind=FIRM")).containsExactly(f);
        assertThat(list("officer", q + "&ninePlaces=true")).containsExactly(e);
        assertThat(list("officer", q + "&smallPlace=EATERY")).containsExactly(e);
        assertThat(list("officer", q + "&smallPlace=HOTEL")).isEmpty();
        assertThat(list("officer", "&q=" + factory.get("licenceNo").asText())).containsExactly(f);
        assertThat(list("officer", q + "&gridId=" + fx.gridId("FS-3-01"))).isEmpty();
        assertThat(list("officer2", q)).isEmpty();
        assertThat(fx.get("officer", "/api/v1/organisations?kind=CASINO").status()).isEqualTo(400);
        JsonNode onePage = fx.get("bureau", "/api/v1/organisations?size=1&ninePlaces=true").body();
        assertThat(onePage.get("items")).hasSize(1);
        assertThat(onePage.get("total").asLong()).as("the demo's 35 and these").isGreaterThanOrEqualTo(36);
    }

    List<String> list(String user, String query) {
        return AddressApiIntegrationTests.ids(fx.get(user, "/api/v1/organisations?size=100" + query).body());
    }
}
