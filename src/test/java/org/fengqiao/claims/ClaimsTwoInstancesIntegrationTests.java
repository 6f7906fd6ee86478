package org.fengqiao.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fengqiao.FengqiaoApplication;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.ClaimsProperties;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.mediation.DisputeFacts;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the application on one database, as behind a load balancer: a second Spring application (its
 * own context, web server and connection pool, no demo loading, no schedules) on the suite's database. Claims fired
 * at both at once for the same item: one wins, on whichever instance, and the rest get a 409.
 */
class ClaimsTwoInstancesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Board board;
    @Autowired
    IncidentFacts incidentFacts;
    @Autowired
    DisputeFacts disputeFacts;
    @Autowired
    StaffDirectory staffDirectory;
    @Autowired
    ClaimsProperties properties;
    @Autowired
    MessageSource messages;

    ConfigurableApplicationContext second() throws Exception {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        String key = Files.readString(Path.of(DATA_DIR, "personal-data.key")).strip();
        Path otherDir = Files.createTempDirectory("fengqiao-second-");
        // as command-line arguments: they outrank application.yml (the builder's properties are only defaults)
        return new SpringApplicationBuilder(FengqiaoApplication.class).run(
                "--server.port=0",
                "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres", "--fengqiao.db.password=postgres",
                "--fengqiao.db.data-dir=" + otherDir, "--fengqiao.demo=false",
                "--fengqiao.personal-data.key=" + key,
                "--spring.modulith.events.republish-outstanding-events-on-restart=false",
                "--fengqiao.claims.sweep-cron=-", "--fengqiao.claims.expiry-cron=-");
    }

    @Test
    void claimsFiredAtTwoInstancesAtOnceMakeOneWinner() throws Exception {
        ApiClient first = new ApiClient(port);
        ClaimsFixtures f = new ClaimsFixtures(first, jdbc, board, incidentFacts, disputeFacts, staffDirectory,
                properties, messages);
        String officer = first.token("officer", DEMO_PASSWORD);
        String chief = first.token("chief", DEMO_PASSWORD);
        UUID item = f.onBoard(officer, f.volunteersGrid(), "两实例认领-" + UUID.randomUUID());
        try (ConfigurableApplicationContext other = second()) {
            int otherPort = Integer.parseInt(other.getEnvironment().getProperty("local.server.port"));
            assertThat(otherPort).isNotEqualTo(port);
            ApiClient secondApi = new ApiClient(otherPort);
            // the token issued by one instance is honoured by the other: it lives in the database
            assertThat(secondApi.get("/api/v1/claims/items/" + item, officer).statusCode()).isEqualTo(200);

            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            Map<String, Object> body = Map.of("due", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3).toString());
            for (int i = 0; i < 16; i++) {
                ApiClient api = i % 2 == 0 ? first : secondApi;
                String token = i % 4 < 2 ? officer : chief;
                results.add(pool.submit(() -> {
                    go.await();
                    return api.send("POST", "/api/v1/claims/items/" + item + "/claim", token, body);
                }));
            }
            go.countDown();
            List<Integer> onFirst = new ArrayList<>();
            List<Integer> onSecond = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                int status = results.get(i).get(60, TimeUnit.SECONDS).statusCode();
                (i % 2 == 0 ? onFirst : onSecond).add(status);
            }
            pool.shutdown();
            List<Integer> all = new ArrayList<>(onFirst);
            all.addAll(onSecond);
            assertThat(all).as("first %s, second %s", onFirst, onSecond).filteredOn(s -> s == 201).hasSize(1);
            assertThat(all).filteredOn(s -> s == 409).hasSize(15);
            assertThat(onFirst).as("both instances answered").isNotEmpty();
            assertThat(onSecond).isNotEmpty().allMatch(s -> s == 201 || s == 409);
            assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE item_id = ?").param(item).query(Long.class).single())
                    .isEqualTo(1);
            assertThat(f.state(item)).isEqualTo("CLAIMED");
        }
    }
}
