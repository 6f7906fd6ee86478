package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's incidents came in hours, days or a year before the demo loaded: their timelines tell the same story as
 * their times. An item's page shows 接报 when it was received and each step after it, the figures time the steps the
 * timeline shows, and a case of the year before was answered then, not on the day the demo loaded.
 */
class DemoIncidentTimelineIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    /** The demo's own items: those the demo filed (other tests file items of their own). */
    private static final String DEMO = """
            i.submitter = 'system' AND EXISTS (SELECT 1 FROM incident_event r WHERE r.incident_id = i.id
                AND r.kind = 'RECEIVED' AND r.actor_name = 'demo')""";

    @Test
    void eachStepOnADemoItemsTimelineIsWhenTheItemSaysItWasTaken() {
        List<String> wrong = jdbc.sql("""
                SELECT i.tracking_code || ' ' || e.kind || ' at ' || e.at || ' but the item says '
                       || coalesce(CASE e.kind WHEN 'RECEIVED' THEN i.received_at WHEN 'ACKNOWLEDGED' THEN i.acknowledged_at
                                    WHEN 'ARRIVED' THEN i.arrived_at END::text, 'nothing')
                FROM incident i JOIN incident_event e ON e.incident_id = i.id
                WHERE %s AND e.id = (SELECT min(f.id) FROM incident_event f WHERE f.incident_id = i.id AND f.kind = e.kind)
                  AND e.kind IN ('RECEIVED', 'ACKNOWLEDGED', 'ARRIVED')
                  AND e.at IS DISTINCT FROM CASE e.kind WHEN 'RECEIVED' THEN i.received_at
                      WHEN 'ACKNOWLEDGED' THEN i.acknowledged_at WHEN 'ARRIVED' THEN i.arrived_at END""".formatted(DEMO))
                .query(String.class).list();
        assertThat(wrong).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM incident i WHERE " + DEMO).query(Long.class).single())
                .as("the demo's items are there").isGreaterThan(10);
    }

    @Test
    void aDemoItemsTimelineRunsForwardFromItsReceipt() {
        List<String> backwards = jdbc.sql("""
                SELECT i.tracking_code || ' ' || e.kind || ' at ' || e.at || ' before ' || prev.kind || ' at ' || prev.at
                FROM incident i JOIN incident_event e ON e.incident_id = i.id
                JOIN LATERAL (SELECT p.kind, p.at FROM incident_event p WHERE p.incident_id = i.id AND p.id < e.id
                              ORDER BY p.id DESC LIMIT 1) prev ON true
                WHERE %s AND e.at < prev.at""".formatted(DEMO))
                .query(String.class).list();
        assertThat(backwards).isEmpty();
    }

    @Test
    void aCaseOfTheYearBeforeWasResolvedAndAnsweredThen() {
        List<String> late = jdbc.sql("""
                SELECT i.tracking_code || ' received ' || i.received_at || ', ' || e.kind || ' ' || e.at
                FROM incident i JOIN incident_event e ON e.incident_id = i.id
                WHERE %s AND i.received_at < now() - interval '300 days' AND e.kind IN ('RESOLVED', 'ANSWERED')
                  AND e.at > i.received_at + interval '1 day'""".formatted(DEMO))
                .query(String.class).list();
        assertThat(late).isEmpty();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM incident i WHERE %s AND i.received_at < now() - interval '300 days'
                  AND i.answered_at < now() - interval '300 days'""".formatted(DEMO)).query(Long.class).single())
                .as("the year before's cases, answered that year").isEqualTo(6);
    }

    /**
     * The inbox announces a demo item when its timeline says it came (its routing), not on the day the demo loaded: an
     * entry dated later than the item's steps read as a new assignment of an item handled hours or a year before.
     */
    @Test
    void aDemoItemsInboxEntriesAreDatedWithTheStepsTheyAnnounce() {
        List<String> wrong = jdbc.sql("""
                SELECT i.tracking_code || ' ' || b.kind || ' dated ' || b.created_at
                       || ', read ' || coalesce(b.read_at::text, '-')
                FROM inbox_entry b JOIN incident i ON i.id = b.record_id AND b.record_type = 'incident'
                WHERE %s
                  AND (NOT EXISTS (SELECT 1 FROM incident_event e WHERE e.incident_id = i.id AND e.at = b.created_at)
                       OR (b.read_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM incident_event e
                                                                 WHERE e.incident_id = i.id AND e.at = b.read_at)))"""
                .formatted(DEMO))
                .query(String.class).list();
        assertThat(wrong).isEmpty();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM inbox_entry b JOIN incident i ON i.id = b.record_id AND b.record_type = 'incident'
                WHERE %s AND b.created_at < now() - interval '300 days'""".formatted(DEMO)).query(Long.class).single())
                .as("the year before's cases announced then").isPositive();
    }

    /**
     * The demo's handled items were taken up, arrived at and resolved by people (whoever the routing gave them to), so
     * the response times per person show them: a chief reading the figures per officer found nobody, every step having
     * been taken by the application.
     */
    @Test
    void eachStepTheDemoTookOnItsItemsWasTakenByAPerson() {
        List<String> byNobody = jdbc.sql("""
                SELECT i.tracking_code || ' ' || e.kind FROM incident i JOIN incident_event e ON e.incident_id = i.id
                WHERE %s AND e.kind IN ('ACKNOWLEDGED', 'ARRIVED', 'RESOLVED', 'ANSWERED') AND e.actor_id IS NULL"""
                .formatted(DEMO)).query(String.class).list();
        assertThat(byNobody).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM incident i WHERE %s AND i.acknowledged_at IS NOT NULL"
                .formatted(DEMO) + " AND i.acknowledged_by IS NULL").query(Long.class).single())
                .as("taken up by nobody").isZero();
    }

    /**
     * The demo's open items stand as a station's do in office hours, each at the level its story reached: a case still
     * at work went up a level each time its level's time to resolve it passed (four hours at the work point, a day at
     * the central office), dated then, and stands with that level's owner with its time still running; a hazard left for
     * weeks is the bureau's. Left to the sweep, all of them went up together at its first run, dated the moment the
     * demo loaded, and were all the bureau's within hours.
     */
    @Test
    void theDemosOpenItemsStandAtTheLevelTheirStoryReachedEachStepUpDatedWhenItsTimePassed() {
        record Item(String kind, double hoursOld, int escalations, boolean dueLater) {
        }
        java.util.function.Function<String, Item> item = description -> jdbc.sql("""
                SELECT u.kind, extract(epoch FROM now() - i.received_at) / 3600, i.escalations,
                       i.next_escalation_at IS NULL OR i.next_escalation_at > now()
                FROM incident i JOIN unit u ON u.id = i.owner_unit_id WHERE i.description = ?""")
                .param(description).query((rs, n) -> new Item(rs.getString(1), rs.getDouble(2), rs.getInt(3),
                        rs.getBoolean(4))).single();
        // the level a case taken up at a work point stands at by its age: 4 h there, 24 h at the central office
        java.util.function.DoubleFunction<String> levelOf = hours -> hours < 4 ? "WORK_POINT"
                : hours < 28 ? "CENTRAL_OFFICE" : "STATION";
        for (String description : List.of("110推送：村民外出务工期间家中被撬门入室，丢失现金和金饰。",
                "110推送：路边行人挎包被骑摩托车的人抢走。", "村民鱼塘的增氧设备电缆被人剪断。")) {
            Item case_ = item.apply(description);
            assertThat(case_.kind()).as(description).isEqualTo(levelOf.apply(case_.hoursOld()));
            assertThat(case_.dueLater()).as(description + ": its time at this level still runs").isTrue();
        }
        Item burglary = item.apply("110推送：村民外出务工期间家中被撬门入室，丢失现金和金饰。");
        Item well = item.apply("吴场村三组废弃机井无井盖，井口仅用木板遮挡，儿童放学常经过，存在坠落隐患。");
        assertThat(well.kind()).as("a hazard of weeks").isEqualTo("BUREAU");
        // each step up dated when the time of the level it left ran out, before the demo loaded (its last item came in
        // five minutes before), not at the moment it loaded
        List<String> misdated = jdbc.sql("""
                SELECT i.description || ' went up at ' || e.at FROM incident i
                JOIN incident_event e ON e.incident_id = i.id AND e.kind = 'ESCALATED'
                WHERE i.description IN (?, ?)
                  AND e.at >= (SELECT l.received_at FROM incident l WHERE l.description = '村民走失一头耕牛，请求协助寻找。')""")
                .params("110推送：村民外出务工期间家中被撬门入室，丢失现金和金饰。",
                        "吴场村三组废弃机井无井盖，井口仅用木板遮挡，儿童放学常经过，存在坠落隐患。")
                .query(String.class).list();
        assertThat(misdated).isEmpty();
        assertThat(well.escalations()).isEqualTo(3);
        assertThat(burglary.escalations()).isEqualTo(burglary.kind().equals("STATION") ? 2
                : burglary.kind().equals("CENTRAL_OFFICE") ? 1 : 0);
    }

    /**
     * The volunteer's hazards on the board were taken up at their grid when they came (minutes after), as a station's
     * are, and went up as unresolved when each level's time to resolve them ran out: a day at the central office, three
     * days with the grid's station, then the bureau's. Left untaken, they went up unanswered within two and a half hours
     * of coming in, two of them at the station, and the station never took them up.
     */
    @Test
    void theVolunteersHazardsWereTakenUpAtTheirGridAndStoodWithItsStationBeforeGoingToTheBureau() {
        for (String hazard : List.of("吴场村三组废弃机井无井盖，井口仅用木板遮挡，儿童放学常经过，存在坠落隐患。",
                "吴场村二组村道旁电线杆倾斜，电线下垂离地不足两米，雨天有触电隐患，需联系供电所处理。")) {
            assertThat(jdbc.sql("""
                    SELECT i.acknowledged_at - i.received_at < interval '1 hour' AND i.acknowledged_by IS NOT NULL
                    FROM incident i WHERE i.description = ?""").param(hazard).query(Boolean.class).single())
                    .as(hazard + ": taken up at the grid when it came").isTrue();
            List<String> up = jdbc.sql("""
                    SELECT u.kind || ' ' || e.reason FROM incident_event e JOIN incident i ON i.id = e.incident_id
                    JOIN unit u ON u.id = e.owner_unit_id WHERE i.description = ? AND e.kind = 'ESCALATED'
                    ORDER BY e.at""").param(hazard).query(String.class).list();
            assertThat(up).as(hazard).containsExactly("CENTRAL_OFFICE incident.escalation.unresolved",
                    "STATION incident.escalation.unresolved", "BUREAU incident.escalation.unresolved");
            assertThat(jdbc.sql("""
                    SELECT extract(epoch FROM max(e.at) - min(e.at)) / 3600 FROM incident_event e
                    JOIN incident i ON i.id = e.incident_id JOIN unit u ON u.id = e.owner_unit_id
                    WHERE i.description = ? AND e.kind = 'ESCALATED' AND u.kind IN ('STATION', 'BUREAU')""")
                    .param(hazard).query(Double.class).single()).as(hazard + ": hours with the station").isEqualTo(72.0);
        }
    }

    /**
     * The demo's 110 call of 陆圩, open for ten days, was taken up minutes after it came, and what came after (its steps
     * up the levels) followed then, before the demo loaded: taken up at the load instead, ten days late, it was sent up
     * by the sweep's first run, and its grid chief found an "escalated to you" no one had asked of him then.
     */
    @Test
    void theDemosTenDayOldCallWasTakenUpWhenItCameNotWhenTheDemoLoaded() {
        String call = "群众反映陆圩村养殖场夜间排污，气味刺鼻，多次协调未果。";
        assertThat(jdbc.sql("""
                SELECT i.acknowledged_at - i.received_at < interval '1 hour' FROM incident i WHERE i.description = ?""")
                .param(call).query(Boolean.class).single()).as("taken up when it came").isTrue();
        List<String> late = jdbc.sql("""
                SELECT e.kind || ' at ' || e.at FROM incident i JOIN incident_event e ON e.incident_id = i.id
                WHERE i.description = ? AND e.kind <> 'RECEIVED'
                  AND e.at >= (SELECT l.received_at FROM incident l WHERE l.description = '村民走失一头耕牛，请求协助寻找。')""")
                .param(call).query(String.class).list();
        assertThat(late).as("steps dated at the load").isEmpty();
        List<String> asks = jdbc.sql("""
                SELECT b.kind || ' for ' || s.username FROM inbox_entry b JOIN incident i ON i.id = b.record_id
                JOIN staff s ON s.id = b.recipient_id
                WHERE i.description = ? AND b.read_at IS NULL AND b.kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_ESCALATED')
                  AND b.recipient_id IS DISTINCT FROM i.owner_staff_id""").param(call).query(String.class).list();
        assertThat(asks).as("asks left with those it has passed").isEmpty();
    }
}
