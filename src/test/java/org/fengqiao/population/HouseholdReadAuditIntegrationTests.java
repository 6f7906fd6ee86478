package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A household's page and its API answer list its members with their categories (a key person's type and risk among
 * them): each read is in the audit trail, the household's and every member's as a read of his record, so an auditor
 * asking who saw a person finds whoever saw him on his household's page. Outside the caller's jurisdiction: 404 and
 * nothing read.
 */
class HouseholdReadAuditIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    UUID household;
    UUID head;
    UUID keyPerson;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        household = fx.household(grid, null, false, false);
        head = fx.person(grid, household, "户读", "HEAD", null, null);
        keyPerson = fx.person(grid, household, "户重", "CHILD", "KEY_PERSON", "DRUG");
    }

    long reads(String type, UUID id, String actor) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = ? AND record_id = ? "
                + "AND actor = ?").params(type, id.toString(), actor).query(Long.class).single();
    }

    @Test
    void readingAHouseholdThroughTheApiIsAuditedForTheHouseholdAndEachMember() {
        HousingFixtures.Answer a = fx.get("officer", "/api/v1/households/" + household);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("members")).hasSize(2);

        assertThat(reads("household", household, "officer")).isEqualTo(1);
        for (UUID member : List.of(head, keyPerson)) {
            assertThat(reads("person", member, "officer")).as(member.toString()).isEqualTo(1);
        }
        assertThat(jdbc.sql("""
                SELECT after->>'view' FROM audit_entry WHERE action = 'READ' AND record_type = 'person'
                AND record_id = ? AND actor = 'officer'""").param(keyPerson.toString()).query(String.class).single())
                .isEqualTo("household");

        // another station's officer learns nothing, and nothing is read
        assertThat(fx.get("officer2", "/api/v1/households/" + household).status()).isEqualTo(404);
        assertThat(reads("household", household, "officer2")).isZero();
        assertThat(reads("person", keyPerson, "officer2")).isZero();
    }

    /**
     * A household of eight on its page: nine entries (the household's and one per member), written in one statement
     * rather than nine round trips. Rows one statement inserted share the transaction that wrote them (xmin).
     */
    @Test
    void aHouseholdOfEightIsAuditedInOneStatementWithAnEntryForEachMember() {
        UUID grid = fx.gridId("FS-1-01");
        UUID big = fx.household(grid, null, false, false);
        List<UUID> members = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(fx.person(grid, big, "八口" + i, i == 0 ? "HEAD" : "CHILD", null, null));
        }
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        assertThat(chief.get("/households/" + big, null).statusCode()).isEqualTo(200);

        assertThat(reads("household", big, "chief")).isEqualTo(1);
        for (UUID member : members) {
            assertThat(reads("person", member, "chief")).as(member.toString()).isEqualTo(1);
        }
        List<String> ids = new java.util.ArrayList<>(members.stream().map(UUID::toString).toList());
        ids.add(big.toString());
        assertThat(jdbc.sql("""
                SELECT count(DISTINCT xmin::text) FROM audit_entry WHERE action = 'READ' AND actor = 'chief'
                AND record_id = ANY(?)""").param(ids.toArray(String[]::new)).query(Long.class).single())
                .as("the household and its eight members written together").isEqualTo(1);
    }

    @Test
    void openingAHouseholdsPageIsAuditedForTheHouseholdAndEachMember() {
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        HttpResponse<String> page = chief.get("/households/" + household, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("户读").contains("户重");

        assertThat(reads("household", household, "chief")).isEqualTo(1);
        assertThat(reads("person", head, "chief")).isEqualTo(1);
        assertThat(reads("person", keyPerson, "chief")).isEqualTo(1);
    }
}
