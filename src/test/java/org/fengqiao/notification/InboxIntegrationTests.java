package org.fengqiao.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.internal.EscalationSweep;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.notification.NotificationFixtures.TestGrid;
import org.fengqiao.population.internal.OverdueSweep;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox: whoever the routing or an escalation gives an item to finds it in his inbox, the grid chief
 * hears of what his grid's manager handles, and a key person's overdue visit reaches the grid chief; an
 * entry is its recipient's alone (anyone else, inside the scope or out, gets 404).
 */
class InboxIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Incidents incidents;
    @Autowired
    IncidentDesk desk;
    @Autowired
    OverdueSweep overdueSweep;
    @Autowired
    org.fengqiao.incident.IncidentLoader loader;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired
    javax.sql.DataSource dataSource;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    String token(String username) {
        return api.token(username, DEMO_PASSWORD);
    }

    JsonNode fileHelp(String token, UUID grid) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "HELP");
        body.put("gridId", grid);
        body.put("description", "通知测试求助-" + UUID.randomUUID());
        body.put("address", "测试地址");
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("incident");
    }

    /** The caller's inbox entries about one record. */
    List<JsonNode> entriesAbout(String token, String recordId, String... headers) {
        JsonNode page = ApiClient.json(api.get("/api/v1/inbox?size=100", token, headers));
        List<JsonNode> found = new ArrayList<>();
        page.get("items").forEach(e -> {
            if (e.get("recordId").asText().equals(recordId)) {
                found.add(e);
            }
        });
        return found;
    }

    long unread(String token) {
        return ApiClient.json(api.get("/api/v1/inbox?size=1", token)).get("unread").asLong();
    }

    @Test
    void theGridManagerTheRoutingNamesFindsTheItemAndTheChiefIsInformed() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        String manager = token(g.managerLogin());
        String chief = token(g.chiefLogin());
        long managerUnreadBefore = unread(manager);

        JsonNode incident = fileHelp(token("officer"), g.grid().id().value());
        String id = incident.get("id").asText();
        String code = incident.get("trackingCode").asText();

        List<JsonNode> mine = entriesAbout(manager, id);
        assertThat(mine).hasSize(1);
        JsonNode entry = mine.get(0);
        assertThat(entry.get("kind").asText()).isEqualTo("INCIDENT_ASSIGNED");
        assertThat(entry.get("title").asText()).contains(code).contains("求助").contains("交由您办理");
        assertThat(entry.get("reason").asText()).contains("网格管理员");
        assertThat(entry.get("link").asText()).isEqualTo("/incidents/" + id);
        assertThat(entry.get("unitPath").asText()).isEqualTo(g.grid().unitPath());
        assertThat(entry.get("unread").asBoolean()).isTrue();
        assertThat(unread(manager)).isEqualTo(managerUnreadBefore + 1);

        List<JsonNode> informed = entriesAbout(chief, id);
        assertThat(informed).hasSize(1);
        assertThat(informed.get(0).get("kind").asText()).isEqualTo("INCIDENT_INFORMED");
        assertThat(ApiClient.json(api.get("/api/v1/inbox?size=100", token("officer"))).get("items").findValuesAsText("recordId"))
                .as("the officer who filed it owns nothing and is not the grid's chief").doesNotContain(id);

        // English titles for an English reader
        JsonNode en = ApiClient.json(api.get("/api/v1/inbox?size=100", manager, "Accept-Language", "en"));
        assertThat(en.get("items").findValuesAsText("title")).anyMatch(t -> t.contains(code) && t.contains("yours to handle"));

        // an entry is its recipient's alone: the chief of the same grid, the officer of the same office,
        // the officer of another station all find nothing
        String entryId = entry.get("id").asText();
        for (String other : List.of(chief, token("officer"), token("officer2"), token("bureau"))) {
            assertThat(api.send("POST", "/api/v1/inbox/" + entryId + "/read", other, null).statusCode()).isEqualTo(404);
        }
        assertThat(entriesAbout(manager, id).get(0).get("unread").asBoolean()).as("nobody else marked it").isTrue();
        assertThat(api.send("POST", "/api/v1/inbox/" + UUID.randomUUID() + "/read", manager, null).statusCode())
                .isEqualTo(404);

        HttpResponse<String> read = api.send("POST", "/api/v1/inbox/" + entryId + "/read", manager, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(read).get("unread").asBoolean()).isFalse();
        assertThat(unread(manager)).isEqualTo(managerUnreadBefore);
        JsonNode unreadOnly = ApiClient.json(api.get("/api/v1/inbox?unread=true&size=100", manager));
        assertThat(unreadOnly.get("items").findValuesAsText("id")).doesNotContain(entryId);
    }

    @Test
    void aGridManagerWhoFilesAReportRoutedBackToHimIsNotToldItWasHandedToHimAndTheChiefIsStillInformed() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        String manager = token(g.managerLogin());
        String chief = token(g.chiefLogin());
        long unreadBefore = unread(manager);

        // a help call he met on patrol in his own grid: the routing gives it to the grid's manager, himself
        JsonNode incident = fileHelp(manager, g.grid().id().value());
        String id = incident.get("id").asText();
        assertThat(incident.get("ownerStaffName").asText()).isEqualTo(g.manager().name());

        assertThat(entriesAbout(manager, id)).as("nobody handed it to him: no \"交由您办理\" for his own report").isEmpty();
        assertThat(unread(manager)).isEqualTo(unreadBefore);
        List<JsonNode> informed = entriesAbout(chief, id);
        assertThat(informed).hasSize(1);
        assertThat(informed.get(0).get("kind").asText()).isEqualTo("INCIDENT_INFORMED");
        // it stands on his to-do list all the same
        JsonNode mine = ApiClient.json(api.get("/api/v1/incidents?show=mine&size=100", manager));
        assertThat(mine.get("items").findValuesAsText("id")).contains(id);
    }

    @Test
    void unreadEntriesComeFirst() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        String manager = token(g.managerLogin());
        String officer = token("officer");
        String first = fileHelp(officer, g.grid().id().value()).get("id").asText();
        String second = fileHelp(officer, g.grid().id().value()).get("id").asText();
        String third = fileHelp(officer, g.grid().id().value()).get("id").asText();
        String secondEntry = entriesAbout(manager, second).get(0).get("id").asText();
        api.send("POST", "/api/v1/inbox/" + secondEntry + "/read", manager, null);

        List<String> order = ApiClient.json(api.get("/api/v1/inbox?size=100", manager)).get("items")
                .findValuesAsText("recordId");
        assertThat(order).containsExactly(third, first, second);
    }

    /**
     * An entry that asked the grid manager to handle an item stops asking once he takes it up, or once the item is
     * escalated away from him: his phone's unread count is what waits for him, not items he acknowledged or that are
     * another's now. The chief kept informed keeps his entry as it was; the new owner finds his unread.
     */
    @Test
    void anEntryStopsAskingOnceTheItemIsTakenUpOrGivenToAnother() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        String manager = token(g.managerLogin());
        String chief = token(g.chiefLogin());
        long before = unread(manager);

        String taken = fileHelp(token("officer"), g.grid().id().value()).get("id").asText();
        assertThat(unread(manager)).isEqualTo(before + 1);
        HttpResponse<String> ack = api.send("POST", "/api/v1/incidents/" + taken + "/acknowledge", manager, null);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(entriesAbout(manager, taken)).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("taken up").isFalse());
        assertThat(unread(manager)).isEqualTo(before);
        assertThat(entriesAbout(chief, taken)).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("the chief's, for his information").isTrue());

        String moved = fileHelp(token("officer"), g.grid().id().value()).get("id").asText();
        MovableClock clock = new MovableClock(java.time.Instant.now().plus(Duration.ofMinutes(31)), ZoneOffset.UTC);
        assertThat(new EscalationSweep(incidents, desk, clock).sweep(g.grid().id().value())).isEqualTo(1);
        UUID owner = incidents.find(UUID.fromString(moved)).orElseThrow().ownerStaffId();
        assertThat(owner).isNotEqualTo(g.manager().id().value());
        assertThat(entriesAbout(manager, moved)).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("no longer his").isFalse());
        assertThat(unread(manager)).isEqualTo(before);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM inbox_entry WHERE record_id = ? AND recipient_id = ? AND kind = 'INCIDENT_ESCALATED'
                  AND read_at IS NULL""").params(UUID.fromString(moved), owner).query(Long.class).single())
                .as("the new owner's waits for him").isEqualTo(1);
    }

    /**
     * The grid chief's entries kept for his information close with the item (resolved and answered, or merged into
     * another): left unread they counted every item his grid ever had (17 for the demo's officer), so his unread count
     * said nothing. They stay listed, read; the entry of an item still open stays unread.
     */
    @Test
    void theChiefsEntriesForHisInformationAreReadOnceTheItemIsClosed() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        String manager = token(g.managerLogin());
        String chief = token(g.chiefLogin());
        UUID grid = g.grid().id().value();
        long before = unread(chief);
        String answered = fileHelp(token("officer"), grid).get("id").asText();
        String merged = fileHelp(token("officer"), grid).get("id").asText();
        String open = fileHelp(token("officer"), grid).get("id").asText();
        assertThat(unread(chief)).isEqualTo(before + 3);

        HttpResponse<String> ack = api.send("POST", "/api/v1/incidents/" + answered + "/acknowledge", manager, null);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(informed(chief, answered).get("unread").asBoolean()).as("taken up, still open").isTrue();
        HttpResponse<String> resolved = api.send("POST", "/api/v1/incidents/" + answered + "/resolve", manager,
                Map.of("note", "已处置"));
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(informed(chief, answered).get("unread").asBoolean()).as("resolved, not yet answered").isTrue();
        HttpResponse<String> answer = api.send("POST", "/api/v1/incidents/" + answered + "/answer", manager,
                Map.of("note", "已回复群众"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode closed = informed(chief, answered);
        assertThat(closed.get("unread").asBoolean()).as("answered: closed").isFalse();
        assertThat(closed.get("readAt").isNull()).isFalse();

        HttpResponse<String> merge = api.send("POST", "/api/v1/incidents/" + merged + "/merge", manager,
                Map.of("primaryId", open, "reason", "同一件事"));
        assertThat(merge.statusCode()).as(merge.body()).isEqualTo(200);
        assertThat(informed(chief, merged).get("unread").asBoolean()).as("merged into another: closed").isFalse();

        assertThat(informed(chief, open).get("unread").asBoolean()).as("still open").isTrue();
        assertThat(unread(chief)).isEqualTo(before + 1);
    }

    /**
     * An item filed and then taken up to its answer in one transaction (as the demo loads its items): the entries its
     * routing wrote asked the manager to handle it and told the chief of it, and the steps that followed closed them
     * in the same transaction. They were written only at the commit, after the steps had looked for them, and stood
     * unread: the demo's grid manager was asked to handle two items answered long before, its officer told of eleven.
     */
    @Test
    void anItemFiledAndAnsweredInOneTransactionLeavesNoEntryOfItUnread() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        String manager = token(g.managerLogin());
        String chief = token(g.chiefLogin());
        long managerBefore = unread(manager);
        long chiefBefore = unread(chief);

        UUID[] ids = new UUID[2];
        transactions.executeWithoutResult(status -> {
            ids[0] = loader.file(new org.fengqiao.incident.NewIncident(org.fengqiao.incident.Source.FIELD,
                    org.fengqiao.incident.Category.HELP, null, null, null, "一并办结的求助-" + UUID.randomUUID(), null,
                    null, null, "测试地址", g.grid().id().value(), null, null, null, null), "test");
            loader.handle(ids[0], "ANSWERED", "已到场帮助并回复", "test");
            // and one only filed in the same transaction: its asks stand
            ids[1] = loader.file(new org.fengqiao.incident.NewIncident(org.fengqiao.incident.Source.FIELD,
                    org.fengqiao.incident.Category.HELP, null, null, null, "同批未办的求助-" + UUID.randomUUID(), null,
                    null, null, "测试地址", g.grid().id().value(), null, null, null, null), "test");
        });

        assertThat(entriesAbout(manager, ids[0].toString())).singleElement()
                .satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("INCIDENT_ASSIGNED"))
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("taken up and answered").isFalse());
        assertThat(entriesAbout(chief, ids[0].toString())).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("closed by its answer").isFalse());
        assertThat(entriesAbout(manager, ids[1].toString())).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("still his to take up").isTrue());
        assertThat(unread(manager)).isEqualTo(managerBefore + 1);
        assertThat(unread(chief)).isEqualTo(chiefBefore + 1);
    }

    /**
     * A data directory made before that fix keeps those entries unread: V240 reads them once, at the moment the step
     * that would have closed them says, and nothing else. Items filed and handled in one transaction leave their
     * entries as the fixed code does; set back unread as the old code left them, V240 reads exactly those again, each
     * at the same moment, and leaves unread what still asks: an item only taken up (the chief's note waits for its
     * close), an item only filed, an item escalated (the new owner's ask, and the chief's note).
     */
    @Test
    void entriesLeftUnreadByTheOldCommitOrderAreReadOnceByV240AsTheFixedCodeReadsThem() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        java.util.function.Function<String, UUID> file = what -> loader.file(new org.fengqiao.incident.NewIncident(
                org.fengqiao.incident.Source.FIELD, org.fengqiao.incident.Category.HELP, null, null, null,
                what + "-" + UUID.randomUUID(), null, null, null, "测试地址", g.grid().id().value(), null, null, null,
                null), "test");
        UUID[] ids = new UUID[4];
        transactions.executeWithoutResult(status -> {
            ids[0] = file.apply("一并办结");
            loader.handle(ids[0], "ANSWERED", "已到场帮助并回复", "test");
            ids[1] = file.apply("一并受理");
            loader.handle(ids[1], "ACKNOWLEDGED", null, "test");
            ids[2] = file.apply("只登记");
            ids[3] = file.apply("一并上交");
            desk.escalate(ids[3], "需要上级协调", org.fengqiao.incident.internal.Submitter.system("test"));
        });
        String[] records = java.util.Arrays.stream(ids).map(UUID::toString).toArray(String[]::new);
        Map<UUID, java.time.Instant> fixed = new HashMap<>();
        Map<UUID, String> kinds = new HashMap<>();
        jdbc.sql("SELECT id, kind, read_at FROM inbox_entry WHERE CAST(record_id AS text) = ANY(?)").param(records)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    java.time.OffsetDateTime read = rs.getObject("read_at", java.time.OffsetDateTime.class);
                    fixed.put(id, read == null ? null : read.toInstant());
                    kinds.put(id, rs.getString("kind"));
                });
        // what the fixed code read, and what it left: the answered item's ask and note, the taken-up item's ask and the
        // escalated item's first ask read; the note of an item still open, the filed item's ask and the ask of the
        // escalation's new owner unread
        assertThat(fixed.values().stream().filter(java.util.Objects::nonNull)).hasSize(4);
        assertThat(fixed.entrySet().stream().filter(e -> e.getValue() == null).map(e -> kinds.get(e.getKey())))
                .containsExactlyInAnyOrder("INCIDENT_INFORMED", "INCIDENT_ASSIGNED", "INCIDENT_INFORMED",
                        "INCIDENT_INFORMED", "INCIDENT_ESCALATED");

        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            // as the old order of writing left them: the entries gathered in the filing's transaction unread
            int reset = jdbc.sql("""
                    UPDATE inbox_entry SET read_at = NULL WHERE CAST(record_id AS text) = ANY(?) AND read_at IS NOT NULL
                      AND kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_INFORMED', 'INCIDENT_REOPENED')""")
                    .param(records).update();
            assertThat(reset).isEqualTo(4);
            try (java.sql.Statement run = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource)
                    .createStatement()) {
                run.execute(new org.springframework.core.io.ClassPathResource(
                        "db/migration/V240__inbox_gathered_entries_read_as_their_steps_closed_them.sql")
                        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            Map<UUID, java.time.Instant> mended = new HashMap<>();
            jdbc.sql("SELECT id, read_at FROM inbox_entry WHERE CAST(record_id AS text) = ANY(?)").param(records)
                    .query(rs -> {
                        java.time.OffsetDateTime read = rs.getObject("read_at", java.time.OffsetDateTime.class);
                        mended.put(rs.getObject("id", UUID.class), read == null ? null : read.toInstant());
                    });
            assertThat(mended).isEqualTo(fixed);
        });
    }

    /** The caller's one entry of kind INCIDENT_INFORMED about an item, still listed. */
    JsonNode informed(String token, String recordId) {
        List<JsonNode> found = entriesAbout(token, recordId).stream()
                .filter(e -> e.get("kind").asText().equals("INCIDENT_INFORMED")).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void anItemTheSweepEscalatesReachesTheNewOwnersInbox() {
        Unit bureau = jurisdictions.unitByCode("320722000000").orElseThrow();
        String n = NotificationFixtures.unique();
        Unit station = jurisdictions.createUnit(bureau.id(), UnitKind.STATION, "IT-N-ST-" + n, "通知派出所" + n, "320722");
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.CENTRAL_OFFICE, "IT-N-CO-" + n, "通知警务室" + n,
                "320722");
        String chiefLogin = "ntstation" + n;
        Staff stationChief = staff.register(station.id(), StaffRole.STATION_CHIEF, "通知所长" + n, null, null, "所长",
                chiefLogin, DEMO_PASSWORD);
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        String stationToken = token(chiefLogin);
        JsonNode incident = fileHelp(stationToken, g.grid().id().value());
        String id = incident.get("id").asText();
        assertThat(entriesAbout(stationToken, id)).as("not his until it is escalated").isEmpty();

        // the central office has 30 minutes to take it up; past that the sweep moves it to the station
        MovableClock clock = new MovableClock(java.time.Instant.now().plus(Duration.ofMinutes(31)), ZoneOffset.UTC);
        assertThat(new EscalationSweep(incidents, desk, clock).sweep(g.grid().id().value())).isEqualTo(1);
        assertThat(incidents.find(UUID.fromString(id)).orElseThrow().ownerStaffId()).isEqualTo(stationChief.id().value());

        List<JsonNode> entries = entriesAbout(stationToken, id);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("kind").asText()).isEqualTo("INCIDENT_ESCALATED");
        assertThat(entries.get(0).get("title").asText()).contains(incident.get("trackingCode").asText()).contains("上报至您处");
        assertThat(entries.get(0).get("reason").asText()).isEqualTo("超时未受理，自动上报");
        assertThat(entries.get(0).get("link").asText()).isEqualTo("/incidents/" + id);
        assertThat(entriesAbout(token(g.managerLogin()), id)).as("the first owner's entry stays, no new one")
                .extracting(e -> e.get("kind").asText()).containsExactly("INCIDENT_ASSIGNED");

        // escalation by hand, with a reason in a person's words, reaches the bureau's duty person
        HttpResponse<String> up = api.send("POST", "/api/v1/incidents/" + id + "/escalate", stationToken,
                Map.of("reason", "需要局指挥中心协调"));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        List<JsonNode> atBureau = entriesAbout(token("bureau"), id);
        assertThat(atBureau).hasSize(1);
        assertThat(atBureau.get(0).get("reason").asText()).isEqualTo("需要局指挥中心协调");
    }

    /**
     * An officer who escalates an item and is himself the duty person of the level above (the only officer of his
     * central office, the item at a workstation under it) is not told "escalated to you" of his own act; when he
     * escalates it on to the station, its chief, who did not, is told.
     */
    @Test
    void anOfficerWhoEscalatesAnItemToHimselfIsNotToldOfItAndTheNextOwnerIs() {
        Unit bureau = jurisdictions.unitByCode("320722000000").orElseThrow();
        String n = NotificationFixtures.unique();
        Unit station = jurisdictions.createUnit(bureau.id(), UnitKind.STATION, "IT-N-SS-" + n, "自报派出所" + n, "320722");
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.CENTRAL_OFFICE, "IT-N-SO-" + n, "自报警务室" + n,
                "320722");
        Unit workstation = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "IT-N-SW-" + n, "自报工作站" + n,
                "320722");
        String chiefLogin = "ntselfchief" + n;
        staff.register(station.id(), StaffRole.STATION_CHIEF, "自报所长" + n, null, null, "所长", chiefLogin, DEMO_PASSWORD);
        String officerLogin = "ntself" + n;
        Staff officer = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "自报民警" + n, null, null, "社区民警",
                officerLogin, DEMO_PASSWORD);
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, workstation);
        UUID item = new org.fengqiao.support.TreeFixtures(jurisdictions, jdbc).openIncident(g.grid(), workstation,
                officer.id().value(), "ACKNOWLEDGED");
        String officerToken = token(officerLogin);

        HttpResponse<String> up = api.send("POST", "/api/v1/incidents/" + item + "/escalate", officerToken,
                Map.of("reason", "需要警务室统筹"));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        Incidents.Incident escalated = incidents.find(item).orElseThrow();
        assertThat(escalated.ownerUnitId()).isEqualTo(office.id().value());
        assertThat(escalated.ownerStaffId()).as("the office's duty person is he himself").isEqualTo(officer.id().value());
        assertThat(entriesAbout(officerToken, item.toString())).as("nothing told him of his own escalation").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_entry WHERE record_id = ? AND recipient_id = ?")
                .params(item, officer.id().value()).query(Long.class).single()).isZero();

        HttpResponse<String> on = api.send("POST", "/api/v1/incidents/" + item + "/escalate", officerToken,
                Map.of("reason", "需要派出所协调"));
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        List<JsonNode> chiefs = entriesAbout(token(chiefLogin), item.toString());
        assertThat(chiefs).extracting(e -> e.get("kind").asText()).containsExactly("INCIDENT_ESCALATED");
        assertThat(chiefs.get(0).get("reason").asText()).isEqualTo("需要派出所协调");
        assertThat(entriesAbout(officerToken, item.toString())).isEmpty();
    }

    @Test
    void anOverdueKeyPersonVisitReachesTheGridChief() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        UUID grid = g.grid().id().value();
        UUID person = overdueKeyPerson(grid, "逾期走访");
        LocalDate since = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(30);

        assertThat(overdueSweep.sweep(grid)).isEqualTo(1);

        String chief = token(g.chiefLogin());
        List<JsonNode> entries = entriesAbout(chief, person.toString());
        assertThat(entries).hasSize(1);
        JsonNode e = entries.get(0);
        assertThat(e.get("kind").asText()).isEqualTo("VISIT_OVERDUE");
        assertThat(e.get("recordType").asText()).isEqualTo("person");
        assertThat(e.get("link").asText()).isEqualTo("/key-persons/" + person);
        assertThat(e.get("title").asText()).as("named like the key-person entries, with his grid")
                .startsWith("逾期走访（" + g.grid().name() + "）").contains("高风险", "逾期", since.plusWeeks(1).toString());
        assertThat(e.has("reason") && !e.get("reason").isNull()).as("the grid is in the title, not a reason").isFalse();
        assertThat(entriesAbout(chief, person.toString(), "Accept-Language", "en").get(0).get("title").asText())
                .startsWith("逾期走访 (" + g.grid().name() + "): a key person visit is overdue (High risk)");
        assertThat(e.get("unitPath").asText()).isEqualTo(g.grid().unitPath());
        assertThat(entriesAbout(token(g.managerLogin()), person.toString())).as("for the grid chief only").isEmpty();

        assertThat(overdueSweep.sweep(grid)).as("the same overdue period is announced once").isZero();
        assertThat(entriesAbout(chief, person.toString())).hasSize(1);
    }

    /** A key person of the grid, in a household of his own, whose visit is 30 days overdue. */
    UUID overdueKeyPerson(UUID grid, String name) {
        UUID household = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, number, trusted) VALUES (?, ?, ?, false)")
                .params(household, grid, "NT-" + household.toString().substring(0, 8)).update();
        UUID person = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, relation, residence,
                                    content_hash)
                VALUES (?, ?, ?, ?, 'x', 'x', 'HEAD', 'PERMANENT', 'fixture')""")
                .params(person, grid, household, name).update();
        jdbc.sql("""
                INSERT INTO person_category (person_id, category, subtype, risk, since)
                VALUES (?, 'KEY_PERSON', 'MENTAL', 'HIGH', ?)""")
                .params(person, LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(30)).update();
        return person;
    }

    @Test
    void theOverdueVisitsEntryStopsAskingOnceTheKeyPersonIsVisitedEitherWay() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        UUID grid = g.grid().id().value();
        UUID visitedHimself = overdueKeyPerson(grid, "逾访甲");
        UUID visitedAtHome = overdueKeyPerson(grid, "逾访乙");
        UUID notYet = overdueKeyPerson(grid, "逾访丙");
        assertThat(overdueSweep.sweep(grid)).isEqualTo(3);
        String chief = token(g.chiefLogin());
        long unread = unread(chief);
        for (UUID p : List.of(visitedHimself, visitedAtHome, notYet)) {
            assertThat(entriesAbout(chief, p.toString()).get(0).get("unread").asBoolean()).isTrue();
        }

        // the key-person visit the entry links to
        HttpResponse<String> visit = api.send("POST", "/api/v1/key-persons/" + visitedHimself + "/visits", chief,
                Map.of("state", "STABLE", "findings", "本人在家，情绪稳定"));
        assertThat(visit.statusCode()).as(visit.body()).isEqualTo(201);
        JsonNode answered = entriesAbout(chief, visitedHimself.toString()).get(0);
        assertThat(answered.get("unread").asBoolean()).as("no longer waiting for the visit").isFalse();
        assertThat(answered.get("readAt").isNull()).isFalse();
        assertThat(unread(chief)).isEqualTo(unread - 1);

        // a visit to his household visits him too
        UUID household = jdbc.sql("SELECT household_id FROM person WHERE id = ?").param(visitedAtHome)
                .query(UUID.class).single();
        HttpResponse<String> homeVisit = api.send("POST", "/api/v1/visits", chief,
                Map.of("householdId", household, "findings", "入户走访，家人在场", "contactCard", false));
        assertThat(homeVisit.statusCode()).as(homeVisit.body()).isEqualTo(201);
        assertThat(entriesAbout(chief, visitedAtHome.toString()).get(0).get("unread").asBoolean()).isFalse();

        assertThat(entriesAbout(chief, notYet.toString()).get(0).get("unread").asBoolean())
                .as("a key person not visited still waits").isTrue();
        assertThat(unread(chief)).isEqualTo(unread - 2);
    }
}
