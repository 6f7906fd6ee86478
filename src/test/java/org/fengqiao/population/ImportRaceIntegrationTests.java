package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two imports of one household at once, or an import while an officer registers the same household: one household
 * is made for its number and one address for its text, and every person lands in it; neither import fails on the
 * other's household (its COPY used to wait for the other's and then fail the job on the duplicate number).
 */
class ImportRaceIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void anImportJoinsTheHouseholdAnOfficerRegisteredAtTheSameAddressMeanwhile() throws Exception {
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        String number = "RACE-" + UUID.randomUUID().toString().substring(0, 8);
        String address = "东海县并发村 " + number;
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01'").query(UUID.class).single();
        byte[] file = ImportIntegrationTests.xlsx(List.of(
                row("并发甲", Sex.MALE, number, "户主", address), row("并发乙", Sex.FEMALE, number, "配偶", address)));

        UUID officers = UUID.randomUUID();
        JsonNode job;
        try (Connection officer = dataSource.getConnection()) {
            officer.setAutoCommit(false);
            // the officer's household at the address, registered and not yet committed when the import writes
            UUID addressId = UUID.randomUUID();
            try (PreparedStatement s = officer.prepareStatement(
                    "INSERT INTO address (id, grid_id, full_text) VALUES (?, ?, ?)")) {
                s.setObject(1, addressId);
                s.setObject(2, grid);
                s.setString(3, address);
                s.executeUpdate();
            }
            try (PreparedStatement s = officer.prepareStatement(
                    "INSERT INTO household (id, grid_id, address_id, number) VALUES (?, ?, ?, ?)")) {
                s.setObject(1, officers);
                s.setObject(2, grid);
                s.setObject(3, addressId);
                s.setString(4, number);
                s.executeUpdate();
            }
            CompletableFuture<JsonNode> importing = CompletableFuture.supplyAsync(() -> {
                try {
                    return ImportIntegrationTests.importAndWait(api, port, token, "race.xlsx", file, false,
                            Duration.ofSeconds(60));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            waitForAnImportWaitingOnALock();
            officer.commit();
            job = importing.get();
        }

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("createdRows").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE number = ?").param(number).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM address WHERE full_text = ?").param(address).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE household_id = ?").param(officers).query(Long.class)
                .single()).as("both persons in the officer's household").isEqualTo(2);

        // the same file again changes nothing: the persons were stored as placed
        JsonNode again = ImportIntegrationTests.importAndWait(api, port, token, "race.xlsx", file, false,
                Duration.ofSeconds(60));
        assertThat(again.path("unchangedRows").asLong()).isEqualTo(2);
    }

    @Test
    void twoImportsOfOneHouseholdAtOnceMakeItOnce() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
                for (int round = 0; round < 3; round++) {
            String number = "RACE2-" + UUID.randomUUID().toString().substring(0, 8);
            String address = "东海县并发村 " + number;
            byte[] first = ImportIntegrationTests.xlsx(
                    List.<String[]>of(row("并发丙", Sex.MALE, number, "户主", address)));
            byte[] second = ImportIntegrationTests.xlsx(
                    List.<String[]>of(row("并发丁", Sex.FEMALE, number, "配偶", address)));
            CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> run(api, officer, first));
            CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> run(api, officer, second));
            assertThat(List.of(a.get(), b.get())).extracting(j -> j.path("status").asText())
                    .containsExactly("DONE", "DONE");
            assertThat(jdbc.sql("SELECT count(*) FROM household WHERE number = ?").param(number).query(Long.class)
                    .single()).isEqualTo(1);
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id
                    WHERE h.number = ? AND h.address_text = ?""").params(number, address).query(Long.class).single())
                    .isEqualTo(2);
        }
    }

    JsonNode run(ApiClient api, String token, byte[] file) {
        try {
            return ImportIntegrationTests.importAndWait(api, port, token, "race.xlsx", file, false,
                    Duration.ofSeconds(60));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String[] row(String name, Sex sex, String household, String relation, String address) {
        return new String[] {name, TestIdentityNumbers.next(sex), sex == Sex.MALE ? "男" : "女", "", "FS-1-01",
            household, relation, "常住", address};
    }

    /** Until the import's write waits for the officer's transaction (its COPY on the unique address text). */
    void waitForAnImportWaitingOnALock() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            long waiting = jdbc.sql("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND query LIKE 'COPY address%'""").query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import never waited for the officer's household");
    }
}
