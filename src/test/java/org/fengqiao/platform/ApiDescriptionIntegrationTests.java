package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What `/v3/api-docs` describes is what the API answers: a client generated from the description (the province's
 * dashboard) reads every field. Three records of the platform are named Figures (response times, satisfaction,
 * recovery rates), and a description keeps one schema per name: before they were named apart, two of the three
 * endpoints were described with another's fields.
 */
class ApiDescriptionIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void theFiguresOfResponseTimesSatisfactionAndRecoveryAreDescribedWithTheFieldsTheyAnswer() {
        ApiClient api = new ApiClient(port);
        JsonNode docs = ApiClient.json(api.get("/v3/api-docs", null));
        String chief = api.token("chief", DEMO_PASSWORD);
        String bureau = api.token("bureau", DEMO_PASSWORD);

        JsonNode times = answered(api.get("/api/v1/incidents/response-times", chief));
        assertThat(undescribed(docs, response(docs, "/api/v1/incidents/response-times"), times)).isEmpty();
        assertThat(times.has("targets")).isTrue();

        JsonNode satisfaction = answered(api.get("/api/v1/incidents/satisfaction", chief));
        JsonNode described = response(docs, "/api/v1/incidents/satisfaction");
        assertThat(undescribed(docs, described, satisfaction)).isEmpty();
        JsonNode unitRow = items(docs, described, "units");
        assertThat(unitRow.path("properties").has("satisfactionRate")).as(unitRow.toString()).isTrue();

        JsonNode rates = answered(api.get("/api/v1/recovery/rates", bureau));
        assertThat(undescribed(docs, response(docs, "/api/v1/recovery/rates"), rates)).isEmpty();
        JsonNode money = schema(docs, docs.path("components").path("schemas").path("RecoveryFigures"));
        assertThat(money.path("properties").has("recoveryRate")).as(money.toString()).isTrue();
    }

    /**
     * The incident list and its ledger take the same filters, each a query parameter of its own (bound together into
     * one record on the server), and a value of the wrong kind among them is refused naming it, as before.
     */
    @Test
    void theIncidentListAndItsLedgerDescribeTheSameFiltersAsQueryParameters() {
        ApiClient api = new ApiClient(port);
        JsonNode docs = ApiClient.json(api.get("/v3/api-docs", null));
        List<String> filters = List.of("status", "category", "gridId", "overdue", "open", "mine", "filed", "offence",
                "unclassified", "preventable", "from", "to", "unitId", "show", "source");
        List<String> list = queryParameters(docs, "/api/v1/incidents");
        assertThat(list).containsAll(filters).contains("page", "size");
        assertThat(queryParameters(docs, "/api/v1/incidents/export")).containsExactlyInAnyOrderElementsOf(filters);

        String chief = api.token("chief", DEMO_PASSWORD);
        HttpResponse<String> day = api.get("/api/v1/incidents/export?from=2026-13-01", chief, "Accept-Language", "en");
        assertThat(day.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(day).get("errors").get(0).get("field").asText()).isEqualTo("from");
        HttpResponse<String> source = api.get("/api/v1/incidents?source=PIGEON", chief);
        assertThat(ApiClient.json(source).get("errors").get(0).get("message").asText())
                .startsWith("不是可选的值，可选：");
        assertThat(answered(api.get("/api/v1/incidents?mine=true&category=HELP&from=2026-01-01", chief))
                .has("items")).isTrue();
    }

    private static List<String> queryParameters(JsonNode docs, String path) {
        List<String> names = new ArrayList<>();
        for (JsonNode p : docs.path("paths").path(path).path("get").path("parameters")) {
            if (p.path("in").asText().equals("query")) {
                names.add(p.path("name").asText());
            }
        }
        return names;
    }

    private static JsonNode answered(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json(response);
    }

    /** The schema of a GET's 200 answer, its reference followed. */
    private static JsonNode response(JsonNode docs, String path) {
        JsonNode content = docs.path("paths").path(path).path("get").path("responses").path("200").path("content");
        assertThat(content.isObject()).as(path + " in the description").isTrue();
        return schema(docs, content.elements().next().path("schema"));
    }

    private static JsonNode schema(JsonNode docs, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.isEmpty() ? node
                : docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** The item schema of an array property. */
    private static JsonNode items(JsonNode docs, JsonNode object, String property) {
        return schema(docs, object.path("properties").path(property).path("items"));
    }

    /** The fields of the answer, and of the first element of its arrays of objects, that the description lacks. */
    private static List<String> undescribed(JsonNode docs, JsonNode described, JsonNode answer) {
        List<String> missing = new ArrayList<>();
        answer.fieldNames().forEachRemaining(field -> {
            if (!described.path("properties").has(field)) {
                missing.add(field + " (of " + described.path("properties").toString() + ")");
                return;
            }
            JsonNode value = answer.get(field);
            if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                missing.addAll(undescribed(docs, items(docs, described, field), value.get(0)).stream()
                        .map(m -> field + "[]." + m).toList());
            }
        });
        return missing;
    }
}
