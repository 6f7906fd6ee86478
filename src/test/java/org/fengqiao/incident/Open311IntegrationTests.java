package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.incident.Open311Client.json;
import static org.fengqiao.incident.Open311Client.text;
import static org.fengqiao.incident.Open311Client.texts;
import static org.fengqiao.incident.Open311Client.xml;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.incident.Open311Client.Form;
import org.fengqiao.incident.internal.ApiKeys;
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
import org.w3c.dom.Document;

/**
 * Open311 GeoReport v2 as a client uses it: {@code .xml} and {@code .json} URLs, form-encoded POSTs with
 * {@code attribute[...]} fields and the {@code api_key} field, answers read with a JSON parser and an XML
 * parser, errors as the standard's {@code errors} with the matching HTTP status.
 */
class Open311IntegrationTests extends IntegrationTest {

    static final String DEMO_KEY = "demo-open311-key";

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiKeys keys;
    @Autowired
    IncidentDesk desk;
    @Autowired
    javax.sql.DataSource dataSource;

    Open311Client client;
    static Grid grid;
    static Unit office;
    static double lon0;
    static final double LAT0 = 33.2;

    @BeforeEach
    void fixture() {
        client = new Open311Client(port);
        if (grid != null) {
            return;
        }
        office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "O311-V-" + n, "开放村" + n,
                null, null, null);
        lon0 = 105 + new Random().nextInt(300) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(lon0, LAT0,
                lon0 + 0.005, LAT0, lon0 + 0.005, LAT0 + 0.005, lon0, LAT0 + 0.005, lon0, LAT0);
        grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-O311-" + n, "开放网格" + n, square, null, null,
                null);
    }

    String lat() {
        return String.valueOf(LAT0 + 0.002);
    }

    String lon() {
        return String.valueOf(lon0 + 0.002);
    }

    Form traffic(String key, String description) {
        return new Form().add("api_key", key).add("service_code", "TRAFFIC").add("lat", lat()).add("long", lon())
                .add("attribute[INJURED]", "yes").add("attribute[VEHICLES]", "2").add("description", description)
                .add("first_name", "小明").add("last_name", "张").add("phone", "13912345678")
                .add("email", "zhang@example.org").add("device_id", "device-1").add("account_id", "acct-7")
                .add("media_url", "https://img.example.org/1.jpg");
    }

    /** Posts and answers the service_request_id. */
    String file(Form form) {
        HttpResponse<String> r = client.post("requests.json", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get(0).get("service_request_id").asText();
    }

    /** Files a request of the service with the demo key, a description made unique from the given words. */
    String file(String service, String words) {
        return file(new Form().add("api_key", DEMO_KEY).add("service_code", service).add("lat", lat()).add("long", lon())
                .add("description", words + "-" + UUID.randomUUID()));
    }

    long filed(String description) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE description LIKE ?").param(description + "%")
                .query(Long.class).single();
    }

    @Test
    void discoveryNamesTheEndpointAndBothFormats() {
        HttpResponse<String> j = client.get("discovery.json");
        assertThat(j.statusCode()).isEqualTo(200);
        assertThat(j.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(j.headers().firstValue("Access-Control-Allow-Origin")).as("web clients of other sites may read it")
                .hasValue("*");
        JsonNode endpoint = json(j).get("endpoints").get(0);
        assertThat(endpoint.get("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.get("url").asText()).isEqualTo("http://localhost:" + port + "/open311/v2");
        assertThat(endpoint.get("formats").findValuesAsText("format")).isEmpty();
        assertThat(endpoint.get("formats").toString()).contains("text/xml", "application/json");

        HttpResponse<String> x = client.get("discovery.xml");
        assertThat(x.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml").containsIgnoringCase("utf-8");
        assertThat(x.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Document d = xml(x);
        assertThat(d.getDocumentElement().getNodeName()).isEqualTo("discovery");
        assertThat(texts(d, "/discovery/endpoints/endpoint/formats/format")).containsExactly("text/xml", "application/json");
        assertThat(text(d, "/discovery/endpoints/endpoint/type")).isEqualTo("production");
    }

    @Test
    void theServicesAreTheCategoriesInBothFormatsAndLanguages() {
        JsonNode services = json(client.get("services.json"));
        assertThat(services.isArray()).isTrue();
        assertThat(services.findValuesAsText("service_code")).contains("HELP", "DISPUTE", "PUBLIC_ORDER", "CRIME_TIP",
                "TRAFFIC", "DISASTER", "COMPLAINT", "URBAN", "COMPREHENSIVE", "MARKET");
        JsonNode help = services.get(0);
        assertThat(help.get("service_code").asText()).isEqualTo("HELP");
        assertThat(help.get("service_name").asText()).isEqualTo("求助");
        assertThat(help.get("metadata").isBoolean()).isTrue();
        assertThat(help.get("metadata").asBoolean()).isTrue();
        assertThat(help.get("type").asText()).isEqualTo("realtime");
        assertThat(help.get("group").asText()).isEqualTo("公安");
        assertThat(help.get("keywords").asText()).contains("求助");
        JsonNode urban = services.get(services.findValuesAsText("service_code").indexOf("URBAN"));
        assertThat(urban.get("metadata").asBoolean()).isFalse();

        Document x = xml(client.get("services.xml"));
        assertThat(x.getDocumentElement().getNodeName()).isEqualTo("services");
        assertThat(texts(x, "/services/service/service_code")).isEqualTo(services.findValuesAsText("service_code"));
        assertThat(text(x, "/services/service[service_code='URBAN']/metadata")).isEqualTo("false");
        assertThat(text(x, "/services/service[service_code='URBAN']/group")).isEqualTo("其他部门");

        JsonNode english = json(client.get("services.json", "Accept-Language", "en"));
        assertThat(english.get(0).get("service_name").asText()).isEqualTo("Help");
    }

    @Test
    void aServiceDefinitionListsItsAttributesInBothFormats() {
        JsonNode d = json(client.get("services/DISASTER.json"));
        assertThat(d.get("service_code").asText()).isEqualTo("DISASTER");
        JsonNode notice = d.get("attributes").get(0);
        assertThat(notice.get("variable").asBoolean()).isFalse();
        assertThat(notice.get("description").asText()).contains("110");
        JsonNode hazards = d.get("attributes").get(1);
        assertThat(hazards.get("code").asText()).isEqualTo("HAZARDS");
        assertThat(hazards.get("datatype").asText()).isEqualTo("multivaluelist");
        assertThat(hazards.get("required").asBoolean()).isTrue();
        assertThat(notice.get("order").asInt()).isEqualTo(1);
        assertThat(hazards.get("order").asInt()).isEqualTo(2);
        assertThat(hazards.get("values").findValuesAsText("key")).containsExactly("fire", "flood", "gas", "collapse", "other");
        assertThat(hazards.get("values").findValuesAsText("name")).contains("火灾");

        Document x = xml(client.get("services/PUBLIC_ORDER.xml"));
        assertThat(x.getDocumentElement().getNodeName()).isEqualTo("service_definition");
        assertThat(texts(x, "/service_definition/attributes/attribute/code")).containsExactly("EMERGENCY_110", "HAPPENED_AT",
                "ONGOING");
        assertThat(text(x, "//attribute[code='HAPPENED_AT']/datatype")).isEqualTo("datetime");
        assertThat(text(x, "//attribute[code='HAPPENED_AT']/datatype_description")).contains("ISO 8601");
        assertThat(text(x, "//attribute[code='ONGOING']/datatype")).isEqualTo("singlevaluelist");
        assertThat(texts(x, "//attribute[code='ONGOING']/values/value/key")).containsExactly("yes", "no");
        assertThat(text(xml(client.get("services/COMPLAINT.xml")), "//attribute[code='WISH']/datatype")).isEqualTo("text");
        assertThat(text(xml(client.get("services/TRAFFIC.xml")), "//attribute[code='PLATE']/datatype")).isEqualTo("string");
        assertThat(text(xml(client.get("services/TRAFFIC.xml")), "//attribute[code='VEHICLES']/datatype")).isEqualTo("number");

        HttpResponse<String> missingXml = client.get("services/POTHOLE.xml");
        assertThat(missingXml.statusCode()).isEqualTo(404);
        assertThat(text(xml(missingXml), "/errors/error/code")).isEqualTo("404");
        HttpResponse<String> missingJson = client.get("services/POTHOLE.json");
        assertThat(missingJson.statusCode()).isEqualTo(404);
        assertThat(json(missingJson).get(0).get("code").asInt()).isEqualTo(404);
        assertThat(json(missingJson).get(0).get("description").asText()).isNotBlank();
    }

    /**
     * GeoReport v2 gives an attribute's order as "any positive integer not used for other attributes in the same
     * service_code", 1 shown first: a client that sorts by it shows the 110 notice first, and none reads an order 0.
     */
    @Test
    void everyAttributesOrderIsAPositiveNumberOfItsOwnInTheOrderTheyAreListed() {
        for (JsonNode service : json(client.get("services.json"))) {
            String code = service.get("service_code").asText();
            List<Integer> orders = json(client.get("services/" + code + ".json")).get("attributes").findValues("order")
                    .stream().map(JsonNode::asInt).toList();
            assertThat(orders).as(code).allMatch(o -> o >= 1).doesNotHaveDuplicates().isSorted();
            assertThat(texts(xml(client.get("services/" + code + ".xml")), "//attribute/order")).as(code)
                    .isEqualTo(orders.stream().map(String::valueOf).toList());
        }
        assertThat(json(client.get("services/TRAFFIC.json")).get("attributes").findValuesAsText("order"))
                .containsExactly("1", "2", "3", "4");
    }

    @Test
    void aFormEncodedPostFilesARoutedAuditedIncidentOfItsGrid() {
        String description = "路口两车相撞-" + UUID.randomUUID();
        HttpResponse<String> r = client.post("requests.json", traffic(DEMO_KEY, description));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode answer = json(r).get(0);
        String id = answer.get("service_request_id").asText();
        assertThat(UUID.fromString(id)).as("the incident's id").isNotNull();
        assertThat(answer.has("token")).as("GeoReport v2: the id known at once, no token beside it").isFalse();
        assertThat(answer.get("service_notice").asText()).contains("120");
        String code = jdbc.sql("SELECT tracking_code FROM incident WHERE id = CAST(? AS uuid)").param(id)
                .query(String.class).single();
        assertThat(answer.get("service_notice").asText()).as("the tracking code goes to the filer").contains(code);
        assertThat(answer.get("service_notice").asText()).as("with the address of the page it opens, for the reporter")
                .contains("http://localhost:" + port + "/track/" + code);
        assertThat(answer.get("account_id").asText()).isEqualTo("acct-7");

        var row = jdbc.sql("""
                SELECT i.source, i.category, i.grid_id, i.owner_unit_id, i.owner_staff_id, i.reporter_name,
                       i.reporter_phone_masked, i.description, i.id FROM incident i WHERE i.id = CAST(? AS uuid)""")
                .param(id).query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4), rs.getObject(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, UUID.class)}).single();
        assertThat(row[0]).isEqualTo("OPEN311");
        assertThat(row[1]).isEqualTo("TRAFFIC");
        assertThat(row[2]).as("located to the grid holding lat/long").isEqualTo(grid.id().value());
        assertThat(row[3]).isNotNull();
        assertThat(row[4]).as("a named owner").isNotNull();
        assertThat(row[5]).isEqualTo("张小明");
        assertThat(row[6]).isEqualTo("139****5678");
        assertThat((String) row[7]).as("the reporter's own words; the answers are kept apart").isEqualTo(description);
        UUID incident = (UUID) row[8];
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'incident' AND record_id = ?")
                .param(incident.toString()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT kind FROM incident_event WHERE incident_id = ? ORDER BY id").param(incident)
                .query(String.class).list()).startsWith("RECEIVED", "ROUTED");
        var extra = jdbc.sql("SELECT email, device_id, attributes::text, media_url FROM open311_request WHERE incident_id = ?")
                .param(incident).query((rs, n) -> new Object[] {rs.getBytes(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)}).single();
        assertThat(new String((byte[]) extra[0], java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the e-mail is stored encrypted").doesNotContain("zhang@example.org");
        assertThat(extra[1]).isEqualTo("device-1");
        assertThat((String) extra[2]).contains("\"INJURED\": \"yes\"");
        assertThat(extra[3]).isEqualTo("https://img.example.org/1.jpg");

        // the same in XML, with a multivaluelist sent as a client sends it: attribute[CODE][]=... repeated
        String disaster = "仓库冒烟-" + UUID.randomUUID();
        HttpResponse<String> x = client.post("requests.xml", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "DISASTER").add("lat", lat()).add("long", lon()).add("description", disaster)
                .add("attribute[HAZARDS][]", "fire").add("attribute[HAZARDS][]", "gas"));
        assertThat(x.statusCode()).as(x.body()).isEqualTo(201);
        Document doc = xml(x);
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("service_requests");
        String xid = text(doc, "/service_requests/request/service_request_id");
        assertThat(UUID.fromString(xid)).isNotNull();
        assertThat(texts(doc, "/service_requests/request/account_id")).containsExactly("");
        assertThat(texts(doc, "/service_requests/request/token")).as("no token beside the id, in XML either").isEmpty();
        assertThat(jdbc.sql("SELECT description FROM incident WHERE id = CAST(? AS uuid)").param(xid).query(String.class)
                .single()).isEqualTo(disaster);
        assertThat(jdbc.sql("SELECT attributes->>'HAZARDS' FROM open311_request WHERE incident_id = CAST(? AS uuid)")
                .param(xid).query(String.class).single()).isEqualTo("[\"fire\", \"gas\"]");

        // Code for America's node-open311 sends a list as Node's querystring does: attribute[CODE] repeated, no []
        String repeated = file(new Form().add("api_key", DEMO_KEY).add("service_code", "DISASTER").add("lat", lat())
                .add("long", lon()).add("description", "山体滑坡-" + UUID.randomUUID())
                .add("attribute[HAZARDS]", "flood").add("attribute[HAZARDS]", "fire"));
        assertThat(jdbc.sql("SELECT attributes->>'HAZARDS' FROM open311_request WHERE incident_id = CAST(? AS uuid)")
                .param(repeated).query(String.class).single()).isEqualTo("[\"flood\", \"fire\"]");
    }

    @Test
    void staffReadTheAnswersOnTheIncidentInTheirOwnLanguage() {
        String words = "路口两车相撞-" + UUID.randomUUID();
        String traffic = file(new Form().add("api_key", DEMO_KEY).add("service_code", "TRAFFIC").add("lat", lat())
                .add("long", lon()).add("description", words).add("attribute[INJURED]", "yes")
                .add("attribute[VEHICLES]", "2").add("attribute[PLATE]", "苏G12345"));
        String hazards = "仓库冒烟-" + UUID.randomUUID();
        String disaster = file(new Form().add("api_key", DEMO_KEY).add("service_code", "DISASTER").add("lat", lat())
                .add("long", lon()).add("description", hazards).add("attribute[HAZARDS][]", "fire")
                .add("attribute[HAZARDS][]", "gas"));

        ApiClient chinese = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        String page = chinese.get("/incidents/" + traffic, null, "Accept", "text/html").body();
        assertThat(page).contains("id=\"incident-description\">" + words + "</dd>")
                .contains("<dt>是否有人受伤</dt><dd class=\"incident-answer\" data-code=\"INJURED\">是</dd>")
                .contains("<dt>涉及车辆数</dt><dd class=\"incident-answer\" data-code=\"VEHICLES\">2</dd>")
                .contains("<dt>车牌号（如有）</dt><dd class=\"incident-answer\" data-code=\"PLATE\">苏G12345</dd>");
        assertThat(chinese.get("/incidents/" + disaster, null, "Accept", "text/html").body())
                .contains("data-code=\"HAZARDS\">火灾、燃气泄漏</dd>");

        ApiClient english = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en");
        assertThat(english.get("/incidents/" + traffic, null, "Accept", "text/html").body())
                .contains("id=\"incident-description\">" + words + "</dd>")
                .contains("<dt>Is anyone injured</dt><dd class=\"incident-answer\" data-code=\"INJURED\">Yes</dd>")
                .contains("<dt>Vehicles involved</dt><dd class=\"incident-answer\" data-code=\"VEHICLES\">2</dd>")
                .doesNotContain("是否有人受伤");
        assertThat(english.get("/incidents/" + disaster, null, "Accept", "text/html").body())
                .contains("data-code=\"HAZARDS\">Fire, Gas leak</dd>");

        // the API answers them too, one incident and the list, labelled in the reader's language
        String token = new ApiClient(port).token("chief", DEMO_PASSWORD);
        JsonNode one = ApiClient.json(new ApiClient(port).get("/api/v1/incidents/" + disaster, token, "Accept-Language",
                "en")).get("incident");
        assertThat(one.get("description").asText()).isEqualTo(hazards);
        assertThat(one.get("answers").get(0).get("code").asText()).isEqualTo("HAZARDS");
        assertThat(one.get("answers").get(0).get("value").asText()).isEqualTo("Fire, Gas leak");
        JsonNode list = ApiClient.json(new ApiClient(port).get("/api/v1/incidents?gridId=" + grid.id().value() + "&size=100", token,
                "Accept-Language", "zh-CN"))
                .get("items");
        JsonNode listed = null;
        for (JsonNode item : list) {
            if (item.get("id").asText().equals(traffic)) {
                listed = item;
            }
        }
        assertThat(listed).as("the traffic report is listed").isNotNull();
        assertThat(listed.get("answers").toString()).contains("\"label\":\"是否有人受伤\",\"value\":\"是\"")
                .contains("\"label\":\"涉及车辆数\",\"value\":\"2\"");
    }

    @Test
    void aRequestFiledWithItsAnswersWrittenIntoItsDescriptionShowsThemOnceAndKeepsTheTextAsReceivedOnItsTimeline()
            throws Exception {
        String words = "路口两车相撞-" + UUID.randomUUID();
        String traffic = file(new Form().add("api_key", DEMO_KEY).add("service_code", "TRAFFIC").add("lat", lat())
                .add("long", lon()).add("description", words).add("attribute[INJURED]", "yes")
                .add("attribute[VEHICLES]", "2").add("attribute[PLATE]", "苏G12345"));
        String wordless = file(new Form().add("api_key", DEMO_KEY).add("service_code", "DISASTER").add("lat", lat())
                .add("long", lon()).add("attribute[HAZARDS][]", "gas").add("attribute[HAZARDS][]", "fire"));
        String otherWords = "车辆追尾-" + UUID.randomUUID();
        String differs = file(new Form().add("api_key", DEMO_KEY).add("service_code", "TRAFFIC").add("lat", lat())
                .add("long", lon()).add("description", otherWords).add("attribute[INJURED]", "no"));
        // as Open311Desk composed them before 7a3d85a: the words, or the service's name, and a line per answer
        String received = words + "\n是否有人受伤：是\n涉及车辆数：2\n车牌号（如有）：苏G12345";
        String receivedWordless = "灾害事故\n灾害或隐患类型（可多选）：燃气泄漏、火灾";
        // not what the stored answers compose (否 was answered): not the old code's, left as it is
        String notComposed = otherWords + "\n是否有人受伤：是";
        for (String[] row : new String[][] {{traffic, received}, {wordless, receivedWordless}, {differs, notComposed}}) {
            jdbc.sql("UPDATE incident SET description = ? WHERE id = CAST(? AS uuid)").params(row[1], row[0]).update();
        }

        String migration = new String(getClass().getResourceAsStream(
                "/db/migration/V131__open311_description_without_composed_answers.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        migrate(migration);
        assertThat(description(traffic)).isEqualTo(words);
        assertThat(description(wordless)).isEqualTo("灾害事故");
        assertThat(description(differs)).isEqualTo(notComposed);
        assertThat(notes(traffic)).containsExactly(received);
        assertThat(notes(wordless)).containsExactly(receivedWordless);
        assertThat(notes(differs)).isEmpty();

        ApiClient chinese = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        String page = chinese.get("/incidents/" + traffic, null, "Accept", "text/html").body();
        assertThat(page).contains("id=\"incident-description\">" + words + "</dd>")
                .contains("<dt>是否有人受伤</dt><dd class=\"incident-answer\" data-code=\"INJURED\">是</dd>");
        String step = page.substring(page.indexOf("data-kind=\"NOTE\""));
        step = step.substring(0, step.indexOf("</li>"));
        assertThat(step).contains("<strong>备注</strong>").contains("接报时的情况描述").contains(received);
        assertThat(page.split(java.util.regex.Pattern.quote(received), -1)).as("the text as received, once: on the timeline")
                .hasSize(2);
        ApiClient english = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en");
        assertThat(english.get("/incidents/" + traffic, null, "Accept", "text/html").body())
                .contains("<strong>Note</strong>").contains("The description as received");
        String code = jdbc.sql("SELECT tracking_code FROM incident WHERE id = CAST(? AS uuid)").param(traffic)
                .query(String.class).single();
        assertThat(new ApiClient(port).get("/track/" + code, null, "Accept", "text/html").body())
                .as("the resident's page shows no note").contains(words).doesNotContain("是否有人受伤：是");

        // run again, it changes nothing
        migrate(migration);
        assertThat(description(traffic)).isEqualTo(words);
        assertThat(notes(traffic)).containsExactly(received);
    }

    String description(String incident) {
        return jdbc.sql("SELECT description FROM incident WHERE id = CAST(? AS uuid)").param(incident)
                .query(String.class).single();
    }

    List<String> notes(String incident) {
        return jdbc.sql("SELECT note FROM incident_event WHERE incident_id = CAST(? AS uuid) AND kind = 'NOTE'")
                .param(incident).query(String.class).list();
    }

    /** The script as Flyway runs it: one statement. */
    void migrate(String script) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(script);
        }
    }

    @Test
    void aRequestShowsItsPublicFieldsOnlyAndClosesWithTheAnswer() {
        String description = "楼道堆放杂物-" + UUID.randomUUID();
        String id = file(new Form().add("api_key", DEMO_KEY).add("service_code", "URBAN").add("lat", lat())
                .add("long", lon()).add("description", description).add("first_name", "秘密名").add("phone", "13812340000")
                .add("email", "secret@example.org").add("media_url", "https://img.example.org/2.jpg"));

        HttpResponse<String> j = client.get("requests/" + id + ".json");
        assertThat(j.statusCode()).isEqualTo(200);
        JsonNode r = json(j).get(0);
        assertThat(r.get("service_request_id").asText()).isEqualTo(id);
        assertThat(r.get("status").asText()).isEqualTo("open");
        assertThat(r.get("status_notes").asText()).isEqualTo("待受理");
        assertThat(r.get("service_code").asText()).isEqualTo("URBAN");
        assertThat(r.get("service_name").asText()).isEqualTo("城管事项");
        assertThat(r.get("description").asText()).isEqualTo(description);
        assertThat(r.get("agency_responsible").asText()).as("the owning unit (no roster here: the station's duty)")
                .isEqualTo(jdbc.sql("SELECT u.name FROM incident i JOIN unit u ON u.id = i.owner_unit_id WHERE i.id = CAST(? AS uuid)")
                        .param(id).query(String.class).single()).isEqualTo("房山派出所");
        assertThat(r.get("lat").asDouble()).isEqualTo(Double.parseDouble(lat()));
        assertThat(r.get("long").asDouble()).isEqualTo(Double.parseDouble(lon()));
        assertThat(r.get("media_url").asText()).isEqualTo("https://img.example.org/2.jpg");
        OffsetDateTime requested = OffsetDateTime.parse(r.get("requested_datetime").asText());
        OffsetDateTime expected = OffsetDateTime.parse(r.get("expected_datetime").asText());
        assertThat(expected).isAfter(requested);
        assertThat(j.body()).doesNotContain("秘密名", "1381234", "secret@example.org");

        Document x = xml(client.get("requests/" + id + ".xml"));
        assertThat(text(x, "/service_requests/request/status")).isEqualTo("open");
        assertThat(text(x, "/service_requests/request/description")).isEqualTo(description);
        assertThat(text(x, "/service_requests/request/expected_datetime")).isEqualTo(r.get("expected_datetime").asText());

        UUID incident = jdbc.sql("SELECT id FROM incident WHERE id = CAST(? AS uuid)").param(id).query(UUID.class).single();
        Submitter staff = Submitter.system("test");
        desk.acknowledge(incident, staff);
        desk.arrive(incident, IncidentDesk.Arrival.MANAGER, staff);
        desk.resolve(incident, "内部处置记录：联系城管张队", staff);
        desk.answer(incident, "杂物已清理，感谢您的反映。", staff);

        JsonNode closed = json(client.get("requests/" + id + ".json", "Accept-Language", "en")).get(0);
        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("status_notes").asText()).isEqualTo("杂物已清理，感谢您的反映。");
        assertThat(closed.get("expected_datetime").isNull()).isTrue();
        assertThat(closed.toString()).doesNotContain("内部处置记录");
        assertThat(closed.get("service_name").asText()).isEqualTo("Urban management");
        Document xc = xml(client.get("requests/" + id + ".xml"));
        assertThat(text(xc, "/service_requests/request/status")).isEqualTo("closed");
        assertThat(text(xc, "/service_requests/request/status_notes")).isEqualTo("杂物已清理，感谢您的反映。");
    }

    @Test
    void getRequestsFiltersByIdServicePeriodAndStatusAndKeepsToNinetyDays() {
        String help = file("HELP", "求助");
        String market = file("MARKET", "过期食品");
        String old = file("MARKET", "旧事");
        String tip = file("CRIME_TIP", "线索");
        jdbc.sql("UPDATE incident SET received_at = now() - interval '120 days' WHERE id = CAST(? AS uuid)").param(old).update();

        JsonNode byIds = json(client.get("requests.json?service_request_id=" + help + "," + market + "," + tip));
        assertThat(byIds.findValuesAsText("service_request_id")).containsExactlyInAnyOrder(help, market, tip);

        JsonNode all = json(client.get("requests.json"));
        assertThat(all.findValuesAsText("service_request_id")).contains(help, market)
                .as("older than 90 days").doesNotContain(old)
                .as("cases are found by their id only").doesNotContain(tip);
        assertThat(all.size()).isLessThanOrEqualTo(1000);

        JsonNode markets = json(client.get("requests.json?service_code=MARKET"));
        assertThat(markets.findValuesAsText("service_request_id")).contains(market).doesNotContain(help);
        assertThat(markets.findValuesAsText("service_code")).containsOnly("MARKET");

        String start = OffsetDateTime.now().minusDays(200).toString();
        JsonNode longAgo = json(client.get("requests.json?service_code=MARKET&start_date=" + start.replace("+", "%2B")));
        // a start_date alone names the 90 days from it (GeoReport v2's default span), not everything since
        assertThat(longAgo.findValuesAsText("service_request_id")).contains(old).doesNotContain(market);
        // a range of 90 days at most, as the standard allows (200 to 111 days ago)
        String end = OffsetDateTime.now().minusDays(111).toString().replace("+", "%2B");
        JsonNode ended = json(client.get("requests.json?service_code=MARKET&start_date=" + start.replace("+", "%2B")
                + "&end_date=" + end));
        assertThat(ended.findValuesAsText("service_request_id")).contains(old).doesNotContain(market);
        // a client leaving the offset's + unencoded sends what the server reads as a space: still the same filter
        java.time.ZoneOffset china = java.time.ZoneOffset.ofHours(8);
        JsonNode unencoded = json(client.get("requests.json?service_code=MARKET&start_date="
                + OffsetDateTime.now(china).minusDays(200).withNano(0) + "&end_date="
                + OffsetDateTime.now(china).minusDays(111).withNano(0)));
        assertThat(unencoded.findValuesAsText("service_request_id")).contains(old).doesNotContain(market);

        UUID helpId = jdbc.sql("SELECT id FROM incident WHERE id = CAST(? AS uuid)").param(help).query(UUID.class).single();
        desk.acknowledge(helpId, Submitter.system("test"));
        desk.arrive(helpId, IncidentDesk.Arrival.MANAGER, Submitter.system("test"));
        desk.resolve(helpId, "已处理", Submitter.system("test"));
        desk.answer(helpId, "已帮助", Submitter.system("test"));
        assertThat(json(client.get("requests.json?status=closed")).findValuesAsText("service_request_id")).contains(help)
                .doesNotContain(market);
        assertThat(json(client.get("requests.json?status=open")).findValuesAsText("service_request_id")).contains(market)
                .doesNotContain(help);
        assertThat(json(client.get("requests.json?status=open,closed")).findValuesAsText("service_request_id"))
                .contains(market, help);

        Document x = xml(client.get("requests.xml?service_code=MARKET"));
        assertThat(x.getDocumentElement().getNodeName()).isEqualTo("service_requests");
        assertThat(texts(x, "/service_requests/request/service_request_id")).contains(market).doesNotContain(help, old);

        assertThat(client.get("requests.json?status=pending").statusCode()).isEqualTo(400);
        HttpResponse<String> badDate = client.get("requests.xml?start_date=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(text(xml(badDate), "/errors/error/code")).isEqualTo("400");
    }

    /**
     * GeoReport v2: service_request_id "overrides all other arguments". A client refreshing the requests it follows
     * while it keeps its list's filters (a status, a service, a period of its own) gets those requests, whatever the
     * other arguments say, not a 400 for a filter that no longer applies.
     */
    @Test
    void requestsNamedByTheirIdsAreServedWhateverTheOtherArgumentsSay() {
        String help = file("HELP", "按编号-求助");
        String old = file("MARKET", "按编号-旧事");
        jdbc.sql("UPDATE incident SET received_at = now() - interval '120 days' WHERE id = CAST(? AS uuid)").param(old).update();

        HttpResponse<String> named = client.get("requests.xml?service_request_id=" + help + "," + old
                + "&status=pending&service_code=NOSUCH&start_date=2020-01-01&end_date=yesterday");
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(texts(xml(named), "/service_requests/request/service_request_id")).containsExactlyInAnyOrder(help, old);
        HttpResponse<String> wide = client.get("requests.json?service_request_id=" + old
                + "&start_date=2020-01-01&end_date=2026-01-01&status=open");
        assertThat(wide.statusCode()).isEqualTo(200);
        assertThat(json(wide).findValuesAsText("service_request_id")).containsExactly(old);
        // the ids stay within the jurisdiction asked
        assertThat(client.get("requests.json?service_request_id=" + help + "&jurisdiction_id=999999").statusCode())
                .isEqualTo(404);
    }

    /**
     * A start_date or end_date of a year far off (the year 1, 99999, a day past what a time holds) or malformed is
     * refused with 400 in GeoReport v2's errors, in the path's format and the caller's language, naming the argument:
     * never a 500, nor the year 1 read as "everything since". The first and last days the filters take are served.
     */
    @Test
    void aDateOfAFarOffYearOrMalformedIsRefusedInTheStandardsErrorsNeverFailing() {
        for (String far : List.of("start_date=0001-01-01", "end_date=9999-12-31", "start_date=%2B99999-01-01",
                "end_date=%2B999999999-12-31", "start_date=%2B999999999-12-31T23:59:59Z",
                "end_date=%2B999999999-12-31T23:59:59-18:00", "start_date=1899-12-31T12:00:00%2B08:00",
                "start_date=2026-02-30", "end_date=2026-05-01T25:00")) {
            String field = far.substring(0, far.indexOf('='));
            HttpResponse<String> json = client.get("requests.json?" + far, "Accept-Language", "en");
            assertThat(json.statusCode()).as(far).isEqualTo(400);
            assertThat(json(json).get(0).get("code").asInt()).as(far).isEqualTo(400);
            assertThat(json(json).get(0).get("description").asText()).as(far).startsWith(field + " must");
            HttpResponse<String> xml = client.get("requests.xml?" + far);
            assertThat(xml.statusCode()).as(far).isEqualTo(400);
            assertThat(text(xml(xml), "/errors/error/code")).as(far).isEqualTo("400");
            assertThat(text(xml(xml), "/errors/error/description")).as(far).startsWith(field + " 须");
        }
        assertThat(json(client.get("requests.json?start_date=0001-01-01", "Accept-Language", "en")).get(0)
                .get("description").asText()).isEqualTo("start_date must fall between 1900-01-01 and 2099-12-31: "
                        + "check its year");
        for (String near : List.of("start_date=1900-01-01", "end_date=2099-12-31",
                "start_date=2099-10-03&end_date=2099-12-31T23:59:59")) {
            assertThat(client.get("requests.json?" + near).statusCode()).as(near).isEqualTo(200);
        }
    }

    /**
     * GeoReport v2: a start_date and end_date "may not span more than 90 days". A wider range is refused in the
     * standard's errors, in the caller's language and in the path's format; 90 days exactly is served.
     */
    @Test
    void aRangeOfMoreThanNinetyDaysIsRefusedInTheStandardsErrors() {
        String market = file("MARKET", "九十天内");
        java.time.ZoneOffset china = java.time.ZoneOffset.ofHours(8);
        OffsetDateTime now = OffsetDateTime.now(china).withNano(0);
        String wide = "requests.%s?service_code=MARKET&start_date=" + now.minusDays(91).toLocalDateTime()
                + "&end_date=" + now.plusMinutes(1).toLocalDateTime();
        HttpResponse<String> json = client.get(wide.formatted("json"));
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json(json).get(0).get("code").asInt()).isEqualTo(400);
        assertThat(json(json).get(0).get("description").asText()).contains("90");
        HttpResponse<String> xml = client.get(wide.formatted("xml"), "Accept-Language", "en");
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(text(xml(xml), "/errors/error/code")).isEqualTo("400");
        assertThat(text(xml(xml), "/errors/error/description")).contains("90 days");
        // two date-only bounds 91 days apart span 92 whole days in China
        assertThat(client.get("requests.json?start_date=" + now.toLocalDate().minusDays(91) + "&end_date="
                + now.toLocalDate()).statusCode()).isEqualTo(400);

        JsonNode ninety = json(client.get("requests.json?service_code=MARKET&start_date="
                + now.minusDays(90).plusMinutes(1).toLocalDateTime() + "&end_date=" + now.plusMinutes(1).toLocalDateTime()));
        assertThat(ninety.findValuesAsText("service_request_id")).contains(market);
    }

    /**
     * GeoReport v2: "Default query limit is a span of 90 days". A start_date without end_date lists the 90 days from
     * it, so a client asking from a year ago gets that year's first quarter, not every request filed since.
     */
    @Test
    void aStartDateAloneListsTheNinetyDaysFromIt() {
        String recent = file("MARKET", "近日");
        String within = file("MARKET", "起点后八十九天");
        String after = file("MARKET", "起点后九十一天");
        jdbc.sql("UPDATE incident SET received_at = now() - interval '211 days' WHERE id = CAST(? AS uuid)").param(within)
                .update();
        jdbc.sql("UPDATE incident SET received_at = now() - interval '209 days' WHERE id = CAST(? AS uuid)").param(after)
                .update();
        String start = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8)).minusDays(300).toString();
        for (String format : List.of("json", "xml")) {
            HttpResponse<String> r = client.get("requests." + format + "?service_code=MARKET&start_date=" + start);
            assertThat(r.statusCode()).isEqualTo(200);
            List<String> ids = format.equals("json") ? json(r).findValuesAsText("service_request_id")
                    : texts(xml(r), "/service_requests/request/service_request_id");
            assertThat(ids).as(format).contains(within).doesNotContain(after, recent);
        }
        // a start_date within the last 90 days still reaches today's requests
        String lately = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8)).minusDays(10).toString();
        assertThat(json(client.get("requests.json?service_code=MARKET&start_date=" + lately))
                .findValuesAsText("service_request_id")).contains(recent).doesNotContain(within, after);
    }

    /**
     * GeoReport v2: a closed request's updated_datetime "will be the date the request was closed", so what is
     * done to it afterwards does not move it; its expected_datetime is when it "can be expected to be fulfilled":
     * the owning level's resolve deadline, not the minutes it has to be taken up in.
     */
    @Test
    void aClosedRequestIsUpdatedWhenClosedAndTheExpectedTimeIsTheResolveDeadline() {
        String id = file("URBAN", "路灯不亮");
        UUID incident = UUID.fromString(id);
        OffsetDateTime ownerSince = jdbc.sql("SELECT owner_since FROM incident WHERE id = ?").param(incident)
                .query(OffsetDateTime.class).single();
        JsonNode fresh = json(client.get("requests/" + id + ".json")).get(0);
        OffsetDateTime expected = OffsetDateTime.parse(fresh.get("expected_datetime").asText());
        // the level's resolve time from when the unit took it (the station's 72 h), not the 2 h to take it up in
        assertThat(java.time.Duration.between(ownerSince.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), expected))
                .isEqualTo(java.time.Duration.ofHours(72));

        Submitter staff = Submitter.system("test");
        desk.acknowledge(incident, staff);
        // taken up, its deadline is to resolve it: the same moment the request showed before
        OffsetDateTime resolveBy = jdbc.sql("SELECT due_at FROM incident WHERE id = ?").param(incident)
                .query(OffsetDateTime.class).single();
        assertThat(expected.toInstant()).isEqualTo(resolveBy.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        JsonNode taken = json(client.get("requests/" + id + ".json")).get(0);
        assertThat(OffsetDateTime.parse(taken.get("expected_datetime").asText())).isEqualTo(expected);
        desk.arrive(incident, IncidentDesk.Arrival.MANAGER, staff);
        desk.resolve(incident, "已修复", staff);
        desk.answer(incident, "路灯已修复。", staff);
        OffsetDateTime answeredAt = jdbc.sql("SELECT answered_at FROM incident WHERE id = ?").param(incident)
                .query(OffsetDateTime.class).single();
        // something changes on the record after it was closed
        jdbc.sql("UPDATE incident SET updated_at = now() + interval '3 days', version = version + 1 WHERE id = ?")
                .param(incident).update();

        JsonNode closed = json(client.get("requests/" + id + ".json")).get(0);
        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(OffsetDateTime.parse(closed.get("updated_datetime").asText()).toInstant())
                .isEqualTo(answeredAt.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Document x = xml(client.get("requests/" + id + ".xml"));
        assertThat(text(x, "/service_requests/request/updated_datetime")).isEqualTo(closed.get("updated_datetime").asText());
    }

    @Test
    void aDateOnlyEndDateEndsWithItsDayInChinaNotAtTheNextMidnight() {
        String last = file("MARKET", "当天最后");
        String next = file("MARKET", "次日零点");
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(10);
        OffsetDateTime midnight = day.plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toOffsetDateTime();
        jdbc.sql("UPDATE incident SET received_at = ? WHERE id = CAST(? AS uuid)")
                .params(midnight.minus(1, java.time.temporal.ChronoUnit.MICROS), last).update();
        jdbc.sql("UPDATE incident SET received_at = ? WHERE id = CAST(? AS uuid)").params(midnight, next).update();

        // the database keeps microseconds: the day's last instant must not be rounded up to the next day's first
        JsonNode thatDay = json(client.get("requests.json?service_code=MARKET&start_date=" + day + "&end_date=" + day));
        assertThat(thatDay.findValuesAsText("service_request_id")).contains(last).doesNotContain(next);
        JsonNode dayAfter = json(client.get("requests.json?service_code=MARKET&start_date=" + day.plusDays(1)
                + "&end_date=" + day.plusDays(1)));
        assertThat(dayAfter.findValuesAsText("service_request_id")).contains(next).doesNotContain(last);
    }

    @Test
    void aDateTimeWithoutZoneIsChinaTimeAndItsBoundsAreExactToTheSecondItNames() {
        java.time.ZoneId china = java.time.ZoneId.of("Asia/Shanghai");
        java.time.LocalDateTime ten = java.time.LocalDate.now(china).minusDays(11).atTime(10, 0);
        String within = file("MARKET", "十点整");
        String after = file("MARKET", "十点过一秒");
        String before = file("MARKET", "十点前");
        String update = "UPDATE incident SET received_at = ? WHERE id = CAST(? AS uuid)";
        jdbc.sql(update).params(ten.plusNanos(400_000_000).atZone(china).toOffsetDateTime(), within).update();
        jdbc.sql(update).params(ten.plusSeconds(1).atZone(china).toOffsetDateTime(), after).update();
        jdbc.sql(update).params(ten.minusNanos(1_000).atZone(china).toOffsetDateTime(), before).update();

        // the list shows it received at 10:00:00 China time: a client asking for that second finds it there
        JsonNode second = json(client.get("requests.json?service_code=MARKET&start_date=" + ten + ":00&end_date="
                + ten + ":00"));
        assertThat(second.findValuesAsText("service_request_id")).contains(within).doesNotContain(after, before);
        assertThat(second.findValuesAsText("requested_datetime")).contains(ten + ":00+08:00");
        // the same with the zone written out, and a minute without seconds for its whole minute
        JsonNode zoned = json(client.get("requests.json?service_code=MARKET&start_date=" + ten + ":00%2B08:00"
                + "&end_date=" + ten + ":00%2B08:00"));
        assertThat(zoned.findValuesAsText("service_request_id")).contains(within).doesNotContain(after, before);
        JsonNode minute = json(client.get("requests.json?service_code=MARKET&start_date=" + ten + "&end_date=" + ten));
        assertThat(minute.findValuesAsText("service_request_id")).contains(within, after).doesNotContain(before);
        // fractions finer than the database's microseconds are not rounded across a report at either end
        JsonNode fine = json(client.get("requests.json?service_code=MARKET&start_date=" + ten.minusMinutes(1)
                + ":59.9999991&end_date=" + ten + ":00.9999999"));
        assertThat(fine.findValuesAsText("service_request_id")).contains(within).doesNotContain(after, before);
        JsonNode justBefore = json(client.get("requests.json?service_code=MARKET&start_date=" + ten.minusMinutes(1)
                + ":59.999999&end_date=" + ten + ":00.4"));
        assertThat(justBefore.findValuesAsText("service_request_id")).contains(within, before).doesNotContain(after);
    }

    /** A token an earlier version answered a POST with (it answers the id alone now) still leads to its request. */
    @Test
    void aTokenGivenBeforeLeadsToItsRequest() {
        HttpResponse<String> r = client.post("requests.json", new Form().add("api_key", DEMO_KEY).add("service_code", "HELP")
                .add("lat", lat()).add("long", lon()).add("description", "令牌-" + UUID.randomUUID()));
        String id = json(r).get(0).get("service_request_id").asText();
        String token = jdbc.sql("SELECT token FROM open311_request WHERE incident_id = CAST(? AS uuid)").param(id)
                .query(String.class).single();
        JsonNode j = json(client.get("tokens/" + token + ".json")).get(0);
        assertThat(j.get("service_request_id").asText()).isEqualTo(id);
        assertThat(j.get("token").asText()).isEqualTo(token);
        Document x = xml(client.get("tokens/" + token + ".xml"));
        assertThat(text(x, "/service_requests/request/service_request_id")).isEqualTo(id);
        HttpResponse<String> missing = client.get("tokens/nosuchtoken.xml");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(text(xml(missing), "/errors/error/code")).isEqualTo("404");
    }

    @Test
    void anAddressStringOrAddressIdLocatesTheRequest() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        UUID address = UUID.randomUUID();
        String fullText = "江苏省连云港市东海县开放测试村" + n + "号";
        jdbc.sql("INSERT INTO address (id, grid_id, full_text, lon, lat) VALUES (?, ?, ?, ?, ?)")
                .params(address, grid.id().value(), fullText, lon0 + 0.001, LAT0 + 0.001).update();

        String byText = file(new Form().add("api_key", DEMO_KEY).add("service_code", "HELP")
                .add("address_string", fullText).add("description", "按地址-" + n));
        JsonNode r = json(client.get("requests/" + byText + ".json")).get(0);
        assertThat(r.get("address").asText()).isEqualTo(fullText);
        assertThat(r.get("address_id").asText()).isEqualTo(address.toString());
        assertThat(jdbc.sql("SELECT grid_id FROM incident WHERE id = CAST(? AS uuid)").param(byText).query(UUID.class).single())
                .isEqualTo(grid.id().value());

        String byId = file(new Form().add("api_key", DEMO_KEY).add("service_code", "HELP")
                .add("address_id", address.toString()).add("description", "按编号-" + n));
        JsonNode s = json(client.get("requests/" + byId + ".json")).get(0);
        assertThat(s.get("address").asText()).isEqualTo(fullText);
        assertThat(s.get("lat").asDouble()).isEqualTo(LAT0 + 0.001);

        HttpResponse<String> unknown = client.post("requests.json", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "HELP").add("address_string", "火星基地" + n).add("description", "无地址-" + n));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get(0).get("description").asText()).contains("address_string");
    }

    @Test
    void theApiKeyIsRequiredValidForOpen311AndNotRevoked() {
        String d = "密钥-" + UUID.randomUUID();
        // GeoReport v2: "403 - Missing or Invalid API Key", a missing key as a wrong one, its description saying which
        HttpResponse<String> none = client.post("requests.xml", traffic("", d));
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(text(xml(none), "/errors/error/code")).isEqualTo("403");
        assertThat(text(xml(none), "/errors/error/description")).contains("api_key");

        HttpResponse<String> wrong = client.post("requests.json", traffic("not-a-key", d));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(json(wrong).get(0).get("code").asInt()).isEqualTo(403);
        assertThat(client.post("requests.json", traffic("demo-110-key", d)).statusCode())
                .as("the 110 centre's key opens the 110 push only").isEqualTo(403);

        ApiKeys.Created key = keys.create(office.id().value(), "测试客户端", ApiKeys.Purpose.OPEN311, null);
        file(traffic(key.key(), d + "-a"));
        keys.revoke(key.id(), null);
        HttpResponse<String> revoked = client.post("requests.xml", traffic(key.key(), d + "-b"));
        assertThat(revoked.statusCode()).isEqualTo(403);
        assertThat(text(xml(revoked), "/errors/error/code")).isEqualTo("403");
        assertThat(filed(d)).isEqualTo(1);

        // a key of the urban station cannot file in a grid of the rural station
        Unit urban = jurisdictions.unitByCode("320722020000").orElseThrow();
        ApiKeys.Created urbanKey = keys.create(urban.id().value(), "城区客户端", ApiKeys.Purpose.OPEN311, null);
        HttpResponse<String> outside = client.post("requests.json", traffic(urbanKey.key(), d + "-c"));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(filed(d)).isEqualTo(1);
    }

    /**
     * A client that calls a resource with a method it does not take, leaves out the format or mistypes a path still
     * reads the standard's errors (code and description, in XML unless the path ends in .json, in its language), never
     * the platform's generic answer in English that its parser chokes on.
     */
    @Test
    void aWrongMethodOrAPathThatIsNoResourceIsAnsweredInTheStandardsErrors() {
        HttpResponse<String> put = client.send("PUT", "requests.xml");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
        assertThat(put.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST");
        assertThat(text(xml(put), "/errors/error/code")).isEqualTo("405");
        assertThat(text(xml(put), "/errors/error/description")).contains("PUT", "GET");

        HttpResponse<String> delete = client.send("DELETE", "requests/" + UUID.randomUUID() + ".json", "Accept-Language",
                "en");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow").orElseThrow()).doesNotContain("POST");
        assertThat(json(delete).get(0).get("code").asInt()).isEqualTo(405);
        assertThat(json(delete).get(0).get("description").asText()).isEqualTo("This resource does not take DELETE; it "
                + "takes GET, HEAD");

        HttpResponse<String> noFormat = client.get("services/HELP");
        assertThat(noFormat.statusCode()).isEqualTo(404);
        assertThat(text(xml(noFormat), "/errors/error/code")).isEqualTo("404");
        assertThat(text(xml(noFormat), "/errors/error/description")).contains("没有这个资源", ".xml");
        HttpResponse<String> mistyped = client.get("request.json?locale=en");
        assertThat(mistyped.statusCode()).isEqualTo(404);
        assertThat(json(mistyped).get(0).get("description").asText()).startsWith("No such resource");
        HttpResponse<String> posted = client.post("services.json", new Form().add("api_key", DEMO_KEY));
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(json(posted).get(0).get("code").asInt()).isEqualTo(405);

        assertThat(client.get("services.json").statusCode()).as("the resources themselves as before").isEqualTo(200);
        assertThat(client.send("HEAD", "discovery.xml").statusCode()).isEqualTo(200);
    }

    /**
     * GeoReport v2 makes the description optional: a request without one is filed without words (not with the
     * service's name, as if the reporter had written it, in Chinese), and the pages show the category where the words
     * would stand; requests filed so before are set to none by V156, but not one whose reporter wrote that name.
     */
    @Test
    void aRequestWithoutADescriptionIsFiledWithoutWordsItsReporterNeverWrote() throws Exception {
        String wordless = file(new Form().add("api_key", DEMO_KEY).add("service_code", "TRAFFIC").add("lat", lat())
                .add("long", lon()).add("attribute[INJURED]", "no"));
        assertThat(description(wordless)).isEmpty();
        String token = new ApiClient(port).token("chief", DEMO_PASSWORD);
        JsonNode api = ApiClient.json(new ApiClient(port).get("/api/v1/incidents/" + wordless, token)).get("incident");
        assertThat(api.hasNonNull("description")).as(api.toString()).isFalse();

        ApiClient chinese = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        assertThat(chinese.get("/incidents/" + wordless, null, "Accept", "text/html").body())
                .contains("（报告人未填写情况描述）").doesNotContain("交通事故与隐患</dd>");
        String list = "";
        for (int page = 1; page <= 50 && !list.contains("data-id=\"" + wordless + "\""); page++) {
            list = chinese.get("/incidents?category=TRAFFIC&source=OPEN311&page=" + page, null, "Accept", "text/html")
                    .body();
        }
        String row = list.substring(list.indexOf("data-id=\"" + wordless + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).as("the link to it reads as its category")
                .containsPattern("class=\"incident-link\"[^>]*>交通</a>");
        assertThat(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en")
                .get("/incidents/" + wordless, null, "Accept", "text/html").body())
                .contains("(the reporter gave no description)");

        // filed before: the service's name put there by the old code goes; a reporter's own words stay
        String before = file(new Form().add("api_key", DEMO_KEY).add("service_code", "TRAFFIC").add("lat", lat())
                .add("long", lon()).add("attribute[INJURED]", "no"));
        jdbc.sql("UPDATE incident SET description = '交通事故与隐患' WHERE id = CAST(? AS uuid)").param(before).update();
        String written = file(new Form().add("api_key", DEMO_KEY).add("service_code", "TRAFFIC").add("lat", lat())
                .add("long", lon()).add("attribute[INJURED]", "no").add("description", "交通事故与隐患"));
        String migration = new String(getClass().getResourceAsStream(
                "/db/migration/V156__open311_without_description_stays_without.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        migrate(migration);
        migrate(migration);
        assertThat(description(before)).isEmpty();
        assertThat(description(written)).isEqualTo("交通事故与隐患");
    }

    /**
     * An answer to an attribute the service does not ask (a misspelt code, another service's attribute) would be lost
     * without a word: it is refused in the standard's errors, naming the code and what the service asks, and nothing
     * is filed. An empty one carries nothing and passes, as an attribute the client leaves empty does.
     */
    @Test
    void anAnswerToAnAttributeTheServiceDoesNotAskIsRefusedNamingIt() {
        String d = "未知属性-" + UUID.randomUUID();
        HttpResponse<String> unknown = client.post("requests.json", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "TRAFFIC").add("lat", lat()).add("long", lon()).add("description", d)
                .add("attribute[INJURED]", "yes").add("attribute[INJURD]", "yes"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get(0).get("code").asInt()).isEqualTo(400);
        assertThat(json(unknown).get(0).get("description").asText())
                .isEqualTo("attribute[INJURD]: 此服务没有这个属性，可填：INJURED, VEHICLES, PLATE");
        HttpResponse<String> english = client.post("requests.xml", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "URBAN").add("lat", lat()).add("long", lon()).add("description", d)
                .add("attribute[WISH]", "快点处理"), "Accept-Language", "en");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(text(xml(english), "/errors/error/description"))
                .isEqualTo("attribute[WISH]: This service asks no attributes");
        assertThat(filed(d)).isZero();

        file(new Form().add("api_key", DEMO_KEY).add("service_code", "TRAFFIC").add("lat", lat()).add("long", lon())
                .add("description", d).add("attribute[INJURED]", "no").add("attribute[COLOUR]", ""));
        assertThat(filed(d)).isEqualTo(1);
    }

    /**
     * HAPPENED_AT is read as the 110 push's occurredAt is: China's wall-clock time without a zone is China time, so a
     * client sending what its user typed files it at that moment; a date alone or words are refused with an example.
     */
    @Test
    void aHappenedAtWithoutAZoneIsChinaTimeAndAnyOtherFormIsRefusedWithAnExample() {
        java.time.LocalDateTime yesterdayAtEight = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8)).minusDays(1)
                .atTime(8, 0);
        String d = "发生时间-" + UUID.randomUUID();
        String id = file(new Form().add("api_key", DEMO_KEY).add("service_code", "CRIME_TIP").add("lat", lat())
                .add("long", lon()).add("description", d).add("attribute[HAPPENED_AT]", yesterdayAtEight.toString()));
        assertThat(jdbc.sql("SELECT occurred_at FROM incident WHERE id = CAST(? AS uuid)").param(id)
                .query(OffsetDateTime.class).single().toInstant())
                .isEqualTo(yesterdayAtEight.atOffset(java.time.ZoneOffset.ofHours(8)).toInstant());
        String zoned = file(new Form().add("api_key", DEMO_KEY).add("service_code", "CRIME_TIP").add("lat", lat())
                .add("long", lon()).add("description", d + "-zoned")
                .add("attribute[HAPPENED_AT]", yesterdayAtEight.atOffset(java.time.ZoneOffset.UTC).toString()));
        assertThat(jdbc.sql("SELECT occurred_at FROM incident WHERE id = CAST(? AS uuid)").param(zoned)
                .query(OffsetDateTime.class).single().toInstant())
                .isEqualTo(yesterdayAtEight.atOffset(java.time.ZoneOffset.UTC).toInstant());

        for (String bad : List.of(yesterdayAtEight.toLocalDate().toString(), "yesterday 8am")) {
            String other = "发生时间错-" + UUID.randomUUID();
            HttpResponse<String> chinese = client.post("requests.json", new Form().add("api_key", DEMO_KEY)
                    .add("service_code", "CRIME_TIP").add("lat", lat()).add("long", lon()).add("description", other)
                    .add("attribute[HAPPENED_AT]", bad));
            assertThat(chinese.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(chinese).get(0).get("description").asText()).as(bad)
                    .isEqualTo("attribute[HAPPENED_AT]: 须为 ISO 8601 时间，如 2026-11-30T08:00:00+08:00（不带时区的按北京时间）");
            HttpResponse<String> english = client.post("requests.xml", new Form().add("api_key", DEMO_KEY)
                    .add("service_code", "CRIME_TIP").add("lat", lat()).add("long", lon()).add("description", other)
                    .add("attribute[HAPPENED_AT]", bad), "Accept-Language", "en");
            assertThat(text(xml(english), "/errors/error/description")).as(bad).isEqualTo("attribute[HAPPENED_AT]: Must be "
                    + "an ISO 8601 time, such as 2026-11-30T08:00:00+08:00 (without a zone it is China time)");
            assertThat(filed(other)).isZero();
        }
        assertThat(text(xml(client.get("services/CRIME_TIP.xml", "Accept-Language", "en")),
                "//attribute[code='HAPPENED_AT']/datatype_description")).contains("without a zone it is China time");
    }

    @Test
    void aCountAttributeTakesAWholeNumberOfZeroOrMoreAsItsDefinitionSays() {
        String d = "人数-" + UUID.randomUUID();
        for (String people : new String[] {"1.5", "-2", "1e3", "100001"}) {
            HttpResponse<String> refused = client.post("requests.json", new Form().add("api_key", DEMO_KEY)
                    .add("service_code", "HELP").add("lat", lat()).add("long", lon()).add("description", d)
                    .add("attribute[PEOPLE]", people), "Accept-Language", "en");
            assertThat(refused.statusCode()).as(people).isEqualTo(400);
            assertThat(json(refused).get(0).get("description").asText()).as(people)
                    .isEqualTo("attribute[PEOPLE]: Must be a whole number from 0 to 100000");
        }
        HttpResponse<String> chinese = client.post("requests.json", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "DISPUTE").add("lat", lat()).add("long", lon()).add("description", d)
                .add("attribute[DISPUTE_KIND]", "neighbours").add("attribute[PARTIES]", "2.5"));
        assertThat(json(chinese).get(0).get("description").asText()).isEqualTo("attribute[PARTIES]: 须为0至100000的整数");
        assertThat(filed(d)).isZero();

        file(new Form().add("api_key", DEMO_KEY).add("service_code", "HELP").add("lat", lat()).add("long", lon())
                .add("description", d).add("attribute[PEOPLE]", "3"));
        assertThat(filed(d)).isEqualTo(1);
    }

    @Test
    void badRequestsAnswerTheStandardsErrorsAndFileNothing() {
        String d = "错误-" + UUID.randomUUID();
        HttpResponse<String> noService = client.post("requests.json", new Form().add("api_key", DEMO_KEY).add("lat", lat())
                .add("long", lon()).add("description", d));
        assertThat(noService.statusCode()).isEqualTo(400);
        assertThat(json(noService).get(0).get("description").asText()).contains("service_code");
        // a service_code the platform does not offer is "not found" (404), as GeoReport v2 lists it, not a bad request
        HttpResponse<String> unknownService = client.post("requests.xml", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "POTHOLE").add("lat", lat()).add("long", lon()).add("description", d),
                "Accept-Language", "en");
        assertThat(unknownService.statusCode()).isEqualTo(404);
        assertThat(text(xml(unknownService), "/errors/error/code")).isEqualTo("404");
        assertThat(text(xml(unknownService), "/errors/error/description")).isEqualTo("No such service_code");
        HttpResponse<String> noLocation = client.post("requests.json", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "HELP").add("description", d));
        assertThat(noLocation.statusCode()).isEqualTo(400);
        HttpResponse<String> missingAttribute = client.post("requests.xml", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "TRAFFIC").add("lat", lat()).add("long", lon()).add("description", d));
        assertThat(missingAttribute.statusCode()).isEqualTo(400);
        assertThat(text(xml(missingAttribute), "/errors/error/description")).contains("attribute[INJURED]");
        HttpResponse<String> badValue = client.post("requests.json", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "TRAFFIC").add("lat", lat()).add("long", lon()).add("description", d)
                .add("attribute[INJURED]", "maybe").add("attribute[VEHICLES]", "two"), "Accept-Language", "en");
        assertThat(badValue.statusCode()).isEqualTo(400);
        assertThat(badValue.body()).contains("attribute[INJURED]: Not one of the values offered")
                .contains("attribute[VEHICLES]: Must be a number");
        assertThat(json(badValue).size()).isEqualTo(2);
        assertThat(client.post("requests.json", new Form().add("api_key", DEMO_KEY).add("service_code", "HELP")
                .add("lat", "91").add("long", lon()).add("description", d)).statusCode()).isEqualTo(400);
        // each name within its 50 characters, but together (a space between Latin names) past the reporter's 100:
        // refused naming the standard's field, not a field of the platform the client never sent
        HttpResponse<String> longNames = client.post("requests.json", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "HELP").add("lat", lat()).add("long", lon()).add("description", d)
                .add("first_name", "A".repeat(50)).add("last_name", "B".repeat(50)), "Accept-Language", "en");
        assertThat(longNames.statusCode()).isEqualTo(400);
        assertThat(json(longNames).get(0).get("description").asText()).startsWith("last_name");
        assertThat(filed(d)).isZero();

        assertThat(client.get("services.csv").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = client.get("requests/FQNOSUCHCODE.json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get(0).get("code").asInt()).isEqualTo(404);
    }

    @Test
    void thePublicListNeverHandsOutTheTrackingCodeThatOpensAResidentsTrackingPage() throws Exception {
        String description = "井盖缺失-" + UUID.randomUUID();
        String id = file(new Form().add("api_key", DEMO_KEY).add("service_code", "HELP").add("lat", lat())
                .add("long", lon()).add("description", description));
        String code = jdbc.sql("SELECT tracking_code FROM incident WHERE id = CAST(? AS uuid)").param(id)
                .query(String.class).single();
        // anyone may read GET requests, without a key
        String list = client.get("requests.json").body() + client.get("requests.xml").body()
                + client.get("requests/" + id + ".json").body() + client.get("requests/" + id + ".xml").body();
        assertThat(list).contains(id, description).doesNotContain(code);
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, Integer> status = path -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(status.apply("/track/" + id)).as("the public id opens no tracking page").isEqualTo(404);
        assertThat(status.apply("/api/public/v1/track/" + id)).isEqualTo(404);
        assertThat(status.apply("/track/" + code)).as("the filer's code does").isEqualTo(200);
        assertThat(client.get("requests/" + code + ".json").statusCode()).as("nor is a tracking code an id here")
                .isEqualTo(404);
    }

    /**
     * GET requests answers anyone, without a key: the mobile and identity numbers a reporter typed into his words or his
     * address, and a number staff wrote into the answer, are masked there (as the platform's lists show them); the staff
     * still read them whole on the incident.
     */
    @Test
    void numbersTypedIntoAReportOrItsAnswerAreMaskedInThePublicAnswers() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        String description = "门口有人摔倒，我的手机13912345678，身份证320722199001011234-" + n;
        String address = "开放测试村" + n + "号 联系13812340000";
        String id = file(new Form().add("api_key", DEMO_KEY).add("service_code", "HELP").add("lat", lat())
                .add("long", lon()).add("address_string", address).add("description", description));

        String[] whole = {"13912345678", "320722199001011234", "13812340000"};
        JsonNode one = json(client.get("requests/" + id + ".json")).get(0);
        assertThat(one.get("description").asText()).isEqualTo("门口有人摔倒，我的手机139****5678，身份证320722********1234-" + n);
        assertThat(one.get("address").asText()).isEqualTo("开放测试村" + n + "号 联系138****0000");
        String answers = client.get("requests/" + id + ".json").body() + client.get("requests/" + id + ".xml").body()
                + client.get("requests.json?service_request_id=" + id).body()
                + client.get("requests.xml?service_code=HELP").body();
        assertThat(answers).contains(n).doesNotContain(whole);
        assertThat(jdbc.sql("SELECT description || address FROM incident WHERE id = CAST(? AS uuid)").param(id)
                .query(String.class).single()).as("the staff read them whole").contains(whole);

        UUID incident = UUID.fromString(id);
        Submitter staff = Submitter.system("test");
        desk.acknowledge(incident, staff);
        desk.arrive(incident, IncidentDesk.Arrival.MANAGER, staff);
        desk.resolve(incident, "已送医", staff);
        desk.answer(incident, "已按您留的电话13912345678联系家属。", staff);
        Document closed = xml(client.get("requests/" + id + ".xml"));
        assertThat(text(closed, "/service_requests/request/status")).isEqualTo("closed");
        assertThat(text(closed, "/service_requests/request/status_notes")).isEqualTo("已按您留的电话139****5678联系家属。");
        assertThat(client.get("requests.json?status=closed&service_code=HELP").body()).doesNotContain(whole);
    }

    /**
     * The service_notice names who took the report up. This class's grid has neither grid manager nor grid chief, so
     * the routing hands a report to the station's duty: the notice says so (with the category's advice, call 120), on
     * the POST and on the GET, not that the grid manager is on his way.
     */
    @Test
    void theNoticeNamesWhoTookTheReportWhenTheGridHasNoManager() {
        String description = "无人网格-" + UUID.randomUUID();
        HttpResponse<String> posted = client.post("requests.json", traffic(DEMO_KEY, description));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String id = json(posted).get(0).get("service_request_id").asText();
        assertThat(jdbc.sql("SELECT routing_fallback FROM incident WHERE id = CAST(? AS uuid)").param(id)
                .query(String.class).single()).isEqualTo("incident.routing.fallback.noManagerNorChief");
        String filed = json(posted).get(0).get("service_notice").asText();
        assertThat(filed).startsWith("本网格暂无网格管理员和网格长，已转派出所值班负责人处理").contains("120")
                .doesNotContain("已转网格管理员");
        String shown = json(client.get("requests/" + id + ".json")).get(0).get("service_notice").asText();
        assertThat(shown).isEqualTo("本网格暂无网格管理员和网格长，已转派出所值班负责人处理，处理结果会答复您。有人员受伤请立即拨打120和110。");
        assertThat(json(client.get("requests/" + id + ".json?locale=en")).get(0).get("service_notice").asText())
                .isEqualTo("This grid has no grid manager nor grid chief at present: passed to the police station on duty; "
                        + "you will be told the outcome. If anyone is injured call 120 and 110 now.");

        // a grid whose manager is on the roster: his notice as before
        double[] point = jdbc.sql("""
                SELECT (min_lon + max_lon) / 2, (min_lat + max_lat) / 2 FROM grid WHERE code = 'NS-2-01'""")
                .query((rs, row) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        HttpResponse<String> manned = client.post("requests.json", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "TRAFFIC").add("lat", String.valueOf(point[1])).add("long", String.valueOf(point[0]))
                .add("attribute[INJURED]", "no").add("description", description + "-manned"));
        assertThat(manned.statusCode()).as(manned.body()).isEqualTo(201);
        assertThat(json(manned).get(0).get("service_notice").asText()).startsWith("已转网格管理员到场处置。有人员受伤请立即拨打120和110。");
    }

    /**
     * A point outside the county is refused (400, nothing filed) in the client's terms: check lat and long, or send
     * address_string or address_id; an Open311 client has no community or grid to choose, as the page's words said.
     */
    @Test
    void aPointOutsideTheCountyIsRefusedInTheStandardsTerms() {
        String description = "县外-" + UUID.randomUUID();
        HttpResponse<String> zh = client.post("requests.xml", new Form().add("api_key", DEMO_KEY).add("service_code", "HELP")
                .add("lat", "39.90").add("long", "116.40").add("description", description));
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(text(xml(zh), "/errors/error/description")).isEqualTo(
                "lat/long: 该位置不在本辖区任何警务网格内：请核对纬度（lat）和经度（long）是否在本县境内，或改用 address_string 或 address_id");
        HttpResponse<String> en = client.post("requests.json?locale=en", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "HELP").add("lat", "39.90").add("long", "116.40").add("description", description));
        assertThat(json(en).get(0).get("description").asText()).isEqualTo("lat/long: The point lies in no police grid of "
                + "this jurisdiction: check that lat and long lie in the county, or send address_string or address_id");
        assertThat(filed(description)).isZero();
    }

    @Test
    void aControlCharacterIsRefusedAtTheDoorAndOneStoredBeforeCannotBreakTheXmlList() {
        String description = "控制字符-" + UUID.randomUUID();
        HttpResponse<String> refused = client.post("requests.xml", new Form().add("api_key", DEMO_KEY)
                .add("service_code", "HELP").add("lat", lat()).add("long", lon()).add("description", description + "\u0001end"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(texts(xml(refused), "/errors/error/description").toString()).contains("控制字符");
        assertThat(filed(description)).as("nothing filed").isZero();

        String id = file(new Form().add("api_key", DEMO_KEY).add("service_code", "HELP").add("lat", lat())
                .add("long", lon()).add("description", description));
        // as a report stored before the check came would hold it
        jdbc.sql("UPDATE open311_request SET description = description || chr(1) || 'end' WHERE incident_id = CAST(? AS uuid)")
                .param(id).update();
        Document list = xml(client.get("requests.xml"));
        assertThat(texts(list, "/service_requests/request/description")).contains(description + "end");
        assertThat(text(xml(client.get("requests/" + id + ".xml")), "/service_requests/request/description"))
                .isEqualTo(description + "end");
    }

    @Test
    void otherIncidentsAreNotServedAndTheJurisdictionIsTheBureau() {
        String fieldCode = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "巡查-" + UUID.randomUUID(), null,
                null, null, "测试", grid.id().value(), "报告人", "13900001111", null, null), Submitter.system("test"))
                .incident().id().toString();
        assertThat(client.get("requests/" + fieldCode + ".json").statusCode()).isEqualTo(404);
        assertThat(json(client.get("requests.json?service_request_id=" + fieldCode)).size()).isZero();

        assertThat(client.get("services.json?jurisdiction_id=320722").statusCode()).isEqualTo(200);
        assertThat(client.get("services.xml?jurisdiction_id=999999").statusCode()).isEqualTo(404);
        String id = file(new Form().add("api_key", DEMO_KEY).add("jurisdiction_id", "320722").add("service_code", "HELP")
                .add("lat", lat()).add("long", lon()).add("description", "辖区-" + UUID.randomUUID()));
        assertThat(client.get("requests/" + id + ".json?jurisdiction_id=320722").statusCode()).isEqualTo(200);
        assertThat(client.post("requests.json", new Form().add("api_key", DEMO_KEY).add("jurisdiction_id", "999999")
                .add("service_code", "HELP").add("lat", lat()).add("long", lon()).add("description", "x")).statusCode())
                .isEqualTo(404);
    }
}
