package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fengqiao.forces.InformantFixture;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The staff directory (STAFF_READ: officers, inspectors, chiefs) lists an informant only to those who may know him
 * (issue 4): his handler, the station chief, and the security administrator who gives him his sign-in. Anyone else
 * finds him neither in the list nor in its count, by his name or his user name, and his page is not found.
 */
class InformantStaffDirectoryIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    InformantFixture informant;
    /** The chief of another grid of the same office: an officer in scope who does not handle the informant. */
    NotificationFixtures.TestGrid other;
    String stranger;

    @BeforeEach
    void informant() {
        api = new ApiClient(port);
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        informant = InformantFixture.handledBy(NotificationFixtures.grid(jurisdictions, staff, office), "名录线人", api,
                staff);
        other = NotificationFixtures.grid(jurisdictions, staff, office);
        stranger = api.token(other.chiefLogin(), DEMO_PASSWORD);
    }

    String[] knowers() {
        return new String[] {informant.handler(api), api.token("chief", DEMO_PASSWORD),
                api.token("security", DEMO_PASSWORD)};
    }

    static String q(String text) {
        return "?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void theListNamesAnInformantToHisHandlerTheStationChiefAndTheSecurityAdministratorOnly() {
        String id = informant.id().toString();
        for (String knower : knowers()) {
            JsonNode found = ApiClient.json(api.get("/api/v1/staff" + q(informant.name()), knower));
            assertThat(found.get("total").asLong()).isEqualTo(1);
            assertThat(found.get("items").get(0).get("id").asText()).isEqualTo(id);
            assertThat(found.get("items").get(0).get("name").asText()).isEqualTo(informant.name());
            assertThat(api.get("/staff" + q(informant.name()), knower, "Accept", "text/html").body())
                    .contains(informant.name()).contains("/staff/" + id);
        }

        HttpResponse<String> json = api.get("/api/v1/staff" + q(informant.name()), stranger);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(json).get("total").asLong()).as("neither listed nor counted").isZero();
        assertThat(json.body()).doesNotContain(informant.name()).doesNotContain(id);
        HttpResponse<String> page = api.get("/staff" + q(informant.name()), stranger, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        // the search box holds what he typed; the count and the table below it are the answer
        String answer = page.body().substring(page.body().indexOf("<p class=\"count\""));
        assertThat(answer).doesNotContain(informant.name()).doesNotContain(id).contains("共 0 人");
        assertThat(ApiClient.json(api.get("/api/v1/staff" + q(informant.login()), stranger)).get("total").asLong())
                .as("nor by his user name").isZero();
        assertThat(api.get("/api/v1/staff?role=INFORMANT&size=100", stranger).body()).doesNotContain(id);
        // a colleague is listed to him as before
        JsonNode colleague = ApiClient.json(api.get("/api/v1/staff" + q(informant.grid().chiefLogin()), stranger));
        assertThat(colleague.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void anInformantsPageIsNotFoundByAnOfficerWhoMayNotKnowHim() {
        String id = informant.id().toString();
        for (String knower : knowers()) {
            HttpResponse<String> json = api.get("/api/v1/staff/" + id, knower);
            assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
            assertThat(ApiClient.json(json).get("name").asText()).isEqualTo(informant.name());
            assertThat(api.get("/staff/" + id, knower, "Accept", "text/html").body()).contains(informant.name());
        }

        HttpResponse<String> json = api.get("/api/v1/staff/" + id, stranger);
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).doesNotContain(informant.name());
        HttpResponse<String> page = api.get("/staff/" + id, stranger, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain(informant.name());
        // the handler's own page shows to him as before
        assertThat(api.get("/api/v1/staff/" + informant.grid().chief().id().value(), stranger).statusCode())
                .isEqualTo(200);
    }

    /**
     * The bureau's command puts people on the books but may not know informants: one he puts there is listed to the
     * station chief, and the bureau's page after the form is the list, with a notice, not the informant's own page.
     */
    @Test
    void anInformantPutOnTheBooksByOneWhoMayNotKnowHimLeadsBackToTheList() {
        ApiClient bureau = new ApiClient(port);
        assertThat(bureau.formLogin("bureau", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String name = "新线人" + NotificationFixtures.unique();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("unitId", informant.grid().unit().id().value().toString());
        form.put("role", "INFORMANT");
        form.put("name", name);
        form.put("_csrf", bureau.csrfFrom("/staff"));
        HttpResponse<String> created = bureau.form("/staff", form);
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/staff");
        assertThat(bureau.get("/staff", null).body()).contains("信息员已新增");
        JsonNode found = ApiClient.json(api.get("/api/v1/staff" + q(name), api.token("chief", DEMO_PASSWORD)));
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(ApiClient.json(api.get("/api/v1/staff" + q(name), api.token("bureau", DEMO_PASSWORD)))
                .get("total").asLong()).isZero();
    }
}
