package org.fengqiao.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.BoardUpkeep;
import org.fengqiao.claims.internal.ClaimsProperties;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.mediation.DisputeFacts;
import org.fengqiao.support.MovableClock;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts items on the board the way the application does: an incident or dispute filed through the API is registered
 * and put up by the board's sweep, driven by a clock moved past the age.
 */
final class ClaimsFixtures {

    final ApiClient api;
    final JdbcClient jdbc;
    final Board board;
    final IncidentFacts incidents;
    final DisputeFacts disputes;
    final StaffDirectory staff;
    final ClaimsProperties properties;
    final MessageSource messages;

    ClaimsFixtures(ApiClient api, JdbcClient jdbc, Board board, IncidentFacts incidents, DisputeFacts disputes,
            StaffDirectory staff, ClaimsProperties properties, MessageSource messages) {
        this.api = api;
        this.jdbc = jdbc;
        this.board = board;
        this.incidents = incidents;
        this.disputes = disputes;
        this.staff = staff;
        this.properties = properties;
        this.messages = messages;
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    /** The first grid where the demo volunteer is a grid member. */
    UUID volunteersGrid() {
        return jdbc.sql("""
                SELECT r.grid_id FROM grid_role r JOIN grid g ON g.id = r.grid_id JOIN staff s ON s.id = r.staff_id
                WHERE s.username = 'volunteer' AND r.role = 'MEMBER' AND r.ended_on IS NULL ORDER BY g.code LIMIT 1""")
                .query(UUID.class).single();
    }

    /** Another person on the grid's roster below its chief (not the volunteer): a member, the coordinator or manager. */
    UUID fellowMember(UUID grid) {
        return jdbc.sql("""
                SELECT r.staff_id FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.grid_id = ? AND r.role IN ('MEMBER', 'COORDINATOR', 'MANAGER') AND r.ended_on IS NULL AND s.active
                  AND coalesce(s.username, '') <> 'volunteer' ORDER BY r.role = 'MEMBER' DESC, s.name LIMIT 1""").param(grid).query(UUID.class)
                .single();
    }

    BoardUpkeep upkeep(Clock clock) {
        return new BoardUpkeep(board, incidents, disputes, staff, properties, messages, clock);
    }

    static MovableClock daysAhead(long days) {
        return new MovableClock(Instant.now().plus(Duration.ofDays(days)), ZoneOffset.UTC);
    }

    /** Files an incident through the API; answers its id. */
    UUID incident(String token, UUID grid, String category, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", category);
        body.put("gridId", grid);
        body.put("description", description);
        body.put("address", "测试地址");
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(ApiClient.json(r).get("incident").get("id").asText());
    }

    /** Opens a dispute case through the API; answers its id. */
    UUID dispute(String token, UUID grid, String summary, String officerUsername) {
        Map<String, Object> body = new HashMap<>();
        body.put("origin", "WALK_IN");
        body.put("kind", "NEIGHBOURS");
        body.put("gridId", grid);
        body.put("summary", summary);
        body.put("parties", List.of(Map.of("name", "甲" + summary), Map.of("name", "乙" + summary)));
        body.put("team", List.of(Map.of("staffId", staff(officerUsername), "role", "OFFICER")));
        HttpResponse<String> r = api.send("POST", "/api/v1/mediation/cases", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(ApiClient.json(r).get("dispute").get("id").asText());
    }

    /** The board row of a source record, or null. */
    Map<String, Object> item(UUID sourceId) {
        return jdbc.sql("SELECT id, state, source_kind, title FROM claim_item WHERE source_id = ?")
                .param(sourceId).query().listOfRows().stream().findFirst().orElse(null);
    }

    String state(UUID itemId) {
        return jdbc.sql("SELECT state FROM claim_item WHERE id = ?").param(itemId).query(String.class).single();
    }

    String awaitState(UUID itemId, String expected) {
        return await(() -> expected.equals(state(itemId)) ? expected : null, "item " + itemId + " " + expected);
    }

    /** A new incident of the grid, put on the board by a sweep eight days ahead; answers the item's id. */
    UUID onBoard(String token, UUID grid, String description) {
        return onBoard(token, grid, "HELP", description);
    }

    UUID onBoard(String token, UUID grid, String category, String description) {
        UUID source = incident(token, grid, category, description);
        upkeep(daysAhead(8)).sweep(grid);
        UUID item = (UUID) item(source).get("id");
        assertThat(state(item)).isEqualTo("OPEN");
        return item;
    }

    JsonNode send(String method, String path, String token, Object body, int expected) {
        HttpResponse<String> r = api.send(method, path, token, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return ApiClient.json(r);
    }

    static <T> T await(java.util.function.Supplier<T> probe, String what) {
        return org.fengqiao.support.Eventually.await(probe, what);
    }
}
