package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.forces.InformantFixture;
import org.fengqiao.forces.Informants;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A clue an informant files himself (issue 4: informants submit clues, their identity visible only to their handler
 * and the station chief): the incident's page and its API name him, as its reporter and as who filed it, to his
 * handler and the station chief; any other officer who reads the incident sees "信息员" and no name.
 */
class InformantClueIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    Informants informants;

    @Test
    void aClueTheInformantFiledNamesHimToHisHandlerAndTheStationChiefOnly() {
        ApiClient api = new ApiClient(port);
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        NotificationFixtures.TestGrid mine = NotificationFixtures.grid(jurisdictions, staff, office);
        NotificationFixtures.TestGrid other = NotificationFixtures.grid(jurisdictions, staff, office);
        InformantFixture informant = InformantFixture.handledBy(mine, "线索人", api, staff);
        String name = informant.name();
        String chief = api.token("chief", DEMO_PASSWORD);

        Map<String, Object> body = new HashMap<>();
        body.put("source", "INFORMANT");
        body.put("category", "HELP");
        body.put("gridId", mine.grid().id().value());
        body.put("description", "线索：村口有老人走失 " + UUID.randomUUID());
        body.put("address", "村口");
        body.put("reporterName", name);
        body.put("reporterPhone", "13900001234");
        HttpResponse<String> filed = api.send("POST", "/api/v1/incidents", informant.himself(api), body);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String id = ApiClient.json(filed).get("incident").get("id").asText();

        String handler = informant.handler(api);
        for (String knower : new String[] {handler, chief}) {
            JsonNode shown = ApiClient.json(api.get("/api/v1/incidents/" + id, knower));
            assertThat(shown.get("incident").get("reporterName").asText()).isEqualTo(name);
            assertThat(shown.get("timeline").get(0).get("actor").asText()).isEqualTo(name);
            assertThat(api.get("/incidents/" + id, knower, "Accept", "text/html").body()).contains(name);
        }

        String stranger = api.token(other.chiefLogin(), DEMO_PASSWORD);
        HttpResponse<String> json = api.get("/api/v1/incidents/" + id, stranger);
        assertThat(json.statusCode()).as("he reads the incident").isEqualTo(200);
        assertThat(json.body()).doesNotContain(name).doesNotContain("13900001234");
        assertThat(ApiClient.json(json).get("timeline").get(0).get("actor").asText()).isEqualTo("信息员");
        HttpResponse<String> page = api.get("/incidents/" + id, stranger, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(name).contains("信息员");
    }

    static Caller officer(NotificationFixtures.TestGrid grid, String... permissions) {
        return new Caller(grid.chief().id().value(), grid.chiefLogin(), grid.chief().name(), "COMMUNITY_OFFICER",
                List.of(grid.unit().path()), Set.of(permissions));
    }

    /**
     * What a page of incidents asks once for all its clues (one query, IncidentViews#views): which of their filers
     * leave the giver hidden from the reader. His own informant's clue and his own show to a handler; another's
     * informant's, an officer's filed for someone, and one whose filer is unknown do not; nothing is hidden from the
     * station chief.
     */
    @Test
    void theBatchForAPageOfCluesHidesTheGiversOfCluesFiledByInformantsTheReaderDoesNotHandle() {
        ApiClient api = new ApiClient(port);
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        NotificationFixtures.TestGrid mine = NotificationFixtures.grid(jurisdictions, staff, office);
        NotificationFixtures.TestGrid other = NotificationFixtures.grid(jurisdictions, staff, office);
        UUID his = InformantFixture.handledBy(mine, "批量线人", api, staff).id();
        UUID another = InformantFixture.handledBy(other, "批量线人", api, staff).id();
        UUID officer = other.chief().id().value();
        UUID me = mine.chief().id().value();
        List<UUID> filers = java.util.Arrays.asList(his, another, officer, me, null);

        Predicate<UUID> handler = informants.clueGiversHiddenFrom(officer(mine, "INCIDENT_READ"), filers);
        assertThat(filers.stream().filter(handler).toList()).containsExactlyInAnyOrder(another, officer, null);
        Predicate<UUID> stationChief = informants.clueGiversHiddenFrom(
                officer(mine, "INCIDENT_READ", "INCIDENT_INFORMANT_IDENTITY"), filers);
        assertThat(filers.stream().filter(stationChief).toList()).isEmpty();
        Predicate<UUID> stranger = informants.clueGiversHiddenFrom(officer(other, "INCIDENT_READ"), filers);
        assertThat(filers.stream().filter(stranger).toList()).containsExactlyInAnyOrder(his, me, null);
        assertThat(informants.clueGiverHiddenFrom(officer(mine, "INCIDENT_READ"), his)).isFalse();
        assertThat(informants.clueGiverHiddenFrom(officer(other, "INCIDENT_READ"), his)).isTrue();
    }
}
