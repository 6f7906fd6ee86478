package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reference (SJ- and eight digits) by which the hard-cases board and the points ledger name an incident names
 * one incident only: staff read it there and over the phone to find the report it stands for.
 */
class IncidentReferenceNumbersIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    IncidentFacts facts;
    @Autowired
    DataSource dataSource;

    /** A demo incident copied with the given id: the same instant, grid and owning unit. */
    void copy(UUID id) {
        jdbc.sql(IncidentReferencesIntegrationTests.COPY).param("changes", "{}").param("id", id)
                .param("code", "NUM-" + id.toString().substring(0, 8)).update();
    }

    /** The digits a reference had before V166: the first twelve hex digits of the MD5 of the id, modulo 10^8. */
    static long derived(UUID id) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(id.toString().getBytes(StandardCharsets.UTF_8));
            return Long.parseLong(HexFormat.of().formatHex(d, 0, 6), 16) % 100_000_000L;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two ids whose references, were they derived from the ids as before V166, agree (one in some ten thousand). */
    static UUID[] idsWithTheSameDigest() {
        Map<Long, UUID> seen = new HashMap<>();
        while (true) {
            UUID id = UUID.randomUUID();
            UUID other = seen.putIfAbsent(derived(id), id);
            if (other != null) {
                return new UUID[] {other, id};
            }
        }
    }

    String boardItem(UUID incident) {
        return jdbc.sql("SELECT source_code || '|' || title FROM claim_item WHERE source_id = ?").param(incident)
                .query(String.class).single();
    }

    void run(String script) {
        try {
            String migration = new ClassPathResource(script).getContentAsString(StandardCharsets.UTF_8);
            try (Statement run = DataSourceUtils.getConnection(dataSource).createStatement()) {
                run.execute(migration);
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A claim of the incident's board item, reported done, and its grid chief's inbox entry naming the reference. */
    UUID inboxEntryAboutTheClaimOf(UUID incident, String reference) {
        UUID claim = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO claim (id, item_id, grid_id, claimed_by, claimed_at, deadline, state, reported_at)
                SELECT :claim, ci.id, ci.grid_id, s.id, now(), now() + interval '3 days', 'REPORTED', now()
                FROM claim_item ci, staff s WHERE ci.source_id = :incident AND s.username = 'chief'""")
                .param("claim", claim).param("incident", incident).update();
        UUID entry = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject,
                                         category, reason, reason_is_key, created_at)
                SELECT :entry, s.id, 'HARD_CASE_REPORTED', 'claim', :claim, '/claims/items/' || c.item_id, '/',
                       :reference, 'claims.kind.INCIDENT', '已办结', false, now()
                FROM claim c, staff s WHERE c.id = :claim AND s.username = 'chief'""")
                .param("entry", entry).param("claim", claim).param("reference", reference).update();
        return entry;
    }

    String inboxEntry(UUID entry) {
        return jdbc.sql("SELECT subject FROM inbox_entry WHERE id = ?").param(entry).query(String.class).single();
    }

    @Test
    void twoReportsFiledInTheSameInstantAndUnitNeverShareAReference() {
        UUID[] ids = idsWithTheSameDigest();
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            copy(ids[0]);
            copy(ids[1]);
            String first = facts.reference(ids[0]);
            String second = facts.reference(ids[1]);
            assertThat(first).matches("SJ-\\d{8}");
            assertThat(second).matches("SJ-\\d{8}").isNotEqualTo(first);
            // named again, on the board or in the ledger, each is the same as the first time
            assertThat(facts.reference(ids[0])).isEqualTo(first);
            assertThat(facts.reference(ids[1])).isEqualTo(second);
        });
    }

    @Test
    void aNumberAnotherIncidentKeptFromBeforeIsPassedOverNotRefused() {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            long next = jdbc.sql("""
                    SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM incident_reference_number""")
                    .query(Long.class).single();
            // the next three numbers held by incidents named before the numbers were drawn (their digits kept)
            for (long n = next; n < next + 3; n++) {
                jdbc.sql("INSERT INTO incident_reference (incident_id, number) VALUES (?, ?)")
                        .params(UUID.randomUUID(), n).update();
            }
            UUID id = UUID.randomUUID();
            copy(id);
            assertThat(facts.reference(id)).isEqualTo(IncidentReference.of(next + 3));
        });
    }

    @Test
    void theMigrationLeavesTheDigitsShownToTheFirstReceivedAndRenamesTheLaterReportWhereItWasShown() {
        UUID[] ids = idsWithTheSameDigest();
        String shown = IncidentReference.of(derived(ids[0]));
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            copy(ids[0]);
            copy(ids[1]);
            jdbc.sql("UPDATE incident SET received_at = received_at + interval '1 second' WHERE id = ?").param(ids[1])
                    .update();
            // both on the board under the same reference, as the digits derived from their ids named them
            for (UUID id : ids) {
                jdbc.sql("""
                        INSERT INTO claim_item (id, source_kind, source_id, source_code, category, grid_id, title,
                                                since, state)
                        SELECT gen_random_uuid(), 'INCIDENT', id, :shown, category, grid_id,
                               '事项·求助 ' || :shown,
                               received_at, 'WAITING'
                        FROM incident WHERE id = :id""").param("shown", shown).param("id", id).update();
            }
            // each claimed, reported done, and its grid chief told in his inbox under that reference
            UUID[] entries = {inboxEntryAboutTheClaimOf(ids[0], shown), inboxEntryAboutTheClaimOf(ids[1], shown)};
            run("db/migration/V166__incident_reference_numbers.sql");
            run("db/migration/V170__inbox_incident_references.sql");
            assertThat(facts.reference(ids[0])).isEqualTo(shown);
            assertThat(boardItem(ids[0])).isEqualTo(shown + "|事项·求助 " + shown);
            assertThat(inboxEntry(entries[0])).isEqualTo(shown);
            String renamed = facts.reference(ids[1]);
            assertThat(renamed).matches("SJ-\\d{8}").isNotEqualTo(shown);
            assertThat(boardItem(ids[1])).isEqualTo(renamed + "|事项·求助 " + renamed);
            assertThat(inboxEntry(entries[1])).as("the chief's inbox names the report he is asked about")
                    .isEqualTo(renamed);
            run("db/migration/V170__inbox_incident_references.sql");
            assertThat(inboxEntry(entries[1])).as("run again, nothing changes").isEqualTo(renamed);
        });
    }
}
