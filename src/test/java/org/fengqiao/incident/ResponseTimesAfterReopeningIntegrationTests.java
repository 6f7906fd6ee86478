package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.Merges;
import org.fengqiao.incident.internal.ResidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The quick-response figures of reports their residents reopened. A duplicate merged before anyone took it up, answered
 * with the report it was merged into three days after its receipt and reopened, waits to be taken up from the
 * reopening: whoever takes it up then is timed from the reopening, not charged with the three days nobody could take
 * it up, and its deadline to be taken up runs from the reopening too. A report taken up, resolved, answered and
 * reopened three days later counts its resolution once, for the one who resolved it first and with his time, not for
 * the one who resolved it again with the three days it stood answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseTimesAfterReopeningIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;
    @Autowired
    Merges merges;
    @Autowired
    Incidents incidents;
    @Autowired
    JdbcClient jdbc;

    String n;
    Unit workstation;
    Grid grid;
    Staff first;
    Staff later;
    UUID duplicate;
    Instant duplicateReopened;

    @BeforeAll
    void reportsHandledThreeDaysAgoAreReopenedNow() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        workstation = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "RTR-" + n, "重开时效站" + n,
                null);
        grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, workstation, "IT-RTR-" + n, "重开", 107);
        first = staff.register(workstation.id(), StaffRole.AUXILIARY_POLICE, "首办人" + n, null, null, "辅警",
                "rtrfirst" + n, DEMO_PASSWORD);
        later = staff.register(workstation.id(), StaffRole.AUXILIARY_POLICE, "再办人" + n, null, null, "辅警",
                "rtrlater" + n, DEMO_PASSWORD);
        Submitter firstHand = ResponseTimesPerPersonIntegrationTests.as(first, workstation);
        Submitter laterHand = ResponseTimesPerPersonIntegrationTests.as(later, workstation);

        // a duplicate merged before anyone took it up; the report it was merged into is handled and answered
        UUID primary = filed();
        duplicate = filed();
        merges.merge(duplicate, new Merges.Into(primary, null, false, "同一件事"), Submitter.system("test"));
        desk.acknowledge(primary, firstHand);
        desk.resolve(primary, "已处理", firstHand);
        desk.answer(primary, "已处理完毕", firstHand);
        // an ordinary report taken up, sent out, arrived at, resolved and answered
        UUID ordinary = filed();
        desk.acknowledge(ordinary, firstHand);
        desk.dispatch(ordinary, null, firstHand);
        desk.arrive(ordinary, null, firstHand);
        desk.resolve(ordinary, "已处理", firstHand);
        desk.answer(ordinary, "已处理完毕", firstHand);
        // all of it happened three days ago
        for (UUID id : List.of(primary, duplicate, ordinary)) {
            threeDaysBack(id);
        }

        // both reporters reopen now; the other person takes the duplicate up and resolves the ordinary one again
        duplicateReopened = Instant.now();
        desk.reopen(duplicate, "还没有解决", ResidentDesk.ACTOR, duplicateReopened, Duration.ofDays(7));
        desk.reopen(ordinary, "还没有解决", ResidentDesk.ACTOR, Instant.now(), Duration.ofDays(7));
        desk.acknowledge(duplicate, laterHand);
        desk.resolve(ordinary, "再次处理", laterHand);
    }

    UUID filed() {
        return desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "重开求助" + n, null, null, null,
                "重开村口", grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
    }

    /** Every moment of the report and of its timeline three days earlier. */
    void threeDaysBack(UUID id) {
        threeDaysBack(jdbc, id);
    }

    static void threeDaysBack(JdbcClient jdbc, UUID id) {
        jdbc.sql("""
                UPDATE incident SET received_at = received_at - :d, owner_since = owner_since - :d,
                    acknowledged_at = acknowledged_at - :d, dispatched_at = dispatched_at - :d,
                    arrived_at = arrived_at - :d, resolved_at = resolved_at - :d, answered_at = answered_at - :d,
                    merged_at = merged_at - :d, due_at = due_at - :d
                WHERE id = :id""".replace(":d", "interval '3 days'")).param("id", id).update();
        jdbc.sql("UPDATE incident_event SET at = at - interval '3 days' WHERE incident_id = :id").param("id", id)
                .update();
    }

    JsonNode figures() {
        ApiClient api = new ApiClient(port);
        return ApiClient.json(api.get("/api/v1/incidents/response-times?unitId=" + workstation.id().value(),
                api.token("chief", DEMO_PASSWORD)));
    }

    @Test
    void whoTakesUpAReopenedDuplicateIsTimedFromTheReopeningNotFromItsReceipt() {
        JsonNode taker = ResponseTimesPerPersonIntegrationTests.person(figures(), later);
        assertThat(taker).as("the one who took the reopened duplicate up").isNotNull();
        assertThat(taker.at("/acknowledge/count").asLong()).isEqualTo(1);
        assertThat(taker.at("/acknowledge/medianSeconds").asDouble()).as("seconds after the reopening, not days")
                .isLessThan(600);
        assertThat(taker.at("/acknowledge/withinTarget").asLong()).as("within the 1-minute target").isEqualTo(1);

        JsonNode theGrid = figures().get("grids").get(0);
        assertThat(theGrid.get("code").asText()).isEqualTo("IT-RTR-" + n);
        assertThat(theGrid.at("/acknowledge/count").asLong()).as("the primary, the duplicate, the ordinary one")
                .isEqualTo(3);
        assertThat(theGrid.at("/acknowledge/p90Seconds").asDouble()).as("no acknowledgement took days")
                .isLessThan(600);
    }

    @Test
    void aReopenedDuplicateIsDueToBeTakenUpCountedFromTheReopening() {
        Incidents.Incident d = incidents.find(duplicate).orElseThrow();
        assertThat(d.ownerSince().toInstant()).isAfterOrEqualTo(duplicateReopened.minusSeconds(1));
        assertThat(d.dueAt().toInstant()).as("its deadline after the reopening, not past since days")
                .isAfter(duplicateReopened);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM incident_event WHERE incident_id = :id AND kind = 'REOPENED' AND at < (
                    SELECT min(at) FROM incident_event WHERE incident_id = :id AND kind = 'ACKNOWLEDGED')""")
                .param("id", duplicate).query(Long.class).single())
                .as("the timeline shows it taken up after the reopening").isEqualTo(1);
    }

    @Test
    void aReportResolvedAgainAfterItsReopeningCountsItsFirstResolutionForWhoResolvedIt() {
        JsonNode figures = figures();
        JsonNode resolvedFirst = ResponseTimesPerPersonIntegrationTests.person(figures, first);
        JsonNode resolvedAgain = ResponseTimesPerPersonIntegrationTests.person(figures, later);
        assertThat(resolvedFirst.at("/resolve/count").asLong()).as("the primary and the ordinary one").isEqualTo(2);
        assertThat(resolvedFirst.at("/resolve/p90Seconds").asDouble()).as("his own times, seconds")
                .isLessThan(600);
        assertThat(resolvedAgain.at("/resolve/count").asLong())
                .as("not charged with the days the report stood answered").isZero();
        JsonNode theGrid = figures.get("grids").get(0);
        assertThat(theGrid.at("/resolve/count").asLong()).as("each resolved report once").isEqualTo(2);
        assertThat(theGrid.at("/resolve/p90Seconds").asDouble()).isLessThan(600);
    }
}
