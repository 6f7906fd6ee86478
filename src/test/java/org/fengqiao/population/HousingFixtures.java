package org.fengqiao.population;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Demo users' API calls and the records the housing tests create for themselves in demo grids. */
final class HousingFixtures {

    record Answer(int status, JsonNode body) {
    }

    private final ApiClient api;
    private final JdbcClient jdbc;
    private final Map<String, String> tokens = new HashMap<>();

    HousingFixtures(int port, JdbcClient jdbc) {
        this.api = new ApiClient(port);
        this.jdbc = jdbc;
    }

    Answer call(String user, String method, String path, Object body, String... headers) {
        String token = tokens.computeIfAbsent(user, u -> api.token(u, IntegrationTest.DEMO_PASSWORD));
        HttpResponse<String> response = api.send(method, path, token, body, headers);
        JsonNode json = response.body() == null || response.body().isBlank() ? null : ApiClient.json(response);
        return new Answer(response.statusCode(), json);
    }

    Answer get(String user, String path, String... headers) {
        return call(user, "GET", path, null, headers);
    }

    UUID gridId(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE code = ? AND network = 'POLICE'").param(code).query(UUID.class).single();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A building created through the API; answers its id. */
    UUID building(String user, String gridCode, int floors, int units, int roomsPerFloor) {
        Answer a = call(user, "POST", "/api/v1/buildings", Map.of("gridId", gridId(gridCode),
                "name", unique("楼"), "floors", floors, "units", units, "roomsPerFloor", roomsPerFloor));
        if (a.status() != 201) {
            throw new IllegalStateException("building not created: " + a.status() + " " + a.body());
        }
        return UUID.fromString(a.body().get("id").asText());
    }

    UUID room(UUID building, int unit, String number) {
        return jdbc.sql("SELECT id FROM room WHERE building_id = ? AND unit_no = ? AND number = ?")
                .params(building, unit, number).query(UUID.class).single();
    }

    /** A household written directly, as an import would, in a room (or none). */
    UUID household(UUID gridId, UUID roomId, boolean trusted, boolean inDifficulty) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, room_id, number, trusted, in_difficulty) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, gridId, roomId, unique("H"), trusted, inDifficulty).update();
        return id;
    }

    /** A permanent resident of a household; a two-character name so its grams are the name itself. */
    UUID person(UUID gridId, UUID householdId, String name, String relation, String category, String subtype) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, relation, residence,
                                    content_hash)
                VALUES (?, ?, ?, ?, 'x', 'x', ?, 'PERMANENT', 'fixture')""")
                .params(id, gridId, householdId, name, relation).update();
        if (category != null) {
            jdbc.sql("INSERT INTO person_category (person_id, category, subtype, risk) VALUES (?, ?, ?, ?)")
                    .params(id, category, subtype, subtype == null ? null : "HIGH").update();
        }
        return id;
    }

    /** A visit the user records now at the household, through the API; answers its id. */
    UUID visitNow(String user, UUID household) {
        Answer v = call(user, "POST", "/api/v1/visits",
                Map.of("householdId", household, "findings", "入户登记核对", "contactCard", false));
        if (v.status() != 201) {
            throw new IllegalStateException("visit not recorded: " + v.status() + " " + v.body());
        }
        return UUID.fromString(v.body().get("id").asText());
    }

    /** A problem detail without the path it answered, which names the id asked for. */
    static JsonNode withoutInstance(JsonNode problem) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = problem.deepCopy();
        copy.remove("instance");
        return copy;
    }

    static Map<String, String> errors(JsonNode problem) {
        Map<String, String> errors = new HashMap<>();
        problem.get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("message").asText()));
        return errors;
    }
}
