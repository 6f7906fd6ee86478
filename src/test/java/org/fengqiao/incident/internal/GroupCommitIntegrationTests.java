package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reports that arrive together are written together (group commit): in one transaction, yet each stored once, with
 * its own timeline, its audit entry in the name of whoever filed it, the possible duplicates it would have been
 * offered filed alone, and the same answer to a key sent twice. The reports are made to meet in one batch by
 * {@link FiledTogether}.
 */
class GroupCommitIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    IncidentDesk desk;

    ApiClient api;
    Map<String, String> tokens = new HashMap<>();

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        for (String user : List.of("officer", "bureau")) {
            tokens.put(user, api.token(user, DEMO_PASSWORD));
        }
    }

    Map<String, Object> report(String description, String address) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "HELP");
        body.put("gridId", jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-05'")
                .query(UUID.class).single());
        body.put("description", description);
        body.put("address", address);
        return body;
    }

    /** Sends the reports together (one batch of the group commit); answers them in order. */
    List<HttpResponse<String>> filedTogether(List<String> users, List<Map<String, Object>> bodies, List<String> keys)
            throws Exception {
        List<Callable<HttpResponse<String>>> reports = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            String token = tokens.get(users.get(i));
            Map<String, Object> body = bodies.get(i);
            String key = keys.get(i);
            reports.add(() -> key == null ? api.send("POST", "/api/v1/incidents", token, body)
                    : api.send("POST", "/api/v1/incidents", token, body, "Idempotency-Key", key));
        }
        return new FiledTogether(dataSource, jdbc, desk).send(reports);
    }

    @Test
    void reportsFiledTogetherShareATransactionYetEachIsStoredOnceInItsFilersName() throws Exception {
        String tag = "成批-" + UUID.randomUUID();
        List<String> users = new ArrayList<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            users.add(i % 2 == 0 ? "officer" : "bureau");
            bodies.add(report(tag + "-" + i, null));
            keys.add(null);
        }
        List<HttpResponse<String>> answers = filedTogether(users, bodies, keys);

        Map<String, String> filer = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> a = answers.get(i);
            assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
            JsonNode incident = ApiClient.json(a).get("incident");
            assertThat(incident.get("description").asText()).isEqualTo(tag + "-" + i);
            assertThat(ApiClient.json(a).get("timeline")).hasSize(2);
            filer.put(incident.get("id").asText(), users.get(i));
        }
        long stored = jdbc.sql("SELECT count(*) FROM incident WHERE description LIKE ?").param(tag + "-%")
                .query(Long.class).single();
        long transactions = jdbc.sql("SELECT count(DISTINCT xmin::text) FROM incident WHERE description LIKE ?")
                .param(tag + "-%").query(Long.class).single();
        assertThat(stored).isEqualTo(12);
        assertThat(transactions).as("reports written in the same transaction").isLessThan(12);
        for (Map.Entry<String, String> e : filer.entrySet()) {
            assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE record_type = 'incident' AND action = 'CREATE' "
                    + "AND record_id = ?").param(e.getKey()).query(String.class).list())
                    .as("the audit entry of %s", e.getKey()).containsExactly(e.getValue());
            assertThat(jdbc.sql("SELECT count(*) FROM incident_event WHERE incident_id = ?")
                    .param(UUID.fromString(e.getKey())).query(Long.class).single()).isEqualTo(2);
            assertThat(jdbc.sql("SELECT count(*) FROM inbox_entry WHERE record_id = ? AND kind = 'INCIDENT_ASSIGNED'")
                    .param(UUID.fromString(e.getKey())).query(Long.class).single()).isEqualTo(1);
        }
    }

    @Test
    void aKeySentTwiceInOneBatchFilesOneReportAndAnswersItTwice() throws Exception {
        String tag = "成批幂等-" + UUID.randomUUID();
        String key = "batch-" + UUID.randomUUID();
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(report(tag, null));
            keys.add(key);
        }
        List<HttpResponse<String>> answers = filedTogether(List.of("officer", "officer", "officer", "officer", "officer",
                "officer"), bodies, keys);

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 200)
                .filteredOn(code -> code == 201).hasSize(1);
        assertThat(answers).extracting(a -> ApiClient.json(a).get("incident").get("id").asText()).containsOnly(
                jdbc.sql("SELECT id::text FROM incident WHERE description = ?").param(tag).query(String.class).single());
    }

    @Test
    void aReportFiledTogetherWithAnEarlierOneNearByIsOfferedItAndNotTheOtherWayRound() throws Exception {
        String tag = "成批重复-" + UUID.randomUUID();
        String address = "成批重复测试路" + UUID.randomUUID().toString().substring(0, 8) + "号";
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(report(tag + "-" + i, address));
            keys.add(null);
        }
        List<HttpResponse<String>> answers = filedTogether(List.of("officer", "officer", "officer", "officer", "officer",
                "officer"), bodies, keys);

        // each report is offered reports written before it only, also earlier ones of its own batch: never both ways
        List<UUID> ids = answers.stream().map(a -> UUID.fromString(ApiClient.json(a).get("incident").get("id").asText()))
                .toList();
        List<Map<String, Object>> offers = jdbc.sql("""
                SELECT d.incident_id, d.candidate_id, i.xmin::text = c.xmin::text AS same_transaction
                FROM incident_duplicate d JOIN incident i ON i.id = d.incident_id JOIN incident c ON c.id = d.candidate_id
                WHERE d.incident_id = ANY(?) AND d.candidate_id = ANY(?)""")
                .params(ids.toArray(UUID[]::new), ids.toArray(UUID[]::new)).query().listOfRows();
        assertThat(offers).as("offers within a batch").filteredOn(o -> Boolean.TRUE.equals(o.get("same_transaction"))).isNotEmpty();
        for (Map<String, Object> o : offers) {
            assertThat(offers).as("no pair offered both ways").noneMatch(other ->
                    other.get("incident_id").equals(o.get("candidate_id")) && other.get("candidate_id").equals(o.get("incident_id")));
        }
        // the first report of each writer's first batch (they ran at the same time, neither saw the other's) has none
        long withoutOffer = ids.stream().filter(id -> offers.stream().noneMatch(o -> o.get("incident_id").equals(id))).count();
        assertThat(withoutOffer).as("reports with no earlier report to be offered").isBetween(1L, 2L);
    }

    @Test
    void laterReportsOfABatchNeverCrowdOutTheEarlierOnesAReportIsOffered() throws Exception {
        String tag = "成批人群-" + UUID.randomUUID();
        // a spot of this test's own, in a grid given by id
        double lon = 100 + new java.util.Random().nextInt(100000) / 10000.0;
        double lat = 20 + new java.util.Random().nextInt(100000) / 10000.0;
        for (int i = 0; i < 5; i++) {
            Map<String, Object> earlier = report(tag + "-前" + i, null);
            earlier.put("lon", lon);
            earlier.put("lat", lat + 30 / 111_195.0);
            assertThat(api.send("POST", "/api/v1/incidents", tokens.get("officer"), earlier).statusCode()).isEqualTo(201);
        }
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> body = report(tag + "-" + i, null);
            body.put("lon", lon);
            body.put("lat", lat);
            bodies.add(body);
            keys.add(null);
        }
        List<HttpResponse<String>> answers = filedTogether(java.util.Collections.nCopies(8, "officer"), bodies, keys);

        // the batch's own later reports are nearer (0 m against 30 m), yet each report has five earlier ones to offer
        List<UUID> ids = new ArrayList<>();
        for (HttpResponse<String> a : answers) {
            assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
            UUID id = UUID.fromString(ApiClient.json(a).get("incident").get("id").asText());
            ids.add(id);
            assertThat(jdbc.sql("SELECT count(*) FROM incident_duplicate WHERE incident_id = ?").param(id)
                    .query(Long.class).single()).as("offers of %s", id).isEqualTo(5);
            assertThat(ApiClient.json(a).get("duplicates").get("candidates")).as("the filer's answer").hasSize(5);
        }
        assertThat(jdbc.sql("""
                SELECT count(*) FROM incident_duplicate d JOIN incident_duplicate e
                    ON e.incident_id = d.candidate_id AND e.candidate_id = d.incident_id
                WHERE d.incident_id = ANY(?)""").param(ids.toArray(UUID[]::new)).query(Long.class).single())
                .as("pairs of the batch offered both ways: a later report offered to an earlier one").isZero();
    }
}
