package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Households in rooms of their own grid, their members without personal numbers, and door-to-door
 * visits: a contact card handed over during a visit dates the household's card, everything is
 * audited, and changes made during a visit are linked to it.
 */
class HouseholdVisitIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    UUID grid;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
        grid = fx.gridId("FS-1-01");
    }

    long lastAudit() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
    }

    @Test
    void registersAHouseholdInARoomAndShowsItsMembersWithoutPersonalNumbers() {
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 1);
        UUID room = fx.room(building, 1, "201");
        String number = HousingFixtures.unique("户");
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/households",
                Map.of("gridId", grid, "roomId", room, "number", number, "trusted", true, "inDifficulty", false));
        assertThat(created.status()).isEqualTo(201);
        UUID id = UUID.fromString(created.body().get("id").asText());
        fx.person(grid, id, "孙立", "HEAD", null, null);
        fx.person(grid, id, "孙梅", "CHILD", "LEFT_BEHIND_CHILD", null);
        jdbc.sql("UPDATE person SET id_masked = '110105********002X', phone_masked = '138****5678' WHERE household_id = ?")
                .param(id).update();

        JsonNode h = fx.get("officer", "/api/v1/households/" + id).body();
        assertThat(h.get("number").asText()).isEqualTo(number);
        assertThat(h.get("roomNumber").asText()).isEqualTo("201");
        assertThat(h.get("trusted").asBoolean()).isTrue();
        assertThat(h.get("members")).hasSize(2);
        assertThat(h.get("members").get(0).get("name").asText()).isEqualTo("孙立");
        assertThat(h.get("members").get(0).get("relation").asText()).isEqualTo("HEAD");
        assertThat(h.get("members").get(1).get("categories").get(0).get("category").asText())
                .isEqualTo("LEFT_BEHIND_CHILD");
        assertThat(h.toString()).doesNotContain("002X", "5678", "idMasked", "phone");
    }

    @Test
    void refusesARoomOfAnotherGridAndSavesNothing() {
        UUID otherGridBuilding = fx.building("officer", "FS-2-01", 1, 1, 1);
        UUID room = fx.room(otherGridBuilding, 1, "101");
        String number = HousingFixtures.unique("户");
        Map<String, Object> body = Map.of("gridId", grid, "roomId", room, "number", number, "trusted", false,
                "inDifficulty", false);

        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/households", body);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).containsEntry("roomId", "房屋不属于该网格的楼栋");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/households", body, "Accept-Language", "en");
        assertThat(HousingFixtures.errors(en.body())).containsEntry("roomId", "the room is not in a building of this grid");

        UUID urbanRoom = fx.room(fx.building("officer2", "NS-1-01", 1, 1, 1), 1, "101");
        HousingFixtures.Answer urban = fx.call("officer", "POST", "/api/v1/households",
                Map.of("gridId", grid, "roomId", urbanRoom, "trusted", false, "inDifficulty", false));
        assertThat(HousingFixtures.errors(urban.body())).containsKey("roomId");

        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE number = ? OR room_id IN (?, ?)")
                .params(number, room, urbanRoom).query(Long.class).single()).isZero();
    }

    @Test
    void aVisitEnteredLateWithACardLeavesTheLaterCardTheHouseholdsLast() {
        UUID household = fx.household(grid, null, false, false);
        assertThat(fx.call("officer", "POST", "/api/v1/visits", Map.of("householdId", household,
                "findings", "发放警民联系卡", "contactCard", true)).status()).isEqualTo(201);
        // the visit of five days ago, entered now, handed a card too
        OffsetDateTime earlier = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).minusDays(5);
        assertThat(fx.call("officer", "POST", "/api/v1/visits", Map.of("householdId", household,
                "findings", "补录走访", "contactCard", true, "visitedAt", earlier.toString())).status())
                .isEqualTo(201);

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(jdbc.sql("SELECT contact_card_on FROM household WHERE id = ?").param(household)
                .query(LocalDate.class).single()).as("the last card is today's, not the late entry's").isEqualTo(today);
        assertThat(jdbc.sql("SELECT handed_on FROM contact_card_handed WHERE household_id = ? ORDER BY handed_on")
                .param(household).query(LocalDate.class).list()).as("both cards counted in their days")
                .containsExactly(earlier.toLocalDate(), today);
    }

    @Test
    void aVisitHandingOverTheContactCardDatesTheCardAndIsAudited() {
        UUID household = fx.household(grid, null, false, false);
        long seq = lastAudit();

        HousingFixtures.Answer visit = fx.call("officer", "POST", "/api/v1/visits",
                Map.of("householdId", household, "findings", "家中老人身体好，已宣传防诈骗", "contactCard", true));
        assertThat(visit.status()).isEqualTo(201);
        UUID visitId = UUID.fromString(visit.body().get("id").asText());

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(jdbc.sql("SELECT contact_card_on FROM household WHERE id = ?").param(household)
                .query(LocalDate.class).single()).isEqualTo(today);
        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        assertThat(jdbc.sql("SELECT visited_by FROM visit WHERE id = ?").param(visitId).query(UUID.class).single())
                .isEqualTo(officer);

        Map<String, String> audited = new HashMap<>();
        jdbc.sql("SELECT record_type, action FROM audit_entry WHERE seq > ? AND record_id IN (?, ?) AND actor = 'officer'")
                .params(seq, visitId.toString(), household.toString())
                .query(rs -> { audited.put(rs.getString(1), rs.getString(2)); });
        assertThat(audited).containsEntry("visit", "CREATE").containsEntry("household", "UPDATE");
        assertThat(jdbc.sql("""
                SELECT after->>'contactCardOn' FROM audit_entry WHERE seq > ? AND record_type = 'household' AND record_id = ?""")
                .params(seq, household.toString()).query(String.class).single()).isEqualTo(today.toString());

        JsonNode visits = fx.get("officer", "/api/v1/households/" + household + "/visits").body();
        assertThat(visits.get(0).get("findings").asText()).isEqualTo("家中老人身体好，已宣传防诈骗");
        assertThat(visits.get(0).get("contactCard").asBoolean()).isTrue();
        assertThat(visits.get(0).get("changes").get(0).get("recordType").asText()).isEqualTo("household");
    }

    @Test
    void aVisitWithoutFindingsIsRefusedInTheCallersLanguageAndChangesNothing() {
        UUID household = fx.household(grid, null, false, false);

        for (String blank : List.of("", "   \n\t")) {
            HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/visits",
                    Map.of("householdId", household, "findings", blank, "contactCard", true));
            assertThat(zh.status()).isEqualTo(400);
            assertThat(HousingFixtures.errors(zh.body())).containsEntry("findings", "必填");
        }
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/visits",
                Map.of("householdId", household, "contactCard", true), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body())).containsEntry("findings", "Required");

        assertThat(jdbc.sql("SELECT count(*) FROM visit WHERE household_id = ?").param(household).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE id = ? AND contact_card_on IS NOT NULL")
                .param(household).query(Long.class).single()).as("a refused visit dates no contact card").isZero();
    }

    @Test
    void listsVisitsNewestFirstAndLinksChangesMadeDuringAVisit() {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID room = fx.room(building, 1, "101");
        UUID household = fx.household(grid, room, false, false);
        fx.call("officer", "POST", "/api/v1/visits", Map.of("householdId", household, "findings", "第一次",
                "contactCard", false, "visitedAt", OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).minusDays(10)
                        .toString()));
        // the second is today's: changes are linked only to the officer's own visit of the day
        UUID second = UUID.fromString(fx.call("officer", "POST", "/api/v1/visits", Map.of("householdId", household,
                "findings", "第二次", "contactCard", false)).body().get("id").asText());

        assertThat(fx.call("officer", "PUT", "/api/v1/rooms/" + room,
                Map.of("vacant", false, "rental", true, "visitId", second)).status()).isEqualTo(200);
        assertThat(fx.call("officer", "PUT", "/api/v1/households/" + household,
                Map.of("trusted", true, "inDifficulty", false, "note", "放心户", "visitId", second)).status())
                .isEqualTo(200);

        JsonNode visits = fx.get("officer", "/api/v1/households/" + household + "/visits").body();
        assertThat(visits.get(0).get("findings").asText()).isEqualTo("第二次");
        assertThat(visits.get(1).get("findings").asText()).isEqualTo("第一次");
        // the room, and each of the household's fields that changed: trusted and the note
        assertThat(visits.get(0).get("changes")).hasSize(3);
        assertThat(visits.get(1).get("changes")).isEmpty();
        assertThat(jdbc.sql("SELECT record_type FROM visit_change WHERE visit_id = ? ORDER BY changed_at, record_type")
                .param(second).query(String.class).list()).containsExactlyInAnyOrder("room", "household", "household");

        // the public facade links a change of another kind of record to the same visit
        Visits facade = applicationVisits();
        UUID person = fx.person(grid, household, "钱多", "HEAD", null, null);
        facade.recordChange(new VisitId(second), "person", person, "phone changed");
        assertThat(fx.get("officer", "/api/v1/households/" + household + "/visits").body().get(0).get("changes"))
                .hasSize(4);
    }

    @Autowired
    Visits visitsFacade;

    Visits applicationVisits() {
        return visitsFacade;
    }

    @Test
    void refusesAVisitOfAnotherGridAsLinkAndAHouseholdOutsideTheScope() {
        UUID household = fx.household(grid, null, false, false);
        UUID urbanHousehold = fx.household(fx.gridId("NS-1-01"), null, false, false);
        UUID urbanVisit = UUID.fromString(fx.call("officer2", "POST", "/api/v1/visits",
                Map.of("householdId", urbanHousehold, "findings", "入户核对", "contactCard", false)).body().get("id").asText());

        HousingFixtures.Answer link = fx.call("officer", "PUT", "/api/v1/households/" + household,
                Map.of("trusted", true, "inDifficulty", false, "visitId", urbanVisit));
        assertThat(link.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(link.body())).containsKey("visitId");
        assertThat(jdbc.sql("SELECT trusted FROM household WHERE id = ?").param(household).query(Boolean.class).single())
                .isFalse();

        HousingFixtures.Answer visit = fx.call("officer", "POST", "/api/v1/visits",
                Map.of("householdId", urbanHousehold, "findings", "入户核对", "contactCard", true), "Accept-Language", "en");
        assertThat(visit.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(visit.body()))
                .containsEntry("householdId", "no such household in your jurisdiction");
        assertThat(jdbc.sql("SELECT contact_card_on IS NULL FROM household WHERE id = ?").param(urbanHousehold)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void everyHouseholdEndpointAnswersOutsideTheScopeLikeAMissingRecord() {
        UUID urban = fx.household(fx.gridId("NS-1-01"), null, false, false);
        assertThat(fx.get("officer2", "/api/v1/households/" + urban).status()).isEqualTo(200);
        UUID missing = UUID.randomUUID();
        Map<String, Object> change = Map.of("trusted", true, "inDifficulty", true);
        Map<String, Object> card = Map.of("on", "2026-01-10");
        List<Object[]> calls = List.of(
                new Object[] {"GET", "/api/v1/households/%s", null},
                new Object[] {"GET", "/api/v1/households/%s/visits", null},
                new Object[] {"PUT", "/api/v1/households/%s", change},
                new Object[] {"POST", "/api/v1/households/%s/contact-card", card});
        for (Object[] c : calls) {
            HousingFixtures.Answer outside = fx.call("officer", (String) c[0], String.format((String) c[1], urban), c[2]);
            HousingFixtures.Answer absent = fx.call("officer", (String) c[0], String.format((String) c[1], missing), c[2]);
            assertThat(outside.status()).as(c[0] + " " + c[1]).isEqualTo(404);
            assertThat(HousingFixtures.withoutInstance(outside.body()))
                    .isEqualTo(HousingFixtures.withoutInstance(absent.body()));
        }
        assertThat(jdbc.sql("SELECT trusted OR in_difficulty OR contact_card_on IS NOT NULL FROM household WHERE id = ?")
                .param(urban).query(Boolean.class).single()).isFalse();
    }

    @Test
    void recordsTheContactCardDayAndRefusesADayToCome() {
        UUID household = fx.household(grid, null, false, false);
        assertThat(fx.call("officer", "POST", "/api/v1/households/" + household + "/contact-card",
                Map.of("on", "2026-01-10")).body().get("contactCardOn").asText()).isEqualTo("2026-01-10");
        HousingFixtures.Answer future = fx.call("officer", "POST", "/api/v1/households/" + household + "/contact-card",
                Map.of("on", LocalDate.now().plusDays(3).toString()));
        assertThat(future.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(future.body())).containsEntry("on", "不能晚于今天");
    }

    @Test
    void volunteersReadNoHouseholdAndGridMembersRecordNoVisit() {
        UUID household = fx.household(grid, null, false, false);
        assertThat(fx.get("volunteer", "/api/v1/households/" + household).status()).isEqualTo(403);
        assertThat(fx.get("volunteer", "/api/v1/households/" + household + "/visits").status()).isEqualTo(403);
        assertThat(fx.call("volunteer", "POST", "/api/v1/visits", Map.of("householdId", household, "contactCard", true))
                .status()).isEqualTo(403);
        assertThat(fx.call("volunteer", "POST", "/api/v1/households",
                Map.of("gridId", grid, "trusted", false, "inDifficulty", false)).status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM visit WHERE household_id = ?").param(household).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aHouseholdVisitEnteredOver30DaysLateIsRefusedInBothLanguagesAndNothingIsSaved() {
        UUID household = fx.household(grid, null, false, false);
        OffsetDateTime old = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).minusDays(31);
        String earliest = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(30).toString();
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/visits", Map.of("householdId", household,
                "findings", "上月入户", "contactCard", true, "visitedAt", old.toString()));
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).containsEntry("visitedAt",
                "走访时间不能早于 " + earliest + "：走访须在 30 天内补录");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/visits", Map.of("householdId", household,
                "findings", "上月入户", "contactCard", true, "visitedAt", old.toString()), "Accept-Language", "en");
        assertThat(HousingFixtures.errors(en.body())).containsEntry("visitedAt",
                "The visit cannot be dated before " + earliest + ": a visit must be entered within 30 days");
        assertThat(jdbc.sql("SELECT count(*) FROM visit WHERE household_id = ?").param(household).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE id = ? AND contact_card_on IS NOT NULL")
                .param(household).query(Long.class).single()).as("no contact card dated by it").isZero();
    }

    /** A visit the user records at the household, dated a day ago (the API takes the time it was made). */
    UUID visitYesterday(String user, UUID household) {
        OffsetDateTime yesterday = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        HousingFixtures.Answer v = fx.call(user, "POST", "/api/v1/visits", Map.of("householdId", household,
                "findings", "昨天入户核对", "contactCard", false, "visitedAt", yesterday.toString()));
        assertThat(v.status()).as(String.valueOf(v.body())).isEqualTo(201);
        return UUID.fromString(v.body().get("id").asText());
    }

    /** A member registered through the API, outside any visit; answers his id. */
    UUID member(UUID household, String name, String phone) {
        HousingFixtures.Answer a = fx.call("officer", "POST", "/api/v1/persons", Map.of("gridId", grid,
                "householdId", household, "name", name, "phone", phone, "sex", "FEMALE", "relation", "SPOUSE",
                "residence", "PERMANENT"));
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return UUID.fromString(a.body().get("id").asText());
    }

    static Map<String, Object> personBody(UUID grid, UUID household, String name, String phone, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("gridId", grid, "householdId", household, "name", name,
                "phone", phone, "sex", "FEMALE", "relation", "SPOUSE", "residence", "PERMANENT"));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    List<String> summaries(UUID household, String... headers) {
        List<String> out = new java.util.ArrayList<>();
        fx.get("officer", "/api/v1/households/" + household + "/visits", headers).body().get(0).get("changes")
                .forEach(c -> out.add(c.get("summary").asText()));
        return out;
    }

    @Test
    void aNewbornRegisteredAndAMemberChangedDuringAVisitAreListedUnderItWithNumbersMasked() {
        UUID household = fx.household(grid, null, false, false);
        String mother = "访母" + UUID.randomUUID().toString().substring(0, 4);
        UUID motherId = member(household, mother, "13912340001");
        UUID visit = fx.visitNow("officer", household);

        String baby = "访婴" + UUID.randomUUID().toString().substring(0, 4);
        HousingFixtures.Answer born = fx.call("officer", "POST", "/api/v1/persons", Map.of("gridId", grid,
                "householdId", household, "name", baby, "sex", "MALE", "birthDate", LocalDate.now().minusDays(10).toString(),
                "relation", "CHILD", "residence", "PERMANENT", "visitId", visit));
        assertThat(born.status()).as(String.valueOf(born.body())).isEqualTo(201);
        UUID babyId = UUID.fromString(born.body().get("id").asText());

        LocalDate left = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/persons/" + motherId,
                personBody(grid, household, mother, "13987650002", "residence", "LEFT", "leftOn", left.toString(),
                        "visitId", visit));
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);

        // the registration and each thing changed, under the visit, in the reader's language; the mother's own
        // registration before the visit is not the visit's
        assertThat(summaries(household)).containsExactly("新登记人员 " + baby, mother + "：电话已更新为 139****0002",
                mother + "：居住状态改为已离开（" + left + "）");
        assertThat(summaries(household, "Accept-Language", "en")).containsExactly("new member registered: " + baby,
                mother + ": Phone changed to 139****0002", mother + ": residence set to left on " + left);
        assertThat(jdbc.sql("SELECT record_id FROM visit_change WHERE visit_id = ? AND record_type = 'person'")
                .param(visit).query(UUID.class).list()).containsExactlyInAnyOrder(babyId, motherId, motherId);
        assertThat(jdbc.sql("SELECT summary || ' ' || coalesce(array_to_string(message_args, ' '), '') "
                + "FROM visit_change WHERE visit_id = ?").param(visit).query(String.class).list())
                .as("the full phone, old or new, is never in the visit's record")
                .noneMatch(t -> t.contains("13987650002") || t.contains("13912340001"));
    }

    @Test
    void aPersonChangeLinkedToAVisitTheOfficerMayNotLinkItToIsRefusedWithTheReasonAndChangesNothing() {
        UUID household = fx.household(grid, null, false, false);
        String name = "他访" + UUID.randomUUID().toString().substring(0, 4);
        UUID person = member(household, name, "13912340003");
        Map<String, Object> before = jdbc.sql("SELECT version, residence, phone_masked FROM person WHERE id = ?")
                .param(person).query().singleRow();
        UUID otherGridVisit = fx.visitNow("officer", fx.household(fx.gridId("FS-2-01"), null, false, false));
        UUID otherStationVisit = fx.visitNow("officer2", fx.household(fx.gridId("NS-1-01"), null, false, false));
        // the station chief's visit to the same household, today: his, not the officer's
        UUID colleagues = fx.visitNow("chief", household);
        String[] unknown = {"走访记录不存在或不属于该网格", "no such visit in this grid"};
        Map<UUID, String[]> why = Map.of(otherGridVisit, unknown, otherStationVisit, unknown, UUID.randomUUID(), unknown,
                colleagues, new String[] {"这次走访不是您记录的，不能把修改记入其中",
                        "This visit was recorded by another staff member; changes cannot be added to it"});

        for (Map.Entry<UUID, String[]> e : why.entrySet()) {
            UUID visit = e.getKey();
            HousingFixtures.Answer zh = fx.call("officer", "PUT", "/api/v1/persons/" + person,
                    personBody(grid, household, name, "13987650004", "residence", "LEFT", "visitId", visit));
            assertThat(zh.status()).isEqualTo(400);
            assertThat(HousingFixtures.errors(zh.body())).containsEntry("visitId", e.getValue()[0]);
            HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/persons",
                    personBody(grid, household, name + "新", "13987650005", "visitId", visit), "Accept-Language", "en");
            assertThat(en.status()).isEqualTo(400);
            assertThat(HousingFixtures.errors(en.body())).containsEntry("visitId", e.getValue()[1]);
        }

        assertThat(jdbc.sql("SELECT version, residence, phone_masked FROM person WHERE id = ?").param(person).query()
                .singleRow()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(name + "新").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM visit_change WHERE visit_id IN (?, ?, ?)")
                .params(otherGridVisit, otherStationVisit, colleagues).query(Long.class).single()).isZero();

        // the colleague who recorded the visit links his own change to it
        HousingFixtures.Answer his = fx.call("chief", "PUT", "/api/v1/persons/" + person,
                personBody(grid, household, name, "13987650007", "visitId", colleagues));
        assertThat(his.status()).as(String.valueOf(his.body())).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM visit_change WHERE visit_id = ?").param(colleagues)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aChangeLinkedToTheOfficersOwnVisitOfYesterdayIsRefusedAndChangesNothing() {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID room = fx.room(building, 1, "101");
        UUID household = fx.household(grid, room, false, false);
        UUID yesterdays = visitYesterday("officer", household);
        Map<String, Object> roomBefore = jdbc.sql("SELECT vacant, rental FROM room WHERE id = ?").param(room).query()
                .singleRow();

        HousingFixtures.Answer roomChange = fx.call("officer", "PUT", "/api/v1/rooms/" + room,
                Map.of("vacant", false, "rental", true, "visitId", yesterdays));
        assertThat(roomChange.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(roomChange.body())).containsEntry("visitId", "只能在走访当天把修改记入该次走访");
        HousingFixtures.Answer marks = fx.call("officer", "PUT", "/api/v1/households/" + household,
                Map.of("trusted", true, "inDifficulty", false, "visitId", yesterdays), "Accept-Language", "en");
        assertThat(marks.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(marks.body()))
                .containsEntry("visitId", "Changes can be added to a visit only on the day it was recorded");
        HousingFixtures.Answer card = fx.call("officer", "POST", "/api/v1/households/" + household + "/contact-card",
                Map.of("on", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), "visitId", yesterdays));
        assertThat(card.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(card.body())).containsEntry("visitId", "只能在走访当天把修改记入该次走访");

        assertThat(jdbc.sql("SELECT vacant, rental FROM room WHERE id = ?").param(room).query().singleRow())
                .isEqualTo(roomBefore);
        assertThat(jdbc.sql("SELECT trusted OR contact_card_on IS NOT NULL FROM household WHERE id = ?")
                .param(household).query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM visit_change WHERE visit_id = ?").param(yesterdays)
                .query(Long.class).single()).isZero();
    }

    /**
     * A contact card or visit body with several values of the wrong kind is refused with every fault at once, each
     * under its field and in the caller's language, as the household, person and address bodies are; nothing is
     * saved, and a household outside the caller's scope stays not found whatever its body holds.
     */
    @Test
    void everyWrongValueOfAContactCardOrVisitBodyIsRefusedAtOnceAndNothingIsSaved() {
        UUID household = fx.household(grid, null, false, false);
        Map<String, Object> card = Map.of("on", "2026-13-45", "visitId", "昨天那次");
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/households/" + household + "/contact-card",
                card);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).as(zh.body().toString()).containsOnlyKeys("on", "visitId")
                .containsEntry("on", "格式不正确").containsEntry("visitId", "格式不正确");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/households/" + household + "/contact-card",
                card, "Accept-Language", "en");
        assertThat(HousingFixtures.errors(en.body())).as(en.body().toString()).containsOnlyKeys("on", "visitId")
                .containsEntry("on", "Wrong format");
        UUID urban = fx.household(fx.gridId("NS-1-01"), null, false, false);
        assertThat(fx.call("officer", "POST", "/api/v1/households/" + urban + "/contact-card", card).status())
                .as("outside the scope").isEqualTo(404);

        Map<String, Object> visit = new HashMap<>();
        visit.put("householdId", household);
        visit.put("findings", " ");
        visit.put("contactCard", "是");
        visit.put("visitedAt", "昨天下午");
        HousingFixtures.Answer refused = fx.call("officer", "POST", "/api/v1/visits", visit);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).as(refused.body().toString())
                .containsOnlyKeys("findings", "contactCard", "visitedAt").containsEntry("findings", "必填")
                .containsEntry("contactCard", "格式不正确").containsEntry("visitedAt", "格式不正确");
        visit.put("householdId", "H-0001");
        HousingFixtures.Answer enVisit = fx.call("officer", "POST", "/api/v1/visits", visit, "Accept-Language", "en");
        assertThat(HousingFixtures.errors(enVisit.body())).as(enVisit.body().toString())
                .containsOnlyKeys("householdId", "findings", "contactCard", "visitedAt")
                .containsEntry("householdId", "Wrong format").containsEntry("findings", "Required");

        assertThat(jdbc.sql("SELECT count(*) FROM visit WHERE household_id = ?").param(household).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE id IN (?, ?) AND contact_card_on IS NOT NULL")
                .params(household, urban).query(Long.class).single()).isZero();
    }
}
