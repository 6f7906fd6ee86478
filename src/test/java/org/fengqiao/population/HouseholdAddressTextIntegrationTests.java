package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A household carries its address's text (V154), which the persons list shows beside each person: it must be the
 * address's text as it is now, after the address is changed, and when a household is registered at an address while
 * someone else renames it.
 */
class HouseholdAddressTextIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    DataSource dataSource;

    PlacesFixtures places;
    HousingFixtures fx;

    @BeforeEach
    void setUp() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        fx = places.fx;
    }

    String fullText(UUID address) {
        return jdbc.sql("SELECT full_text FROM address WHERE id = ?").param(address).query(String.class).single();
    }

    String householdText(UUID household) {
        return jdbc.sql("SELECT address_text FROM household WHERE id = ?").param(household).query(String.class).single();
    }

    @Test
    void thePersonsListShowsTheHouseholdsAddressAsItIsAfterTheAddressIsChanged() {
        String street = AddressApiIntegrationTests.street();
        Map<String, Object> body = places.addressBody("FS-1-01", street);
        UUID address = UUID.fromString(fx.call("officer", "POST", "/api/v1/addresses", body).body().get("id").asText());
        UUID grid = fx.gridId("FS-1-01");
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/households",
                Map.of("gridId", grid, "addressId", address, "number", HousingFixtures.unique("户"), "trusted", false,
                        "inDifficulty", false));
        assertThat(created.status()).isEqualTo(201);
        UUID household = UUID.fromString(created.body().get("id").asText());
        fx.person(grid, household, "郑晓", "HEAD", null, null);

        JsonNode before = fx.get("officer", "/api/v1/persons?householdId=" + household).body();
        assertThat(before.get("items").get(0).get("address").asText()).isEqualTo(fullText(address)).contains(street);

        body.put("doorNumber", "8");
        body.put("compound", "改名里");
        assertThat(fx.call("officer", "PUT", "/api/v1/addresses/" + address, body).status()).isEqualTo(200);
        JsonNode after = fx.get("officer", "/api/v1/persons?householdId=" + household).body();
        assertThat(after.get("items").get(0).get("address").asText()).isEqualTo(fullText(address)).endsWith("8号改名里");
    }

    @Test
    void aHouseholdRegisteredBeforeARenameCommitsIsRenamedWithItsAddress() throws Exception {
        UUID address = places.address("officer", "FS-1-01", AddressApiIntegrationTests.street());
        UUID household = UUID.randomUUID();
        try (Connection registering = dataSource.getConnection(); Connection renaming = dataSource.getConnection()) {
            registering.setAutoCommit(false);
            insertHousehold(registering, household, address);
            // the rename waits for the household's transaction (the text is a unique key of the address, which the
            // household's reference holds), then finds the household and renames its text too
            CompletableFuture<Void> rename = CompletableFuture.runAsync(() -> rename(renaming, address, "甲"));
            waitUntilWaitingForALock(rename);
            registering.commit();
            rename.get(10, TimeUnit.SECONDS);
        }
        assertThat(fullText(address)).endsWith("甲");
        assertThat(householdText(household)).isEqualTo(fullText(address));
    }

    @Test
    void aHouseholdRegisteredWhileItsAddressIsBeingRenamedTakesTheNewText() throws Exception {
        UUID address = places.address("officer", "FS-1-01", AddressApiIntegrationTests.street());
        UUID household = UUID.randomUUID();
        try (Connection renaming = dataSource.getConnection(); Connection registering = dataSource.getConnection()) {
            renaming.setAutoCommit(false);
            rename(renaming, address, "乙");
            // the household's text is read once the rename has committed, not the text before it
            CompletableFuture<Void> register = CompletableFuture.runAsync(() -> insertHousehold(registering, household,
                    address));
            waitUntilWaitingForALock(register);
            renaming.commit();
            register.get(10, TimeUnit.SECONDS);
        }
        assertThat(fullText(address)).endsWith("乙");
        assertThat(householdText(household)).isEqualTo(fullText(address));
    }

    @Test
    void everyHouseholdsTextIsItsAddresssText() {
        // the demo's households (written by its loaders and batches) and those the tests before this one wrote
        assertThat(jdbc.sql("""
                SELECT count(*) FROM household h LEFT JOIN address a ON a.id = h.address_id
                WHERE h.address_text IS DISTINCT FROM a.full_text""").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE address_text IS NOT NULL").query(Long.class).single())
                .isPositive();
    }

    private void insertHousehold(Connection connection, UUID household, UUID address) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO household (id, grid_id, address_id, number) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, household);
            insert.setObject(2, fx.gridId("FS-1-01"));
            insert.setObject(3, address);
            insert.setString(4, HousingFixtures.unique("户"));
            insert.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rename(Connection connection, UUID address, String suffix) {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE address SET full_text = full_text || ? WHERE id = ?")) {
            update.setString(1, suffix);
            update.setObject(2, address);
            update.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Until another session waits for a row lock, or the task has ended without waiting (which the test then shows). */
    private void waitUntilWaitingForALock(CompletableFuture<Void> task) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!task.isDone() && System.nanoTime() < deadline) {
            long waiting = jdbc.sql("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()""")
                    .query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
