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
 * The quick-response figures of a duplicate taken up before it was merged: acknowledged within seconds of its
 * receipt, merged into another report, answered with it three days ago, and reopened by its resident now. Its steps
 * are timed from when it was last put in front of the police before each: its acknowledgement from its receipt, for
 * the one who took it up; the dispatch, the arrival and the resolution it had only after the reopening from the
 * reopening, for the one who took them then, not charged with the three days it stood merged and answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseTimesOfDuplicatesTakenUpBeforeMergingIntegrationTests extends IntegrationTest {

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
    Staff taker;
    Staff handler;
    Staff later;
    UUID duplicate;

    @BeforeAll
    void aDuplicateTakenUpMergedAndAnsweredThreeDaysAgoIsReopenedAndHandledNow() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        workstation = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "RTM-" + n, "合并时效站" + n,
                null);
        Grid grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, workstation, "IT-RTM-" + n, "合并", 108);
        taker = register("受理人", "rtmtaker");
        handler = register("主办人", "rtmhandler");
        later = register("再办人", "rtmlater");
        Submitter takerHand = ResponseTimesPerPersonIntegrationTests.as(taker, workstation);
        Submitter handlerHand = ResponseTimesPerPersonIntegrationTests.as(handler, workstation);
        Submitter laterHand = ResponseTimesPerPersonIntegrationTests.as(later, workstation);

        // the duplicate is taken up first, then merged into the other report, which is handled and answered
        UUID primary = filed(grid);
        duplicate = filed(grid);
        desk.acknowledge(duplicate, takerHand);
        merges.merge(duplicate, new Merges.Into(primary, null, false, "同一件事"), Submitter.system("test"));
        desk.acknowledge(primary, handlerHand);
        desk.dispatch(primary, null, handlerHand);
        desk.arrive(primary, null, handlerHand);
        desk.resolve(primary, "已处理", handlerHand);
        desk.answer(primary, "已处理完毕", handlerHand);
        assertThat(incidents.find(duplicate).orElseThrow().status()).as("answered with the other")
                .isEqualTo(Incidents.Status.ANSWERED);
        // all of it happened three days ago
        for (UUID id : List.of(primary, duplicate)) {
            ResponseTimesAfterReopeningIntegrationTests.threeDaysBack(jdbc, id);
        }

        // its resident reopens it now; another officer sends someone out, is there and resolves it
        desk.reopen(duplicate, "还没有解决", ResidentDesk.ACTOR, Instant.now(), Duration.ofDays(7));
        desk.dispatch(duplicate, null, laterHand);
        desk.arrive(duplicate, null, laterHand);
        desk.resolve(duplicate, "再次处理", laterHand);
    }

    Staff register(String name, String username) {
        return staff.register(workstation.id(), StaffRole.AUXILIARY_POLICE, name + n, null, null, "辅警",
                username + n, DEMO_PASSWORD);
    }

    UUID filed(Grid grid) {
        return desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "合并求助" + n, null, null, null,
                "合并村口", grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
    }

    JsonNode figures() {
        ApiClient api = new ApiClient(port);
        return ApiClient.json(api.get("/api/v1/incidents/response-times?unitId=" + workstation.id().value(),
                api.token("chief", DEMO_PASSWORD)));
    }

    @Test
    void whoHandledTheReopenedDuplicateIsTimedFromTheReopeningNotChargedWithTheDaysItStoodMerged() {
        JsonNode figures = figures();
        JsonNode again = ResponseTimesPerPersonIntegrationTests.person(figures, later);
        assertThat(again).as("the one who handled the reopened duplicate").isNotNull();
        for (String step : List.of("resolve", "dispatch", "arrive")) {
            assertThat(again.at("/" + step + "/count").asLong()).as(step).isEqualTo(1);
            assertThat(again.at("/" + step + "/medianSeconds").asDouble())
                    .as(step + ": seconds after the reopening, not the three days before it").isLessThan(600);
            assertThat(again.at("/" + step + "/withinTarget").asLong()).as(step + " within its target")
                    .isEqualTo(1);
        }
        assertThat(again.at("/acknowledge/count").asLong()).as("he did not take it up: it was, before the merge")
                .isZero();
    }

    @Test
    void whoTookTheDuplicateUpBeforeTheMergeKeepsHisTimeFromItsReceipt() {
        JsonNode took = ResponseTimesPerPersonIntegrationTests.person(figures(), taker);
        assertThat(took.at("/acknowledge/count").asLong()).isEqualTo(1);
        assertThat(took.at("/acknowledge/medianSeconds").asDouble()).as("seconds after its receipt")
                .isLessThan(600);
        assertThat(took.at("/acknowledge/withinTarget").asLong()).isEqualTo(1);
    }

    @Test
    void theGridCountsEachReportsStepsOnceAndNoneTookDays() {
        JsonNode theGrid = figures().get("grids").get(0);
        assertThat(theGrid.get("code").asText()).isEqualTo("IT-RTM-" + n);
        assertThat(theGrid.get("incidents").asLong()).as("the other report, and the duplicate reopened")
                .isEqualTo(2);
        for (String step : List.of("acknowledge", "dispatch", "arrive", "resolve")) {
            assertThat(theGrid.at("/" + step + "/count").asLong()).as(step).isEqualTo(2);
            assertThat(theGrid.at("/" + step + "/p90Seconds").asDouble()).as(step + ": no step took days")
                    .isLessThan(600);
        }
    }
}
