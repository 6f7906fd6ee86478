package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.fengqiao.support.VerificationTaskFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A village handed from one office to another (the rural central office, where officer sits, to the urban station's
 * 和平 workstation, where officer2 sits): its grids with their work points, its people and its open items go with it,
 * seen from the new chain and no longer from the old. Each test builds its own village, so that nothing else moves.
 */
class CommunityMoveIntegrationTests extends IntegrationTest {

    static final String RURAL_OFFICE = "320722010100";
    static final String RURAL_STATION = "320722010000";
    static final String HEPING_WORKSTATION = "320722020100";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    org.fengqiao.account.StaffDirectory directory;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired
    org.springframework.context.MessageSource messages;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    JurisdictionApi api;
    TreeFixtures tree;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        tree = new TreeFixtures(jurisdictions, jdbc);
    }

    /** A rural village as the demo builds one: a grid at its own work point (网格有点) and one at the office itself. */
    record Village(Community village, Grid placed, Grid atOffice, UUID person, UUID incident, String auxiliary) {
    }

    Village ruralVillage() {
        Unit office = tree.unit(RURAL_OFFICE);
        Community village = tree.village(office, "IT-CM-V-", "移交村");
        Grid grid = tree.grid(village, null, "IT-CM-G-", "移交网格");
        Grid placed = jurisdictions.setUpWorkPoint(grid.id());
        Grid atOffice = tree.grid(village, null, "IT-CM-H-", "移交网格");
        UUID person = tree.person(placed, "移交居民");
        // owned by the grid's work point and its auxiliary policeman there, who go along with the village
        String login = "itcm" + TreeFixtures.unique();
        UUID auxiliary = directory.register(placed.unitId(), org.fengqiao.account.StaffRole.AUXILIARY_POLICE,
                "网格辅警" + login.substring(4), null, null, "辅警", login, DEMO_PASSWORD).id().value();
        UUID incident = tree.openIncident(placed, jurisdictions.unit(placed.unitId()).orElseThrow(), auxiliary,
                "RECEIVED");
        return new Village(village, placed, atOffice, person, incident, login);
    }

    JurisdictionApi.Answer move(String username, Community village, UUID unitId, String language) {
        return api.call(username, HttpMethod.PUT, "/api/v1/communities/" + village.id().value() + "/unit",
                unitId == null ? Map.of() : Map.of("unitId", unitId.toString()), language);
    }

    UUID unitOf(Community village) {
        return jdbc.sql("SELECT unit_id FROM community WHERE id = ?").param(village.id().value()).query(UUID.class)
                .single();
    }

    @Test
    void aHandedOverVillagesGridsPersonAndIncidentAreSeenFromTheNewChainAndNoLongerFromTheOld() {
        Village v = ruralVillage();
        List<String> urls = List.of("/api/v1/persons/" + v.person(), "/api/v1/incidents/" + v.incident(),
                "/api/v1/grids/" + v.placed().id(), "/api/v1/grids/" + v.atOffice().id(),
                "/api/v1/communities/" + v.village().id().value());
        for (String url : urls) {
            assertThat(api.get("officer", url).status()).as("before, the rural officer: " + url).isEqualTo(200);
            assertThat(api.get("officer2", url).status()).as("before, the urban officer: " + url).isEqualTo(404);
        }

        // the station chief and the auxiliary at the grid's work point were each told of the open item
        UUID chief = tree.staffId("chief");
        UUID auxiliary = tree.staffId(v.auxiliary());
        String oldPath = jurisdictions.grid(v.placed().id()).orElseThrow().unitPath();
        for (UUID recipient : List.of(chief, auxiliary)) {
            jdbc.sql("""
                    INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject,
                                             created_at)
                    VALUES (gen_random_uuid(), ?, 'INCIDENT_INFORMED', 'incident', ?, ?, ?, '移交村的事项', now())""")
                    .params(recipient, v.incident(), "/incidents/" + v.incident(), oldPath).update();
        }
        assertThat(inboxOf("chief")).contains(v.incident().toString());

        UUID heping = api.unitId(HEPING_WORKSTATION);
        JurisdictionApi.Answer moved = move("bureau", v.village(), heping, null);
        assertThat(moved.status()).as(String.valueOf(moved.body())).isEqualTo(200);
        assertThat(moved.body().get("unitId").asText()).isEqualTo(heping.toString());

        for (String url : urls) {
            assertThat(api.get("officer", url).status()).as("after, the rural officer: " + url).isEqualTo(404);
            assertThat(api.get("chief", url).status()).as("after, the rural station's chief: " + url).isEqualTo(404);
            assertThat(api.get("officer2", url).status()).as("after, the urban officer: " + url).isEqualTo(200);
            assertThat(api.get("bureau", url).status()).as("after, the bureau: " + url).isEqualTo(200);
        }
        // whoever serves the grid at its work point went along and still sees it
        assertThat(api.get(v.auxiliary(), "/api/v1/incidents/" + v.incident()).status()).isEqualTo(200);
        // the grid's work point went along under the new workstation, the other grid is placed at it
        Unit point = jurisdictions.unit(v.placed().unitId()).orElseThrow();
        Unit hepingUnit = jurisdictions.unit(new UnitId(heping)).orElseThrow();
        assertThat(point.parentId()).isEqualTo(hepingUnit.id());
        assertThat(point.path()).isEqualTo(hepingUnit.path() + point.id().value() + "/");
        assertThat(jurisdictions.grid(v.atOffice().id()).orElseThrow().unitId()).isEqualTo(hepingUnit.id());
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'community' AND action = 'UPDATE' AND record_id = ?""")
                .param(v.village().id().value().toString()).query(Long.class).single()).isEqualTo(1);
        // each grid's trail shows its move: the one at the office re-placed, the one at its work point carried along
        for (Grid grid : List.of(v.placed(), v.atOffice())) {
            List<String> after = jdbc.sql("""
                    SELECT after::text FROM audit_entry WHERE record_type = 'grid' AND action = 'UPDATE' AND record_id = ?
                    AND before::text LIKE ?""")
                    .params(grid.id().value().toString(), "%" + grid.unitPath() + "%").query(String.class).list();
            assertThat(after).as(grid.code()).singleElement().asString()
                    .contains(jurisdictions.grid(grid.id()).orElseThrow().unitPath());
        }
        // the item's inbox entries are read from where it lies now: the old chain's chief is no longer told of it
        assertThat(inboxOf("chief")).doesNotContain(v.incident().toString());
        assertThat(inboxOf(v.auxiliary())).contains(v.incident().toString());
    }

    String inboxOf(String username) {
        return api.get(username, "/api/v1/inbox?size=100").body().toString();
    }

    @Test
    void aTargetOfTheWrongKindRetiredOrOutsideTheCallersTreeIsRefusedInHisLanguageChangingNothing() {
        Village v = ruralVillage();
        UUID office = unitOf(v.village());

        JurisdictionApi.Answer station = move("bureau", v.village(), api.unitId(RURAL_STATION), null);
        assertThat(station.status()).isEqualTo(400);
        assertThat(station.body().toString()).contains("只能移交给中心警务室或警务工作站");
        JurisdictionApi.Answer point = move("bureau", v.village(), v.placed().unitId().value(), "en");
        assertThat(point.status()).isEqualTo(400);
        assertThat(point.body().toString()).contains("can only be handed to a central police office or a police workstation");

        Unit retired = jurisdictions.createUnit(tree.unit(RURAL_STATION).id(), UnitKind.WORKSTATION,
                "IT-CM-R-" + TreeFixtures.unique(), "撤销工作站", null);
        assertThat(api.call("bureau", HttpMethod.DELETE, "/api/v1/units/" + retired.id(), null, null).status())
                .isEqualTo(204);
        JurisdictionApi.Answer gone = move("bureau", v.village(), retired.id().value(), null);
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.body().toString()).contains("单位不存在、已撤销或不在您的辖区内");

        // the rural chief does not see the urban workstation, nor may he hand an urban community anywhere
        JurisdictionApi.Answer outside = move("chief", v.village(), api.unitId(HEPING_WORKSTATION), null);
        assertThat(outside.status()).isEqualTo(400);
        Community urban = jurisdictions.communityByCode("320722001001").orElseThrow();
        assertThat(move("chief", urban, office, null).status()).isEqualTo(404);
        assertThat(unitOf(urban)).isEqualTo(urban.unitId().value());

        assertThat(unitOf(v.village())).isEqualTo(office);
        assertThat(jurisdictions.grid(v.atOffice().id()).orElseThrow().unitId().value()).isEqualTo(office);
        assertThat(jurisdictions.unit(v.placed().unitId()).orElseThrow().parentId().value()).isEqualTo(office);
    }

    @Test
    void anOpenItemTheOldOfficeOwnsGoesWithTheVillageToANamedPersonOfTheNewUnitWhoIsToldOfIt() {
        Village v = ruralVillage();
        UUID owned = tree.openIncident(v.atOffice(), tree.unit(RURAL_OFFICE), tree.staffId("officer"), "DISPATCHED");
        org.fengqiao.account.ApiClient bureau = new org.fengqiao.account.ApiClient(port)
                .signedIn("bureau", DEMO_PASSWORD, null);
        assertThat(bureau.get("/units", null).body()).contains("id=\"move-community-form\"", v.village().name());
        UUID heping = api.unitId(HEPING_WORKSTATION);
        Map<String, String> form = Map.of("communityId", v.village().id().value().toString(),
                "unitId", heping.toString());

        bureau.form("/communities/move?lang=zh-CN", with(form, bureau.csrfFrom("/units")));
        assertThat(bureau.get("/units", null).body()).contains("社区（村）已移交");
        assertThat(unitOf(v.village())).isEqualTo(heping);

        // the office's item now belongs to the new workstation, with a person there named, and says why
        Map<String, Object> item = jdbc.sql("SELECT owner_unit_id, owner_staff_id FROM incident WHERE id = ?")
                .param(owned).query().singleRow();
        assertThat(item.get("owner_unit_id")).isEqualTo(heping);
        UUID newOwner = (UUID) item.get("owner_staff_id");
        assertThat(jdbc.sql("SELECT unit_id FROM staff WHERE id = ?").param(newOwner).query(UUID.class).single())
                .isEqualTo(heping);
        assertThat(jdbc.sql("SELECT note FROM incident_event WHERE incident_id = ? AND kind = 'HANDED_OVER'")
                .param(owned).query(String.class).single()).isEqualTo(tree.unit(RURAL_OFFICE).name());
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'incident' AND action = 'UPDATE' AND record_id = ?""")
                .param(owned.toString()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM inbox_entry WHERE record_id = ? AND recipient_id = ? AND kind = 'INCIDENT_ASSIGNED'""")
                .params(owned, newOwner).query(Long.class).single()).isEqualTo(1);
        String login = jdbc.sql("SELECT username FROM staff WHERE id = ?").param(newOwner).query(String.class).single();
        assertThat(api.get(login, "/api/v1/incidents/" + owned).status()).isEqualTo(200);
        assertThat(api.get("officer", "/api/v1/incidents/" + owned).status()).isEqualTo(404);
        // the auxiliary's item went along with his work point: still his (its step: the next test)
        assertThat(jdbc.sql("SELECT owner_staff_id FROM incident WHERE id = ?").param(v.incident()).query(UUID.class)
                .single()).isEqualTo(tree.staffId(v.auxiliary()));
    }

    /**
     * An item whose owner went along with the village (the grid's work point and the auxiliary there) stays his, and
     * its timeline says it went, where to, and that it is still his; he is told so in his inbox, his earlier ask read
     * in its place, and the old station's webhook hears it left.
     */
    @Test
    void anItemWhoseOwnerGoesAlongWithTheVillageStaysHisAndItsTimelineAndHisInboxSaySo() {
        Village v = ruralVillage();
        UUID auxiliary = tree.staffId(v.auxiliary());
        jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject,
                                         created_at)
                VALUES (gen_random_uuid(), ?, 'INCIDENT_ASSIGNED', 'incident', ?, ?, ?, '随村的事项', now() - interval '1 hour')""")
                .params(auxiliary, v.incident(), "/incidents/" + v.incident(), v.placed().unitPath()).update();
        UUID heping = api.unitId(HEPING_WORKSTATION);
        List<UUID> hooks = new java.util.ArrayList<>();
        try {
            UUID lost = webhook(api.unitId(RURAL_STATION), hooks);

            assertThat(move("bureau", v.village(), heping, null).status()).isEqualTo(200);

            Map<String, Object> item = jdbc.sql("SELECT owner_unit_id, owner_staff_id FROM incident WHERE id = ?")
                    .param(v.incident()).query().singleRow();
            assertThat(item).containsEntry("owner_unit_id", v.placed().unitId().value())
                    .containsEntry("owner_staff_id", auxiliary);
            Map<String, Object> step = jdbc.sql("""
                    SELECT owner_staff_id, owner_unit_id, reason, note FROM incident_event
                    WHERE incident_id = ? AND kind = 'HANDED_OVER'""").param(v.incident()).query().singleRow();
            assertThat(step).containsEntry("owner_staff_id", auxiliary)
                    .containsEntry("owner_unit_id", v.placed().unitId().value())
                    .containsEntry("reason", "incident.handOver.alongWithVillage")
                    .containsEntry("note", tree.unit(HEPING_WORKSTATION).name());
            String timeline = api.get(v.auxiliary(), "/api/v1/incidents/" + v.incident()).body().toString();
            assertThat(timeline).contains("负责单位随同移交，事项仍由原负责人办理")
                    .contains("移交后隶属：" + tree.unit(HEPING_WORKSTATION).name());
            // one ask stands in his inbox, the one that says why, and he can open it
            List<String> asks = jdbc.sql("""
                    SELECT coalesce(reason, '') FROM inbox_entry WHERE record_id = ? AND recipient_id = ?
                      AND kind = 'INCIDENT_ASSIGNED' AND read_at IS NULL""").params(v.incident(), auxiliary)
                    .query(String.class).list();
            assertThat(asks).containsExactly("incident.handOver.alongWithVillage");
            assertThat(inboxOf(v.auxiliary())).contains(v.incident().toString());
            assertThat(handedOver(lost, v.incident())).as("the old station's webhook").hasSize(1);
        } finally {
            hooks.forEach(h -> jdbc.sql("UPDATE webhook SET active = false WHERE id = ?").param(h).update());
        }
    }

    /**
     * The old chain's entries kept for its information (the station chief's) no longer show once the item went with its
     * village, and are read once its new owner closes it, with every other entry of a closed item.
     */
    @Test
    void theOldChainsEntriesForInformationAreReadOnceTheItemHandedOverIsClosed() {
        Village v = ruralVillage();
        UUID owned = tree.openIncident(v.atOffice(), tree.unit(RURAL_OFFICE), tree.staffId("officer"), "ACKNOWLEDGED");
        UUID chief = tree.staffId("chief");
        jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject,
                                         created_at)
                VALUES (gen_random_uuid(), ?, 'INCIDENT_INFORMED', 'incident', ?, ?, ?, '移交村的事项', now())""")
                .params(chief, owned, "/incidents/" + owned, v.atOffice().unitPath()).update();
        assertThat(move("bureau", v.village(), api.unitId(HEPING_WORKSTATION), null).status()).isEqualTo(200);
        UUID newOwner = jdbc.sql("SELECT owner_staff_id FROM incident WHERE id = ?").param(owned).query(UUID.class)
                .single();
        String login = jdbc.sql("SELECT username FROM staff WHERE id = ?").param(newOwner).query(String.class).single();

        for (String step : List.of("resolve", "answer")) {
            JurisdictionApi.Answer done = api.call(login, HttpMethod.POST, "/api/v1/incidents/" + owned + "/" + step,
                    Map.of("note", "已办结"), null);
            assertThat(done.status()).as(step + ": " + done.body()).isEqualTo(200);
        }

        java.time.OffsetDateTime answered = jdbc.sql(
                "SELECT at FROM incident_event WHERE incident_id = ? AND kind = 'ANSWERED'").param(owned)
                .query(java.time.OffsetDateTime.class).single();
        assertThat(jdbc.sql("""
                SELECT read_at FROM inbox_entry WHERE record_id = ? AND recipient_id = ? AND kind = 'INCIDENT_INFORMED'""")
                .params(owned, chief).query(java.time.OffsetDateTime.class).single()).isEqualTo(answered);
    }

    /**
     * The station that loses an item with its village hears of it as the one that takes it does: its webhook gets the
     * HANDED_OVER step naming the office that owned it, the new station's gets the same step, and the bureau's, above
     * both, gets it once. The old owner's entry that asked him to handle it is read from the moment it left him.
     */
    @Test
    void anItemHandedOverWithItsVillageReachesTheWebhooksOfTheStationThatLostItAndOfTheOneThatTookIt() {
        Village v = ruralVillage();
        UUID officer = tree.staffId("officer");
        UUID owned = tree.openIncident(v.atOffice(), tree.unit(RURAL_OFFICE), officer, "ACKNOWLEDGED");
        jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject,
                                         created_at)
                VALUES (gen_random_uuid(), ?, 'INCIDENT_ASSIGNED', 'incident', ?, ?, ?, '移交村的事项', now())""")
                .params(officer, owned, "/incidents/" + owned, v.atOffice().unitPath()).update();
        UUID heping = api.unitId(HEPING_WORKSTATION);
        UUID urbanStation = jurisdictions.unit(new UnitId(heping)).orElseThrow().parentId().value();
        List<UUID> hooks = new java.util.ArrayList<>();
        try {
            UUID lost = webhook(api.unitId(RURAL_STATION), hooks);
            UUID took = webhook(urbanStation, hooks);
            UUID bureau = webhook(tree.unit(RURAL_STATION).parentId().value(), hooks);

            assertThat(move("bureau", v.village(), heping, null).status()).isEqualTo(200);

            String office = tree.unit(RURAL_OFFICE).id().value().toString();
            for (UUID hook : List.of(lost, took, bureau)) {
                List<com.fasterxml.jackson.databind.JsonNode> steps = handedOver(hook, owned);
                assertThat(steps).as("the HANDED_OVER steps queued for webhook " + hook).hasSize(1);
                assertThat(steps.get(0).get("ownerUnitId").asText()).isEqualTo(heping.toString());
                assertThat(steps.get(0).get("previousOwnerUnitId").asText()).isEqualTo(office);
                assertThat(steps.get(0).get("previousOwnerUnitName").asText()).isEqualTo(tree.unit(RURAL_OFFICE).name());
            }
            // the old owner no longer has it to handle: his entry is read at the hand-over's moment
            java.time.OffsetDateTime at = jdbc.sql(
                    "SELECT at FROM incident_event WHERE incident_id = ? AND kind = 'HANDED_OVER'").param(owned)
                    .query(java.time.OffsetDateTime.class).single();
            assertThat(jdbc.sql("""
                    SELECT read_at FROM inbox_entry WHERE record_id = ? AND recipient_id = ? AND kind = 'INCIDENT_ASSIGNED'""")
                    .params(owned, officer).query(java.time.OffsetDateTime.class).single()).isEqualTo(at);
        } finally {
            hooks.forEach(h -> jdbc.sql("UPDATE webhook SET active = false WHERE id = ?").param(h).update());
        }
    }

    /** Registers a webhook of the unit as the bureau, kept to be stopped after the test. */
    UUID webhook(UUID unit, List<UUID> hooks) {
        JurisdictionApi.Answer r = api.call("bureau", HttpMethod.POST, "/api/v1/webhooks", Map.of("unitId",
                unit.toString(), "url", "http://127.0.0.1:9/hook", "secret", "s3cret-for-the-receiver",
                "description", "移交测试"), null);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        UUID id = UUID.fromString(r.body().get("id").asText());
        hooks.add(id);
        return id;
    }

    /** The payloads of the HANDED_OVER steps of an item queued for a webhook. */
    List<com.fasterxml.jackson.databind.JsonNode> handedOver(UUID webhook, UUID incident) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        return jdbc.sql("SELECT payload::text FROM webhook_delivery WHERE webhook_id = ?").param(webhook)
                .query(String.class).list().stream().map(p -> {
                    try {
                        return json.readTree(p);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).filter(p -> p.get("incidentId").asText().equals(incident.toString())
                        && p.get("kind").asText().equals("HANDED_OVER")).toList();
    }

    @Test
    void aVillageGivenAWorkstationOfItsOwnUnderItsOfficeTakesItsGridsWorkPointsUnderIt() {
        Village v = ruralVillage();
        Unit workstation = jurisdictions.createUnit(tree.unit(RURAL_OFFICE).id(), UnitKind.WORKSTATION,
                "IT-CM-W-" + TreeFixtures.unique(), "一村一警工作站", null);
        JurisdictionApi.Answer moved = move("bureau", v.village(), workstation.id().value(), null);
        assertThat(moved.status()).as(String.valueOf(moved.body())).isEqualTo(200);
        assertThat(jurisdictions.unit(v.placed().unitId()).orElseThrow().parentId()).isEqualTo(workstation.id());
        assertThat(jurisdictions.grid(v.atOffice().id()).orElseThrow().unitId()).isEqualTo(workstation.id());
        // the office above still sees all of it, the urban officer none
        assertThat(api.get("officer", "/api/v1/persons/" + v.person()).status()).isEqualTo(200);
        assertThat(api.get("officer2", "/api/v1/persons/" + v.person()).status()).isEqualTo(404);
    }

    /**
     * 件件有着落: a village is not handed to a unit where nobody at or above can own its open items. The demo's chain
     * always has the bureau's command, so the test builds a county of its own with nobody in it, in a transaction it
     * rolls back (a second county must not outlive the test); the hand-over itself runs in a savepoint, as in its own
     * transaction, so that what it leaves behind is read after its refusal rolled it back.
     */
    @Test
    void aVillageIsNotHandedWhereNobodyAtOrAboveTheNewUnitCanOwnItsOpenItemsAndTheRefusalSaysSoInBothLanguages() {
        org.springframework.transaction.support.TransactionTemplate outer =
                new org.springframework.transaction.support.TransactionTemplate(transactions);
        org.springframework.transaction.support.TransactionTemplate handOver =
                new org.springframework.transaction.support.TransactionTemplate(transactions);
        handOver.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        outer.executeWithoutResult(tx -> {
            try {
                Unit office = tree.unit(RURAL_OFFICE);
                Community village = tree.village(office, "IT-CM-N-", "无人接手村");
                Grid grid = tree.grid(village, null, "IT-CM-N-", "无人接手网格");
                UUID incident = tree.openIncident(grid, office, tree.staffId("officer"), "RECEIVED");
                String n = TreeFixtures.unique();
                Unit county = jurisdictions.createUnit(null, UnitKind.BUREAU, "IT-CM-B-" + n, "无人县公安局" + n, null);
                Unit station = jurisdictions.createUnit(county.id(), UnitKind.STATION, "IT-CM-S-" + n, "无人派出所" + n,
                        null);
                Unit empty = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "IT-CM-E-" + n,
                        "无人工作站" + n, null);
                org.fengqiao.platform.Caller both = new org.fengqiao.platform.Caller(null, "it", "两县", "BUREAU_COMMAND",
                        List.of(office.path(), county.path()), java.util.Set.of("JURISDICTION_READ",
                                "JURISDICTION_MANAGE"));

                org.fengqiao.platform.Conflict refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                        org.fengqiao.platform.Conflict.class, () -> handOver.executeWithoutResult(
                                inner -> jurisdictions.moveCommunity(village.id(), empty.id(), both)));
                assertThat(refused).as("the hand-over to a unit with nobody at or above it").isNotNull();
                assertThat(refused.key()).isEqualTo("incident.handOver.nobody");
                assertThat(messages.getMessage(refused.key(), refused.args(), java.util.Locale.SIMPLIFIED_CHINESE))
                        .isEqualTo("“" + empty.name() + "”及其上级单位没有可以负责事项的在岗人员，1 件未结事项无人接手："
                                + "请先在“" + empty.name() + "”配备人员");
                assertThat(messages.getMessage(refused.key(), refused.args(), java.util.Locale.ENGLISH))
                        .isEqualTo("Nobody at " + empty.name() + " or above can own an item: 1 open item would have no"
                                + " owner. Staff " + empty.name() + " first");
                // nothing moved: the village, its grid and its item stay where and whose they were
                assertThat(unitOf(village)).isEqualTo(office.id().value());
                assertThat(jurisdictions.grid(grid.id()).orElseThrow().unitId()).isEqualTo(office.id());
                assertThat(jdbc.sql("SELECT owner_unit_id FROM incident WHERE id = ?").param(incident)
                        .query(UUID.class).single()).isEqualTo(office.id().value());
                assertThat(jdbc.sql("SELECT count(*) FROM incident_event WHERE incident_id = ? AND kind = 'HANDED_OVER'")
                        .param(incident).query(Long.class).single()).isZero();
            } finally {
                tx.setRollbackOnly();
            }
        });
    }

    static Map<String, String> with(Map<String, String> form, String csrf) {
        Map<String, String> all = new java.util.HashMap<>(form);
        all.put("_csrf", csrf);
        return all;
    }

    @Test
    void aVerificationTaskWhoseOfficerStaysBehindGoesWithTheVillageToTheNewStationsDutyPersonWhoIsToldOfIt() {
        Village v = ruralVillage();
        UUID officer = tree.staffId("officer");
        UUID auxiliary = tree.staffId(v.auxiliary());
        UUID officers = VerificationTaskFixtures.task(jdbc, v.atOffice().id().value(), "ASSIGNED", officer);
        UUID auxiliarys = VerificationTaskFixtures.task(jdbc, v.placed().id().value(), "ASSIGNED", auxiliary);

        JurisdictionApi.Answer moved = move("bureau", v.village(), api.unitId(HEPING_WORKSTATION), null);

        assertThat(moved.status()).as(String.valueOf(moved.body())).isEqualTo(200);
        // the grid at the office has nobody on its roster who reads it there: the new station's duty person takes it
        UUID duty = directory.stationDuty(jurisdictions.grid(v.atOffice().id()).orElseThrow().unitId()).orElseThrow()
                .person().id().value();
        assertThat(duty).isNotEqualTo(officer);
        assertThat(VerificationTaskFixtures.assignee(jdbc, officers)).isEqualTo(duty);
        assertThat(VerificationTaskFixtures.told(jdbc, duty, officers)).isEqualTo(1);
        assertThat(api.get("officer", "/api/v1/verification-tasks/" + officers).status()).isEqualTo(404);
        // the auxiliary at the grid's work point went along and still reads his
        assertThat(VerificationTaskFixtures.assignee(jdbc, auxiliarys)).isEqualTo(auxiliary);
        assertThat(api.get(v.auxiliary(), "/api/v1/verification-tasks/" + auxiliarys).status()).isEqualTo(200);
    }

    /**
     * One rule says who reads a grid, the sign-in's: a grid worker who serves no grid (a coordinator whose term ended)
     * reads his unit's subtree. Seated at the grid's work point, which goes along with the village, his list still
     * shows the grid's tasks after the hand-over, and the hand-over, asking the same rule, leaves him the task he
     * holds there.
     */
    @Test
    void aGridWorkerServingNoGridKeepsTheTaskHisListStillShowsWhenHisUnitGoesAlongWithTheVillage() {
        Village v = ruralVillage();
        String login = "itcmc" + TreeFixtures.unique();
        UUID coordinator = directory.register(v.placed().unitId(), org.fengqiao.account.StaffRole.GRID_COORDINATOR,
                "协调员" + login.substring(5), null, null, "协调员", login, DEMO_PASSWORD).id().value();
        UUID grid = v.placed().id().value();
        UUID his = VerificationTaskFixtures.task(jdbc, grid, "ASSIGNED", coordinator);
        UUID open = VerificationTaskFixtures.task(jdbc, grid, "OPEN", null);
        assertThat(api.get(login, "/api/v1/verification-tasks?size=200").body().toString())
                .contains(his.toString(), open.toString());

        assertThat(move("bureau", v.village(), api.unitId(HEPING_WORKSTATION), null).status()).isEqualTo(200);

        assertThat(api.get(login, "/api/v1/verification-tasks?size=200").body().toString())
                .as("his list reads the grid").contains(his.toString(), open.toString());
        assertThat(VerificationTaskFixtures.assignee(jdbc, his)).as("the hand-over reads it the same")
                .isEqualTo(coordinator);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_entry WHERE record_id = ?").param(his).query(Long.class)
                .single()).isZero();
        assertThat(api.get(login, "/api/v1/verification-tasks/" + his).status()).isEqualTo(200);
    }
}
