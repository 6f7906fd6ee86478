package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.incident.Open311Client.json;
import static org.fengqiao.incident.Open311Client.text;
import static org.fengqiao.incident.Open311Client.xml;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.incident.Open311Client.Form;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An Open311 client reads the answers in its language: Accept-Language as the request sends it, or the CitySDK
 * extension's {@code locale} parameter; a client that sends neither gets Chinese, as it always did. A department an
 * incident names as data (城管 from the URBAN service) reads in the reader's language where the bundles know it.
 */
class Open311LanguageIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IncidentDesk desk;

    Open311Client client;
    static Grid grid;
    static double lon0;
    static final double LAT0 = 33.4;

    @BeforeEach
    void fixture() {
        client = new Open311Client(port);
        if (grid != null) {
            return;
        }
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "O311L-V-" + n, "语言村" + n,
                null, null, null);
        lon0 = 108 + new Random().nextInt(300) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(lon0,
                LAT0, lon0 + 0.005, LAT0, lon0 + 0.005, LAT0 + 0.005, lon0, LAT0 + 0.005, lon0, LAT0);
        grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-O311L-" + n, "语言网格" + n, square, null,
                null, null);
    }

    String fileUrban() {
        HttpResponse<String> r = client.post("requests.json", new Form().add("api_key", Open311IntegrationTests.DEMO_KEY)
                .add("service_code", "URBAN").add("lat", String.valueOf(LAT0 + 0.002))
                .add("long", String.valueOf(lon0 + 0.002)).add("description", "占道经营-" + UUID.randomUUID()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get(0).get("service_request_id").asText();
    }

    @Test
    void withoutAnyLanguageTheAnswersAreChineseAsTheyAlwaysWere() {
        HttpResponse<String> services = client.get("services.json");
        assertThat(services.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Accept-Language"));
        JsonNode help = json(services).get(0);
        assertThat(help.get("service_name").asText()).isEqualTo("求助");
        assertThat(help.get("group").asText()).isEqualTo("公安");
        assertThat(services.body()).as("the same answer as a client that asks for Chinese")
                .isEqualTo(client.get("services.json", "Accept-Language", "zh-CN").body());
        assertThat(text(xml(client.get("services/DISPUTE.xml")), "//attribute[code='DISPUTE_KIND']/description"))
                .isEqualTo("纠纷类型");

        JsonNode request = json(client.get("requests/" + fileUrban() + ".json")).get(0);
        assertThat(request.get("status_notes").asText()).isEqualTo("待受理");
        assertThat(request.get("service_name").asText()).isEqualTo("城管事项");
    }

    @Test
    void anEnglishClientReadsEnglishByAcceptLanguageOrTheLocaleParameter() {
        for (String query : new String[] {"?locale=en", "?locale=en_GB", "?locale=en-US"}) {
            JsonNode help = json(client.get("services.json" + query)).get(0);
            assertThat(help.get("service_name").asText()).as(query).isEqualTo("Help");
            assertThat(help.get("description").asText()).as(query).doesNotContainPattern("\\p{IsHan}");
        }
        assertThat(json(client.get("services.json?locale=zh_CN", "Accept-Language", "en")).get(0).get("service_name")
                .asText()).as("the parameter wins over the header").isEqualTo("求助");
        assertThat(json(client.get("services.json?locale=fi", "Accept-Language", "en")).get(0).get("service_name")
                .asText()).as("a language not spoken here is ignored").isEqualTo("Help");
        assertThat(json(client.get("services.json?locale=fi")).get(0).get("service_name").asText()).isEqualTo("求助");

        JsonNode definition = json(client.get("services/DISPUTE.json?locale=en"));
        assertThat(definition.get("attributes").get(0).get("description").asText()).isEqualTo("Kind of dispute");
        assertThat(definition.get("attributes").get(0).get("values").findValuesAsText("name")).contains("Neighbours");
        assertThat(text(xml(client.get("services/DISPUTE.xml", "Accept-Language", "en")),
                "//attribute[code='DISPUTE_KIND']/description")).isEqualTo("Kind of dispute");

        String id = fileUrban();
        for (HttpResponse<String> r : new HttpResponse[] {client.get("requests/" + id + ".json?locale=en"),
                client.get("requests/" + id + ".json", "Accept-Language", "en-GB,en;q=0.9")}) {
            JsonNode request = json(r).get(0);
            assertThat(request.get("status_notes").asText()).isEqualTo("Received");
            assertThat(request.get("service_name").asText()).isEqualTo("Urban management");
            assertThat(request.get("service_notice").asText()).doesNotContainPattern("\\p{IsHan}");
        }
        HttpResponse<String> error = client.get("services/POTHOLE.json?locale=en");
        assertThat(json(error).get(0).get("description").asText()).isEqualTo("No such service");
        assertThat(client.get("services.json?locale=en").headers().allValues("Set-Cookie"))
                .as("the parameter is for this request only").isEmpty();
    }

    @Test
    void aDepartmentStoredAsDataReadsInTheReadersLanguageWhereTheBundlesKnowIt() {
        UUID id = UUID.fromString(fileUrban());
        assertThat(jdbc.sql("SELECT department FROM incident WHERE id = ?").param(id).query(String.class).single())
                .as("stored as ever").isEqualTo("城管");
        desk.acknowledge(id, Submitter.system("测试"));
        // referred on and back: the item names the department it went to last, each referral its own on the timeline
        desk.refer(id, "县人社局劳动监察大队", "李科长", null, Submitter.system("测试"));
        desk.refer(id, "城管", "张队 13800000000", null, Submitter.system("测试"));

        ApiClient api = new ApiClient(port);
        String bureau = api.token("bureau", DEMO_PASSWORD);
        JsonNode english = ApiClient.json(api.get("/api/v1/incidents/" + id, bureau, "Accept-Language", "en"));
        assertThat(english.get("incident").get("department").asText()).isEqualTo("City management");
        assertThat(english.get("timeline").findValuesAsText("department"))
                .containsExactly("县人社局劳动监察大队", "City management");
        JsonNode chinese = ApiClient.json(api.get("/api/v1/incidents/" + id, bureau, "Accept-Language", "zh-CN"));
        assertThat(chinese.get("incident").get("department").asText()).isEqualTo("城管");
        assertThat(chinese.get("timeline").findValuesAsText("department")).containsExactly("县人社局劳动监察大队", "城管");

        // stored in English (the English report form's list), it reads in Chinese for a Chinese reader
        jdbc.sql("UPDATE incident SET department = 'City management' WHERE id = ?").param(id).update();
        assertThat(ApiClient.json(api.get("/api/v1/incidents/" + id, bureau, "Accept-Language", "zh-CN")).get("incident")
                .get("department").asText()).isEqualTo("城管");
        String page = api.get("/incidents/" + id, bureau, "Accept-Language", "en").body();
        assertThat(page).contains("City management").doesNotContain(">城管<");
    }
}
