package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.fengqiao.FengqiaoApplication;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.OwnDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A report answered 201 is never lost. The application runs as a child JVM (the same class path, on a
 * database of its own in the suite's embedded PostgreSQL); several threads push reports through the 110 API
 * while the child is killed outright (SIGKILL, no shutdown hook runs); a new child starts on the same database.
 * Every report answered 201 must be there, once, with its timeline and its audit entry; no report is there
 * twice; and a submission sent again with its key after the restart (acknowledged or left unanswered by the
 * kill) still makes one report.
 */
public class IntakeCrashIntegrationTests extends IntegrationTest {

    static final String API_KEY = "crash-test-110-key";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DataSource dataSource;

    HttpClient http = client();

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void everyAcknowledgedReportSurvivesAKillAndNoneIsFiledTwice() throws Exception {
        OwnDatabase database = OwnDatabase.create(dataSource, "crash_");
        String url = database.url();
        DataSource own = database.dataSource();
        Process child = null;
        try {
            Flyway.configure().dataSource(own).locations("classpath:db/migration").load().migrate();
            JdbcClient db = JdbcClient.create(own);
            UUID grid = fixtures(db);
            int port = freePort();
            Path dir = Files.createTempDirectory("fengqiao-crash");

            long t0 = System.nanoTime();
            child = start(url, port, dir, "first");
            awaitUp(port, child);
            long t1 = System.nanoTime();
            Map<String, UUID> acknowledged = new ConcurrentHashMap<>();
            Set<String> sent = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int client = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String key = "CRASH-" + client + "-" + i;
                        sent.add(key);
                        try {
                            HttpResponse<String> r = push(port, key, grid);
                            if (r.statusCode() == 201) {
                                acknowledged.put(key, UUID.fromString(JSON.readTree(r.body()).get("incident").get("id").asText()));
                            }
                        } catch (IOException e) {
                            return; // the application is gone
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
                thread.start();
                clients.add(thread);
            }
            // kill it in the middle of the load, once a good number of reports have been answered
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (acknowledged.size() < 60 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            child.destroyForcibly();
            child.waitFor();
            stop.set(true);
            for (Thread thread : clients) {
                thread.join(5_000);
            }
            assertThat(acknowledged.size()).as("reports answered 201 before the kill").isGreaterThanOrEqualTo(20);
            assertThat(sent.size()).as("requests were still being sent when it died").isGreaterThan(acknowledged.size());

            long t2 = System.nanoTime();
            http = client(); // no kept-alive connection to the dead one is reused
            child = start(url, port, dir, "second");
            awaitUp(port, child);
            long t3 = System.nanoTime();
            System.out.printf(java.util.Locale.ROOT, "crash test: first start %.1f s, load until the kill %.1f s (%d answered 201, "
                    + "%d sent), restart %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, acknowledged.size(), sent.size(),
                    (t3 - t2) / 1e9);
            Map<String, Long> stored = new java.util.HashMap<>();
            db.sql("SELECT idempotency_key, count(*) FROM incident GROUP BY idempotency_key")
                    .query(rs -> {
                        stored.put(rs.getString(1), rs.getLong(2));
                    });
            assertThat(stored.keySet()).as("every acknowledged report is there").containsAll(acknowledged.keySet());
            assertThat(stored.values()).as("no report twice").allMatch(n -> n == 1);
            assertThat(stored.keySet()).as("nothing but what was sent").isSubsetOf(sent);
            for (Map.Entry<String, UUID> a : acknowledged.entrySet()) {
                assertThat(db.sql("SELECT idempotency_key FROM incident WHERE id = ?").param(a.getValue()).query(String.class)
                        .single()).isEqualTo(a.getKey());
            }
            assertThat(db.sql("SELECT count(*) FROM incident GROUP BY description HAVING count(*) > 1").query(Long.class)
                    .list()).as("no description filed twice").isEmpty();
            // each stored report with its whole filing: the timeline's first two steps and the audit entry
            assertThat(db.sql("""
                    SELECT count(*) FROM incident i WHERE (SELECT count(*) FROM incident_event e WHERE e.incident_id = i.id
                        AND e.kind IN ('RECEIVED', 'ROUTED')) <> 2
                       OR NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.record_type = 'incident' AND a.record_id = i.id::text)""")
                    .query(Long.class).single()).isZero();
            // the entries the crash left waiting for their seal are sealed now, and the chain holds them all
            db.sql("SELECT audit_seal(true)").query(Long.class).single();
            assertThat(db.sql("SELECT count(*) FROM audit_verify()").query(Long.class).single())
                    .as("the audit chain is whole after the crash").isZero();
            assertThat(db.sql("SELECT count(*) FROM audit_pending").query(Long.class).single()).isZero();

            // the same submissions sent again with their keys after the restart: one report each
            String answered = acknowledged.keySet().iterator().next();
            HttpResponse<String> again = push(port, answered, grid);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).get("incident").get("id").asText())
                    .isEqualTo(acknowledged.get(answered).toString());
            for (String key : sent) {
                if (!acknowledged.containsKey(key)) {
                    // unanswered by the kill: filed before it died (200) or not at all (201), never twice
                    assertThat(push(port, key, grid).statusCode()).isIn(200, 201);
                    assertThat(push(port, key, grid).statusCode()).isEqualTo(200);
                }
            }
            assertThat(db.sql("SELECT count(*) FROM incident").query(Long.class).single()).isEqualTo(sent.size());
            assertThat(db.sql("SELECT count(DISTINCT idempotency_key) FROM incident").query(Long.class).single())
                    .isEqualTo(sent.size());
        } finally {
            if (child != null) {
                child.destroyForcibly();
                child.waitFor();
            }
            database.close();
        }
    }

    /** A bureau with its commander (who owns what nobody nearer can) and one grid, and the 110 key of the bureau. */
    public static UUID fixtures(JdbcClient db) throws Exception {
        UUID bureau = UUID.randomUUID();
        db.sql("INSERT INTO unit (id, kind, code, name, path, depth) VALUES (?, 'BUREAU', 'CRASH-B', '崩溃测试公安局', ?, 0)")
                .params(bureau, "/" + bureau + "/").update();
        db.sql("INSERT INTO staff (id, unit_id, role, name) VALUES (?, ?, 'BUREAU_COMMAND', '值班局长')")
                .params(UUID.randomUUID(), bureau).update();
        UUID community = UUID.randomUUID();
        db.sql("INSERT INTO community (id, unit_id, kind, code, name) VALUES (?, ?, 'VILLAGE', 'CRASH-V', '崩溃测试村')")
                .params(community, bureau).update();
        UUID grid = UUID.randomUUID();
        db.sql("""
                INSERT INTO grid (id, network, code, name, community_id, unit_id, boundary, area_m2, min_lon, min_lat, max_lon, max_lat)
                VALUES (?, 'POLICE', 'IT-CRASH', '崩溃测试网格', ?, ?, CAST(? AS jsonb), 250000, 100, 30, 100.005, 30.005)""")
                .params(grid, community, bureau,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[100,30],[100.005,30],[100.005,30.005],[100,30.005],[100,30]]]}")
                .update();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        db.sql("INSERT INTO incident_api_key (key_hash, id, unit_id, name) VALUES (?, gen_random_uuid(), ?, '110（崩溃测试）')").params(hash, bureau).update();
        return grid;
    }

    HttpResponse<String> push(int port, String key, UUID grid) throws IOException, InterruptedException {
        String body = "{\"caseNumber\":\"" + key + "\",\"category\":\"HELP\",\"description\":\"崩溃测试 " + key
                + "\",\"gridId\":\"" + grid + "\",\"callerPhone\":\"13912345678\"}";
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/incidents/110"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("X-Api-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The application in a JVM of its own, with this JVM's class path, on the given database. */
    static Process start(String url, int port, Path dir, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String key = Base64.getEncoder().encodeToString("fengqiao-crash-test-key-32-bytes".getBytes(StandardCharsets.US_ASCII));
        return new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), FengqiaoApplication.class.getName(),
                "--server.port=" + port, "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres",
                "--fengqiao.db.password=postgres", "--fengqiao.demo=false", "--fengqiao.personal-data.key=" + key,
                "--fengqiao.db.data-dir=" + dir.resolve("data"), "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    void awaitUp(int port, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException("the application exited with " + child.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the application did not come up on port " + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
