package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.Eventually;
import org.fengqiao.support.IntegrationTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Readings imported through the API as a supplier's CSV, and the verification tasks they leave, for the tests. */
final class UtilityFixtures {

    static final String HEADER = UtilityIntegrationTests.HEADER;
    /** The last ended month of Beijing's calendar. */
    static final YearMonth LAST = YearMonth.now(LocalTimes.ZONE).minusMonths(1);

    final HousingFixtures fx;
    private final int port;
    private final JdbcClient jdbc;

    UtilityFixtures(int port, JdbcClient jdbc) {
        this.port = port;
        this.jdbc = jdbc;
        this.fx = new HousingFixtures(port, jdbc);
    }

    /** One row naming its room by grid, building, unit 1 and room number, with a month's consumption. */
    static String row(String utility, YearMonth month, String grid, String building, String room, String consumption) {
        return UtilityIntegrationTests.row(utility, month, grid, building, "1", room, "", "", consumption);
    }

    /** A real (or dry) import of the CSV as the user, waited for until its job is done. */
    JsonNode importAndWait(String user, String csv, boolean dryRun) throws Exception {
        String token = new ApiClient(port).token(user, IntegrationTest.DEMO_PASSWORD);
        String boundary = "----fq" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\n" + dryRun + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"readings.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(csv.getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/v1/utility-readings/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = ApiClient.json(accepted).get("id").asText();
        return Eventually.await(() -> {
            JsonNode job = fx.get(user, "/api/v1/utility-readings/imports/" + id).body();
            String status = job.path("status").asText();
            return status.equals("DONE") || status.equals("FAILED") ? job : null;
        }, "import " + id);
    }

    String buildingName(UUID building) {
        return jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class).single();
    }

    List<Map<String, Object>> tasks(UUID room) {
        return jdbc.sql("""
                SELECT id, kind, status, period_from, period_to, assignee_id FROM verification_task WHERE room_id = ?
                ORDER BY period_from, created_at""")
                .param(room).query().listOfRows();
    }

    static String month(Object date) {
        return YearMonth.from(((java.sql.Date) date).toLocalDate()).toString();
    }
}
