package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.CountedStatements;
import org.fengqiao.support.CountedStatements.Transaction;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the 110 push costs the database: a batch of filings is written with a set number of statements however many
 * reports and disputes it holds (bench/README.md, "Statements of the 110 push": 26 a batch before the disputes opened
 * together, 12 since, BEGIN, offers and the caches' refills counted), and a batch of one the same. Each dispute once cost six statements of its own (its
 * case, team and party row by row, its party read back, the batch's inbox entries, its owner's entry marked read);
 * a change that writes a report's or a dispute's rows one by one again fails here, not only in a benchmark's figures.
 */
class IncidentPushStatementsIntegrationTests extends IntegrationTest {

    static final String KEY = "demo-110-key";

    /**
     * The statements of a filing transaction (its BEGIN and COMMIT not counted) with nothing to offer as a possible
     * duplicate: the grid hold, the incidents, the duplicate look-up, the timeline steps, the inbox entries, the audit
     * entries and the disputes' cases with their teams and parties. (A batch with offers writes them and their items
     * too: two more.) Raise it only with a reason in bench/README.md.
     */
    static final int MOST = 7;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    IncidentDesk desk;
    @Autowired
    CountedStatements counted;

    Map<String, Object> push(String description, String gridCode, String category) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseNumber", "110-" + UUID.randomUUID());
        body.put("category", category);
        body.put("description", description);
        body.put("gridId", jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(gridCode)
                .query(UUID.class).single());
        body.put("address", description + "号");
        body.put("callerName", "来电人");
        body.put("callerPhone", "13912345678");
        return body;
    }

    @Test
    void aBatchOfPushedDisputesIsWrittenWithTheSameFewStatementsAsASinglePush() throws Exception {
        ApiClient api = new ApiClient(port);
        String tag = "语句计数-" + UUID.randomUUID();
        String[] grids = {"FS-4-01", "NS-2-01", "FS-1-05", "FS-4-02"};
        // each grid pushed to once alone first: the caches of its roles, units and webhooks are filled before counting
        for (String grid : grids) {
            HttpResponse<String> alone = api.send("POST", "/api/v1/incidents/110", null,
                    push(tag + "-先" + grid, grid, "DISPUTE"), "X-Api-Key", KEY);
            assertThat(alone.statusCode()).as(alone.body()).isEqualTo(201);
        }
        List<Callable<HttpResponse<String>>> pushes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> body = push(tag + "-" + i, grids[i % grids.length], i % 5 == 4 ? "HELP" : "DISPUTE");
            pushes.add(() -> api.send("POST", "/api/v1/incidents/110", null, body, "X-Api-Key", KEY));
        }

        List<Transaction> written;
        try (CountedStatements.Recording recording = counted.recording(thread -> thread.startsWith("incident-intake"))) {
            List<HttpResponse<String>> answers = new FiledTogether(dataSource, jdbc, desk).send(pushes);
            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(201));
            written = recording.transactions();
        }

        // the batches as the database has them: the reports of each transaction, all filed with their disputes
        List<Long> batches = jdbc.sql("""
                SELECT count(*) FROM incident WHERE description LIKE ? AND description NOT LIKE ?
                GROUP BY xmin::text ORDER BY count(*) DESC""")
                .params(tag + "-%", tag + "-先%").query(Long.class).list();
        assertThat(batches.stream().mapToLong(Long::longValue).sum()).isEqualTo(10);
        assertThat(batches.get(0)).as("reports written in one batch").isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM dispute_case c JOIN incident i ON i.id = c.incident_id WHERE i.description LIKE ?
                  AND i.description NOT LIKE ?""").params(tag + "-%", tag + "-先%").query(Long.class).single())
                .as("the disputes' cases").isEqualTo(8);

        assertThat(jdbc.sql("""
                SELECT count(*) FROM incident_duplicate d JOIN incident i ON i.id = d.incident_id
                WHERE i.description LIKE ? AND i.description NOT LIKE ?""").params(tag + "-%", tag + "-先%")
                .query(Long.class).single()).as("nothing offered as a possible duplicate (an address of its own each)")
                .isZero();

        assertThat(written).as("the filing transactions counted, one a batch").hasSize(batches.size())
                .allSatisfy(t -> assertThat(t.committed()).isTrue());
        for (Transaction t : written) {
            assertThat(t.statements()).as("what the filings' transaction sent (at most %d statements):%n%s", MOST,
                    String.join("\n---\n", t.statements()))
                    .hasSizeGreaterThanOrEqualTo(5).hasSizeLessThanOrEqualTo(MOST);
        }
    }
}
