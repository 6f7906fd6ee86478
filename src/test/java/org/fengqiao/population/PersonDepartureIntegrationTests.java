package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
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
 * Recording that a person has moved away (登记离开) in one step, and a whole household (整户迁出): the residence set to
 * left on the day given, everything else kept, audited with before and after like any change of the person, listed
 * under the visit it was recorded during; one who has already left, a day to come, a day before his registration are
 * refused in the caller's language with nothing changed; outside the caller's jurisdiction 404, a volunteer 403.
 */
class PersonDepartureIntegrationTests extends IntegrationTest {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

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

    /** A member registered through the API, with an identity number and a phone; answers his id. */
    UUID member(UUID household, String name, String relation, String residence, String registeredOn) {
        Map<String, Object> body = new HashMap<>(Map.of("gridId", grid, "householdId", household, "name", name,
                "idNumber", TestIdentityNumbers.next(Sex.FEMALE), "phone", "13912345678", "sex", "FEMALE",
                "relation", relation, "residence", residence, "occupation", "教师", "note", "热心邻里"));
        if (registeredOn != null) {
            body.put("registeredOn", registeredOn);
        }
        HousingFixtures.Answer a = fx.call("officer", "POST", "/api/v1/persons", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return UUID.fromString(a.body().get("id").asText());
    }

    Map<String, Object> stored(UUID person) {
        return jdbc.sql("""
                SELECT name, household_id, grid_id, residence, left_on, registered_on, occupation, note, phone_masked,
                       id_masked, id_index, version FROM person WHERE id = ?""").param(person).query().singleRow();
    }

    long updates(UUID person) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'person' AND record_id = ? "
                + "AND action = 'UPDATE'").param(person.toString()).query(Long.class).single();
    }

    String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 4);
    }

    @Test
    void anOfficerRecordsThatAPersonLeftAndOnlyHisResidenceChangesAuditedWithBeforeAndAfter() {
        UUID household = fx.household(grid, null, false, false);
        String name = name("离开");
        UUID person = member(household, name, "SPOUSE", "PERMANENT", null);
        Map<String, Object> before = stored(person);
        LocalDate left = LocalDate.now(LOCAL).minusDays(3);

        HousingFixtures.Answer a = fx.call("officer", "POST", "/api/v1/persons/" + person + "/departure",
                Map.of("leftOn", left.toString(), "version", before.get("version")));
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(200);
        assertThat(a.body().get("residence").asText()).isEqualTo("LEFT");
        assertThat(a.body().get("leftOn").asText()).isEqualTo(left.toString());
        // answered masked, as the list shows him
        assertThat(a.body().get("phone").asText()).isEqualTo("139****5678");
        assertThat(a.body().toString()).doesNotContain("13912345678");

        Map<String, Object> after = stored(person);
        assertThat(after.get("residence")).isEqualTo("LEFT");
        assertThat(after.get("left_on").toString()).isEqualTo(left.toString());
        for (String kept : List.of("name", "household_id", "grid_id", "occupation", "note", "phone_masked",
                "id_masked", "id_index")) {
            assertThat(after.get(kept)).as(kept).isEqualTo(before.get(kept));
        }
        assertThat(updates(person)).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT (before->>'residence') || ' ' || (after->>'residence') || ' ' || (after->>'leftOn')
                FROM audit_entry WHERE record_type = 'person' AND record_id = ? AND action = 'UPDATE'
                AND actor = 'officer'""").param(person.toString()).query(String.class).single())
                .isEqualTo("PERMANENT LEFT " + left);
    }

    @Test
    void withoutADayHeLeftTodayAndWhereToAndTheNoteAreAddedToHisNote() {
        UUID household = fx.household(grid, null, false, false);
        UUID person = member(household, name("去向"), "SPOUSE", "PERMANENT", null);

        HousingFixtures.Answer a = fx.call("officer", "POST", "/api/v1/persons/" + person + "/departure",
                Map.of("destination", "江苏省南京市", "note", "随子女外出务工"));
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(200);
        LocalDate today = LocalDate.now(LOCAL);
        assertThat(stored(person).get("left_on").toString()).isEqualTo(today.toString());
        assertThat(stored(person).get("note"))
                .isEqualTo("热心邻里\n" + today + " 离开，去向：江苏省南京市；随子女外出务工");
    }

    @Test
    void oneWhoHasLeftADayToComeOrBeforeHisRegistrationIsRefusedInHisLanguageAndNothingChanges() {
        UUID household = fx.household(grid, null, false, false);
        LocalDate today = LocalDate.now(LOCAL);
        UUID floating = member(household, name("暂住"), "NON_RELATIVE", "FLOATING", today.minusDays(10).toString());
        Map<String, Object> before = stored(floating);

        HousingFixtures.Answer future = fx.call("officer", "POST", "/api/v1/persons/" + floating + "/departure",
                Map.of("leftOn", today.plusDays(1).toString()));
        assertThat(future.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(future.body())).containsEntry("leftOn", "日期不能晚于今天");
        HousingFixtures.Answer early = fx.call("officer", "POST", "/api/v1/persons/" + floating + "/departure",
                Map.of("leftOn", today.minusDays(11).toString()), "Accept-Language", "en");
        assertThat(early.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(early.body()))
                .containsEntry("leftOn", "The day he left may not be before his registration (" + today.minusDays(10) + ")");
        assertThat(stored(floating)).isEqualTo(before);

        UUID gone = member(household, name("已离"), "SPOUSE", "PERMANENT", null);
        assertThat(fx.call("officer", "POST", "/api/v1/persons/" + gone + "/departure",
                Map.of("leftOn", today.minusDays(5).toString())).status()).isEqualTo(200);
        Map<String, Object> left = stored(gone);
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/persons/" + gone + "/departure",
                Map.of("leftOn", today.toString()));
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).containsEntry("residence", "该人员已登记离开，无需再次登记");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/persons/" + gone + "/departure",
                Map.of("leftOn", today.toString()), "Accept-Language", "en");
        assertThat(HousingFixtures.errors(en.body())).containsEntry("residence", "This person is already recorded as left");
        assertThat(stored(gone)).isEqualTo(left);
        assertThat(updates(gone)).isEqualTo(1);
    }

    @Test
    void aFormMadeFromAnOlderVersionIsRefusedAsChangedMeanwhile() {
        UUID household = fx.household(grid, null, false, false);
        UUID person = member(household, name("旧版"), "SPOUSE", "PERMANENT", null);
        Map<String, Object> before = stored(person);

        HousingFixtures.Answer stale = fx.call("officer", "POST", "/api/v1/persons/" + person + "/departure",
                Map.of("version", ((Number) before.get("version")).longValue() - 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stored(person)).isEqualTo(before);
    }

    @Test
    void aDepartureDuringAVisitIsListedUnderItAndAVisitOfAnotherGridIsRefused() {
        UUID household = fx.household(grid, null, false, false);
        String name = name("访离");
        UUID person = member(household, name, "SPOUSE", "PERMANENT", null);
        UUID otherGridVisit = fx.visitNow("officer", fx.household(fx.gridId("FS-2-01"), null, false, false));
        LocalDate left = LocalDate.now(LOCAL).minusDays(1);
        Map<String, Object> before = stored(person);

        HousingFixtures.Answer refused = fx.call("officer", "POST", "/api/v1/persons/" + person + "/departure",
                Map.of("leftOn", left.toString(), "visitId", otherGridVisit));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).containsEntry("visitId", "走访记录不存在或不属于该网格");
        assertThat(stored(person)).isEqualTo(before);

        UUID visit = fx.visitNow("officer", household);
        HousingFixtures.Answer a = fx.call("officer", "POST", "/api/v1/persons/" + person + "/departure",
                Map.of("leftOn", left.toString(), "visitId", visit));
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(200);
        JsonNode changes = fx.get("officer", "/api/v1/households/" + household + "/visits").body().get(0).get("changes");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).get("summary").asText()).isEqualTo(name + "：居住状态改为已离开（" + left + "）");
    }

    @Test
    void outsideTheJurisdictionAPersonOrHouseholdIs404AndAVolunteerIsRefusedAsThePutRefusesHim() {
        UUID urban = fx.household(fx.gridId("NS-1-01"), null, false, false);
        UUID stranger = fx.person(fx.gridId("NS-1-01"), urban, "城民", "HEAD", null, null);
        Map<String, Object> before = stored(stranger);

        HousingFixtures.Answer outside = fx.call("officer", "POST", "/api/v1/persons/" + stranger + "/departure",
                Map.of());
        HousingFixtures.Answer absent = fx.call("officer", "POST", "/api/v1/persons/" + UUID.randomUUID()
                + "/departure", Map.of());
        assertThat(outside.status()).isEqualTo(404);
        assertThat(HousingFixtures.withoutInstance(outside.body())).isEqualTo(HousingFixtures.withoutInstance(absent.body()));
        assertThat(fx.call("officer", "POST", "/api/v1/households/" + urban + "/departure", Map.of()).status())
                .isEqualTo(404);
        assertThat(stored(stranger)).isEqualTo(before);

        UUID household = fx.household(grid, null, false, false);
        UUID person = member(household, name("志愿"), "HEAD", "PERMANENT", null);
        Map<String, Object> mine = stored(person);
        assertThat(fx.call("volunteer", "PUT", "/api/v1/persons/" + person, Map.of("name", "改名")).status())
                .isEqualTo(403);
        assertThat(fx.call("volunteer", "POST", "/api/v1/persons/" + person + "/departure", Map.of()).status())
                .isEqualTo(403);
        assertThat(fx.call("volunteer", "POST", "/api/v1/households/" + household + "/departure", Map.of()).status())
                .isEqualTo(403);
        assertThat(stored(person)).isEqualTo(mine);
    }

    @Test
    void aWholeHouseholdLeavesEachMemberLivingThereAuditedAndListedUnderTheVisit() {
        UUID household = fx.household(grid, null, false, false);
        String head = name("户主");
        String spouse = name("配偶");
        UUID headId = member(household, head, "HEAD", "PERMANENT", null);
        UUID spouseId = member(household, spouse, "SPOUSE", "PERMANENT", null);
        UUID earlier = member(household, name("早离"), "CHILD", "PERMANENT", null);
        LocalDate today = LocalDate.now(LOCAL);
        assertThat(fx.call("officer", "POST", "/api/v1/persons/" + earlier + "/departure",
                Map.of("leftOn", today.minusYears(1).toString())).status()).isEqualTo(200);
        Map<String, Object> earlierBefore = stored(earlier);
        UUID visit = fx.visitNow("officer", household);

        HousingFixtures.Answer a = fx.call("officer", "POST", "/api/v1/households/" + household + "/departure",
                Map.of("leftOn", today.toString(), "destination", "上海市", "visitId", visit));
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(200);
        assertThat(a.body()).hasSize(2);
        assertThat(a.body().toString()).doesNotContain("13912345678");
        for (UUID id : List.of(headId, spouseId)) {
            assertThat(stored(id).get("residence")).isEqualTo("LEFT");
            assertThat(stored(id).get("left_on").toString()).isEqualTo(today.toString());
            assertThat(updates(id)).isEqualTo(1);
        }
        assertThat(stored(earlier)).as("who left before keeps his day").isEqualTo(earlierBefore);
        List<String> said = new java.util.ArrayList<>();
        fx.get("officer", "/api/v1/households/" + household + "/visits").body().get(0).get("changes")
                .forEach(c -> said.add(c.get("summary").asText()));
        assertThat(said).contains(head + "：居住状态改为已离开（" + today + "）",
                spouse + "：居住状态改为已离开（" + today + "）");

        // nobody living there any more: refused, nothing changes
        HousingFixtures.Answer again = fx.call("officer", "POST", "/api/v1/households/" + household + "/departure",
                Map.of("leftOn", today.toString()));
        assertThat(again.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(again.body())).containsEntry("residence", "该户已无在住人员");
    }

    @Test
    void aWholeHouseholdLeavesAllOrNothing() {
        UUID household = fx.household(grid, null, false, false);
        LocalDate today = LocalDate.now(LOCAL);
        UUID head = member(household, name("全户"), "HEAD", "PERMANENT", null);
        // a tenant registered after the day given: his departure is refused, so nobody's is recorded
        UUID tenant = member(household, name("租客"), "NON_RELATIVE", "FLOATING", today.minusDays(2).toString());
        Map<String, Object> headBefore = stored(head);
        Map<String, Object> tenantBefore = stored(tenant);

        HousingFixtures.Answer a = fx.call("officer", "POST", "/api/v1/households/" + household + "/departure",
                Map.of("leftOn", today.minusDays(5).toString()));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().toString()).contains(String.valueOf(tenantBefore.get("name")));
        assertThat(stored(head)).isEqualTo(headBefore);
        assertThat(stored(tenant)).isEqualTo(tenantBefore);
        assertThat(updates(head)).isZero();
    }

    /**
     * A day to come is wrong for the whole household, not for each member: the refusal says so once, in the caller's
     * language, and nothing changes.
     */
    /**
     * A departure with a day to come and a destination too long is refused with both at once, in the reader's
     * language, as a household's departure is: the destination was said first and the day only once it was mended.
     * Nothing changes.
     */
    @Test
    void aPersonsDepartureWithSeveralFaultsIsRefusedWithEveryOneAtOnceAndNothingChanges() {
        UUID household = fx.household(grid, null, false, false);
        LocalDate today = LocalDate.now(LOCAL);
        UUID person = member(household, name("两错"), "HEAD", "PERMANENT", null);
        Map<String, Object> before = stored(person);
        Map<String, Object> departure = Map.of("leftOn", today.plusDays(1).toString(), "destination", "南".repeat(101));

        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/persons/" + person + "/departure", departure);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).as(zh.body().toString())
                .containsEntry("leftOn", "日期不能晚于今天").containsEntry("destination", "不能超过 100 个字");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/persons/" + person + "/departure", departure,
                "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body())).as(en.body().toString())
                .containsEntry("destination", "At most 100 characters").containsKey("leftOn");
        assertThat(stored(person)).isEqualTo(before);
        assertThat(updates(person)).isZero();
    }

    /**
     * A departure sent with a day that is no date and a destination too long, for a person or a whole household, is
     * refused with both at once: the body stopped at the day and the destination was said only once it was mended.
     * Nothing changes.
     */
    @Test
    void aDepartureWithADayThatIsNoDateIsRefusedWithItsOtherFaultsAtOnce() {
        UUID household = fx.household(grid, null, false, false);
        UUID person = member(household, name("无日"), "HEAD", "PERMANENT", null);
        Map<String, Object> before = stored(person);
        Map<String, Object> departure = Map.of("leftOn", "明天", "destination", "南".repeat(101));
        for (String path : List.of("/api/v1/persons/" + person + "/departure",
                "/api/v1/households/" + household + "/departure")) {
            HousingFixtures.Answer zh = fx.call("officer", "POST", path, departure);
            assertThat(zh.status()).as(path).isEqualTo(400);
            assertThat(HousingFixtures.errors(zh.body())).as(zh.body().toString())
                    .containsOnlyKeys("leftOn", "destination").containsEntry("leftOn", "格式不正确")
                    .containsEntry("destination", "不能超过 100 个字");
            HousingFixtures.Answer en = fx.call("officer", "POST", path, departure, "Accept-Language", "en");
            assertThat(HousingFixtures.errors(en.body())).as(en.body().toString())
                    .containsEntry("leftOn", "Wrong format").containsEntry("destination", "At most 100 characters");
        }
        assertThat(stored(person)).isEqualTo(before);
        assertThat(updates(person)).isZero();
    }

    @Test
    void aWholeHouseholdLeavingOnADayToComeIsRefusedOnceNotOncePerMember() {
        UUID household = fx.household(grid, null, false, false);
        LocalDate today = LocalDate.now(LOCAL);
        UUID head = member(household, name("将离"), "HEAD", "PERMANENT", null);
        UUID spouse = member(household, name("将离"), "SPOUSE", "PERMANENT", null);
        UUID child = member(household, name("将离"), "CHILD", "PERMANENT", null);
        Map<String, Object> headBefore = stored(head);

        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/households/" + household + "/departure",
                Map.of("leftOn", today.plusDays(2).toString()));
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.body().get("errors")).as(zh.body().toString()).singleElement()
                .satisfies(e -> assertThat(e.get("message").asText()).isEqualTo("日期不能晚于今天"));
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/households/" + household + "/departure",
                Map.of("leftOn", today.plusDays(2).toString()), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body().get("errors")).as(en.body().toString()).hasSize(1);
        assertThat(stored(head)).isEqualTo(headBefore);
        for (UUID id : List.of(head, spouse, child)) {
            assertThat(updates(id)).isZero();
        }
    }

    @Test
    void theEditsPutChecksTheDayHeLeftAsTheDepartureDoes() {
        UUID household = fx.household(grid, null, false, false);
        String name = name("改期");
        LocalDate today = LocalDate.now(LOCAL);
        UUID person = member(household, name, "NON_RELATIVE", "FLOATING", today.minusDays(10).toString());
        Map<String, Object> before = stored(person);
        Map<String, Object> body = new HashMap<>(Map.of("gridId", grid, "householdId", household, "name", name,
                "sex", "FEMALE", "relation", "NON_RELATIVE", "residence", "LEFT",
                "registeredOn", today.minusDays(10).toString()));

        body.put("leftOn", today.plusDays(1).toString());
        HousingFixtures.Answer future = fx.call("officer", "PUT", "/api/v1/persons/" + person, body);
        assertThat(future.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(future.body())).containsEntry("leftOn", "日期不能晚于今天");
        body.put("leftOn", today.minusDays(11).toString());
        HousingFixtures.Answer early = fx.call("officer", "PUT", "/api/v1/persons/" + person, body);
        assertThat(early.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(early.body()))
                .containsEntry("leftOn", "离开日期不能早于登记日期（" + today.minusDays(10) + "）");
        assertThat(stored(person)).isEqualTo(before);
    }

}
