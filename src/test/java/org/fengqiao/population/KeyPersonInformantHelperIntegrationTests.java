package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.forces.InformantFixture;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A stability-related key person's helper team may count a designated informant (特定信息员, seed 002). An informant is
 * named only to his handler and the station chief (issue 4): anyone else reading the team (the bureau, another
 * officer of the station) sees a designated informant by his role alone, on the page, in the API and in the
 * person's file, as the roster shows him.
 */
class KeyPersonInformantHelperIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;

    @Test
    void aDesignatedInformantInTheTeamIsNamedToHisHandlerAndTheStationChiefOnly() throws IOException {
        ApiClient api = new ApiClient(port);
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        var office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        NotificationFixtures.TestGrid grid = NotificationFixtures.grid(jurisdictions, directory, office);
        InformantFixture informant = InformantFixture.handledBy(grid, "帮扶线人", api, directory);
        UUID gridId = fx.gridId("FS-4-04");
        UUID person = fx.person(gridId, fx.household(gridId, null, false, false), "涉稳对象", "HEAD",
                "KEY_PERSON", "STABILITY");
        HousingFixtures.Answer added = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team",
                Map.of("staffId", informant.id().toString(), "role", "INFORMANT"));
        assertThat(added.status()).as(String.valueOf(added.body())).isEqualTo(201);
        String path = "/api/v1/key-persons/" + person;

        for (String knower : new String[] {informant.handler(api), api.token("chief", DEMO_PASSWORD)}) {
            HttpResponse<String> r = api.get(path, knower);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains(informant.name(), informant.id().toString());
        }

        for (String stranger : new String[] {"bureau", "officer"}) {
            HttpResponse<String> r = api.get(path, api.token(stranger, DEMO_PASSWORD));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).as(stranger).doesNotContain(informant.name(), informant.id().toString());
            JsonNode shown = null;
            for (JsonNode m : ApiClient.json(r).path("team")) {
                if ("INFORMANT".equals(m.path("role").asText())) {
                    shown = m;
                }
            }
            assertThat(shown).as("the helper is listed by his role").isNotNull();
            assertThat(shown.path("name").asText()).isEqualTo("信息员");
            assertThat(ApiClient.json(api.get(path, api.token(stranger, DEMO_PASSWORD), "Accept-Language", "en"))
                    .toString()).contains("Informant").doesNotContain(informant.name());
        }

        ApiClient officerBrowser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String page = officerBrowser.get("/key-persons/" + person, null, "Accept", "text/html").body();
        assertThat(page).contains("涉稳对象", "信息员").doesNotContain(informant.name());

        HttpResponse<byte[]> file = api.download("/api/v1/persons/" + person + "/file.pdf",
                api.token("bureau", DEMO_PASSWORD));
        assertThat(file.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(file.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("涉稳对象").doesNotContain(informant.name());
        }
    }
}
