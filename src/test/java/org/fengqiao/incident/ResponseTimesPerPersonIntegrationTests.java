package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.internal.IncidentDesk;
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

/**
 * A station chief reads the response times per officer: each step is credited to the person who took it (the
 * acknowledgement to who acknowledged, the dispatch to who dispatched, the arrival to who arrived, the resolution to
 * who resolved), on the page and in the API alike; one who only arrived and resolved is listed too. The people of
 * another station, handling their own station's items, are not on the chief's list, nor his on theirs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseTimesPerPersonIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;

    String n;
    Unit workstation;
    Staff taker;
    Staff responder;
    Staff theirs;

    @BeforeAll
    void twoPeopleShareTheStepsOfTwoItemsAndAnotherStationHandlesItsOwn() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        // a workstation of 房山派出所 (the demo chief's station)
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        workstation = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "RTP-" + n, "时效分人站" + n, null);
        Grid grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, workstation, "IT-RTP-" + n, "分人", 104);
        taker = staff.register(workstation.id(), StaffRole.AUXILIARY_POLICE, "受理人" + n, null, null, "辅警",
                "rtptake" + n, DEMO_PASSWORD);
        responder = staff.register(workstation.id(), StaffRole.AUXILIARY_POLICE, "到场人" + n, null, null, "辅警",
                "rtpresp" + n, DEMO_PASSWORD);
        Submitter takes = as(taker, workstation);
        Submitter responds = as(responder, workstation);
        // the first: one takes it up and sends out; the other arrives and resolves it
        UUID first = filed(grid);
        desk.acknowledge(first, takes);
        desk.dispatch(first, null, takes);
        desk.arrive(first, null, responds);
        desk.resolve(first, "已处理", responds);
        // the second: one takes it up, the other sends out
        UUID second = filed(grid);
        desk.acknowledge(second, takes);
        desk.dispatch(second, null, responds);

        // 牛山派出所, another station: one of its people handles an item of its own grid
        Unit elsewhere = jurisdictions.unitByCode("320722020100").orElseThrow();
        Grid their = SatisfactionPageIntegrationTests.testGrid(jurisdictions, elsewhere, "IT-RTP2-" + n, "分人", 106);
        theirs = staff.register(elsewhere.id(), StaffRole.AUXILIARY_POLICE, "他所辅警" + n, null, null, "辅警",
                "rtpother" + n, DEMO_PASSWORD);
        UUID other = filed(their);
        Submitter they = as(theirs, elsewhere);
        desk.acknowledge(other, they);
        desk.arrive(other, null, they);
        desk.resolve(other, "已处理", they);
    }

    static Submitter as(Staff who, Unit unit) {
        return new Submitter("staff:" + who.id().value(), who.id().value(), who.name(), List.of(unit.path()));
    }

    UUID filed(Grid where) {
        return desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "分人求助" + n, null, null, null,
                "分人村口", where.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
    }

    static JsonNode person(JsonNode figures, Staff who) {
        for (JsonNode p : figures.get("people")) {
            if (p.get("id").asText().equals(who.id().value().toString())) {
                return p;
            }
        }
        return null;
    }

    static List<Long> counts(JsonNode row) {
        return List.of(row.get("incidents").asLong(), row.at("/acknowledge/count").asLong(),
                row.at("/dispatch/count").asLong(), row.at("/arrive/count").asLong(),
                row.at("/resolve/count").asLong());
    }

    /** The count of a step in a person's row on the page. */
    static String cell(String page, Staff who, String step) {
        int row = page.indexOf("data-id=\"" + who.id().value() + "\"");
        assertThat(row).as(who.name() + " on the page").isPositive();
        String tr = page.substring(row, page.indexOf("</tr>", row));
        Matcher m = Pattern.compile("data-step=\"" + step + "\" data-count=\"(\\d+)\"").matcher(tr);
        assertThat(m.find()).as(step + " in " + tr).isTrue();
        return m.group(1);
    }

    @Test
    void eachStepIsCreditedToWhoTookItOnThePageAndInTheApi() {
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        JsonNode figures = ApiClient.json(api.get("/api/v1/incidents/response-times?unitId=" + workstation.id().value(),
                chief));
        JsonNode took = person(figures, taker);
        JsonNode came = person(figures, responder);
        assertThat(took).as("the one who took both up").isNotNull();
        assertThat(came).as("the one who never acknowledged, but dispatched, arrived and resolved").isNotNull();
        assertThat(counts(took)).as("items, acknowledged, dispatched, arrived, resolved")
                .containsExactly(2L, 2L, 1L, 0L, 0L);
        assertThat(counts(came)).as("items, acknowledged, dispatched, arrived, resolved")
                .containsExactly(2L, 0L, 1L, 1L, 1L);
        assertThat(came.at("/arrive/medianSeconds").isNumber()).as("his arrival time, not the taker's").isTrue();
        assertThat(took.at("/arrive/medianSeconds").isNumber()).as("he arrived at none").isFalse();

        ApiClient page = new ApiClient(port);
        assertThat(page.formLogin("chief", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String html = ResponseTimesAccessIntegrationTests.page(page,
                "/incidents/response-times?unit=" + workstation.id().value());
        assertThat(List.of(cell(html, taker, "acknowledge"), cell(html, taker, "dispatch"), cell(html, taker, "arrive"),
                cell(html, taker, "resolve"))).containsExactly("2", "1", "0", "0");
        assertThat(List.of(cell(html, responder, "acknowledge"), cell(html, responder, "dispatch"),
                cell(html, responder, "arrive"), cell(html, responder, "resolve"))).containsExactly("0", "1", "1", "1");
        assertThat(html).contains("到场人" + n);
    }

    @Test
    void thePeopleOfAnotherStationAreNotOnTheChiefsListNorHisOnTheirs() {
        ApiClient api = new ApiClient(port);
        JsonNode chiefs = ApiClient.json(api.get("/api/v1/incidents/response-times",
                api.token("chief", DEMO_PASSWORD)));
        assertThat(chiefs.get("people").findValuesAsText("id")).contains(taker.id().value().toString())
                .doesNotContain(theirs.id().value().toString());
        ApiClient chief = new ApiClient(port);
        assertThat(chief.formLogin("chief", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(ResponseTimesAccessIntegrationTests.page(chief, "/incidents/response-times"))
                .contains("受理人" + n).doesNotContain("他所辅警" + n);

        JsonNode officer2s = ApiClient.json(api.get("/api/v1/incidents/response-times",
                api.token("officer2", DEMO_PASSWORD)));
        assertThat(officer2s.get("people").findValuesAsText("id")).contains(theirs.id().value().toString())
                .doesNotContain(taker.id().value().toString())
                .doesNotContain(responder.id().value().toString());
    }
}
