package org.fengqiao.forces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A grid's roster is read by everyone who reads the grid (volunteers and grid members too): an informant on it is
 * named to his handler and the station chief only (issue 4), to anyone else shown by his role alone.
 */
class InformantRosterIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;

    @Test
    void theRosterNamesAnInformantToHisHandlerAndTheStationChiefOnly() {
        ApiClient api = new ApiClient(port);
        var office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        NotificationFixtures.TestGrid mine = NotificationFixtures.grid(jurisdictions, directory, office);
        NotificationFixtures.TestGrid other = NotificationFixtures.grid(jurisdictions, directory, office);
        InformantFixture fixture = InformantFixture.handledBy(mine, "名册线人", api, directory).onTheRoster(directory);
        String name = fixture.name();
        UUID informant = fixture.id();
        String chief = api.token("chief", DEMO_PASSWORD);
        String roster = "/api/v1/grids/" + mine.grid().id().value() + "/roster";

        for (String knower : new String[] {fixture.handler(api), chief}) {
            HttpResponse<String> r = api.get(roster, knower);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains(name).contains(informant.toString());
        }

        String stranger = api.token(other.chiefLogin(), DEMO_PASSWORD);
        HttpResponse<String> r = api.get(roster, stranger);
        assertThat(r.statusCode()).as("the other grid's chief reads the grid's roster").isEqualTo(200);
        assertThat(r.body()).doesNotContain(name).doesNotContain(informant.toString());
        JsonNode terms = ApiClient.json(r);
        JsonNode shown = null;
        for (JsonNode t : terms) {
            if ("INFORMANT".equals(t.get("role").asText())) {
                shown = t;
            }
        }
        assertThat(shown).as("the term is listed, by its role").isNotNull();
        assertThat(shown.get("staffName").asText()).isEqualTo("信息员");
        assertThat(shown.path("staffId").isMissingNode() || shown.get("staffId").isNull()).isTrue();
        assertThat(ApiClient.json(api.get(roster, stranger, "Accept-Language", "en")).toString()).contains("Informant")
                .doesNotContain(name);
        // the rest of the roster is as it was
        assertThat(r.body()).contains(mine.chief().name());
    }

    @Test
    void theRosterCandidatesListAnInformantToHisHandlerAndTheStationChiefOnly() {
        ApiClient api = new ApiClient(port);
        var office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        NotificationFixtures.TestGrid mine = NotificationFixtures.grid(jurisdictions, directory, office);
        NotificationFixtures.TestGrid other = NotificationFixtures.grid(jurisdictions, directory, office);
        InformantFixture fixture = InformantFixture.handledBy(mine, "候选线人", api, directory);
        String candidates = "/api/v1/grids/" + other.grid().id().value() + "/roster/candidates";

        for (String knower : new String[] {fixture.handler(api), api.token("chief", DEMO_PASSWORD)}) {
            HttpResponse<String> r = api.get(candidates, knower);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains(fixture.name()).contains(fixture.id().toString());
        }
        // the other grid's chief manages his own grid's roster: he is offered his office's people, not the informant
        HttpResponse<String> r = api.get(candidates, api.token(other.chiefLogin(), DEMO_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(mine.chief().name())
                .doesNotContain(fixture.name()).doesNotContain(fixture.id().toString());
    }
}
