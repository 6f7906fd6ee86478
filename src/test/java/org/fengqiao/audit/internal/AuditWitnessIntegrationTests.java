package org.fengqiao.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.fengqiao.audit.StaffNames;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.OwnDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A superuser who disables the triggers and deletes the chain's last entries with their seals leaves a shorter chain
 * that recomputes without a flaw; the head witnessed outside the database still names where the chain had reached.
 * Each test on a database of its own, with a sealer and a witness file of its own, so the suite's chain is untouched.
 */
class AuditWitnessIntegrationTests extends IntegrationTest {

    /** The trail's own probes are made by nobody on the staff: a name typed in the actor filter finds nobody. */
    private static final ObjectProvider<StaffNames> NOBODY = new StaticListableBeanFactory(
            Map.<String, Object>of("nobody", (StaffNames) typed -> List.of())).getBeanProvider(StaffNames.class);

    @Autowired
    DataSource suite;
    @Autowired
    MessageSource messages;
    @TempDir
    Path dir;

    @Test
    void verificationReportsTheTailCutOffBehindTheDatabasesBackWithTheWitnessedHead() throws Exception {
        try (OwnDatabase database = OwnDatabase.create(suite, "witness_")) {
            JdbcClient jdbc = migrated(database);
            AuditWitness witness = new AuditWitness(dir.resolve("audit-witness.log"));
            AuditSealer sealer = new AuditSealer(jdbc, witness);
            AuditEntries entries = new AuditEntries(jdbc, new ActorNames(messages), sealer, witness, NOBODY);
            for (int i = 0; i < 5; i++) {
                insertEntry(jdbc, "entry " + i);
            }
            long head = sealAndWitness(jdbc, sealer, witness);

            // as the superuser: around the append-only triggers, the last three entries and their seals are deleted
            jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only").update();
            jdbc.sql("ALTER TABLE audit_seal DISABLE TRIGGER audit_seal_append_only").update();
            jdbc.sql("DELETE FROM audit_entry WHERE seq IN (SELECT seq FROM audit_seal WHERE chain_no > ?)")
                    .param(head - 3).update();
            jdbc.sql("DELETE FROM audit_seal WHERE chain_no > ?").param(head - 3).update();
            jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only").update();
            jdbc.sql("ALTER TABLE audit_seal ENABLE TRIGGER audit_seal_append_only").update();

            // the chain alone cannot tell: what is left recomputes as whole
            AuditWitness none = new AuditWitness(dir.resolve("elsewhere/audit-witness.log"));
            assertThat(new AuditEntries(jdbc, new ActorNames(messages), sealer, none, NOBODY).verify().valid()).isTrue();

            ChainCheck check = entries.verify();
            assertThat(check.valid()).isFalse();
            assertThat(check.reason()).isEqualTo("truncated");
            assertThat(check.witnessedChainNo()).isEqualTo(head);
            assertThat(check.witnessedAt()).isEqualTo(witness.latest().orElseThrow().at());
            assertThat(check.checked()).isEqualTo(head - 3);

            // entries written after the cut fill the numbers again, with other hashes: the sealer does not witness
            // the new chain over the old, and verification names the entry now standing at the witnessed number
            for (int i = 0; i < 4; i++) {
                insertEntry(jdbc, "after the cut " + i);
            }
            sealer.sealAll();
            for (int i = 0; i < 6; i++) {
                sealer.sealCommitted();
                Thread.sleep(100);
            }
            assertThat(witness.latest().orElseThrow().chainNo()).isEqualTo(head);
            long standing = jdbc.sql("SELECT seq FROM audit_seal WHERE chain_no = ?").param(head)
                    .query(Long.class).single();
            assertThat(entries.verify()).extracting(ChainCheck::valid, ChainCheck::reason, ChainCheck::brokenSeq,
                    ChainCheck::witnessedChainNo).containsExactly(false, "rewritten", standing, head);

            // the operator who stepped the chain back on purpose moves the witness aside: witnessed again from then
            Files.move(witness.file(), dir.resolve("audit-witness.log.acknowledged"));
            long now = sealAndWitness(jdbc, sealer, witness);
            assertThat(now).isEqualTo(head + 1);
            assertThat(entries.verify()).isEqualTo(ChainCheck.whole(now));
        }
    }

    @Test
    void aNewDatabaseWithoutAWitnessVerifiesCleanAndIsWitnessedFromThen() throws Exception {
        try (OwnDatabase database = OwnDatabase.create(suite, "witness_")) {
            JdbcClient jdbc = migrated(database);
            Path file = dir.resolve("data/audit-witness.log");
            AuditWitness witness = new AuditWitness(file);
            AuditSealer sealer = new AuditSealer(jdbc, witness);
            AuditEntries entries = new AuditEntries(jdbc, new ActorNames(messages), sealer, witness, NOBODY);
            insertEntry(jdbc, "first");

            assertThat(Files.exists(file)).isFalse();
            assertThat(entries.verify()).isEqualTo(ChainCheck.whole(chainLength(jdbc)));

            insertEntry(jdbc, "second");
            long head = sealAndWitness(jdbc, sealer, witness);
            assertThat(Files.readString(file)).contains(" " + jdbc.sql("SELECT hash FROM audit_seal WHERE chain_no = ?")
                    .param(head).query(String.class).single() + " ");
            assertThat(entries.verify()).isEqualTo(ChainCheck.whole(head));
        }
    }

    private static JdbcClient migrated(OwnDatabase database) {
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load().migrate();
        return JdbcClient.create(database.dataSource());
    }

    private static void insertEntry(JdbcClient jdbc, String what) {
        jdbc.sql("INSERT INTO audit_entry (actor, action, record_type, record_id) VALUES ('probe', 'READ', 'probe', ?)")
                .param(what).update();
    }

    private static long chainLength(JdbcClient jdbc) {
        return jdbc.sql("SELECT coalesce(max(chain_no), 0) FROM audit_seal").query(Long.class).single();
    }

    /** Runs the sealer as its schedule would until the witness holds the chain's head, once on disk; that head. */
    private static long sealAndWitness(JdbcClient jdbc, AuditSealer sealer, AuditWitness witness) throws Exception {
        sealer.sealCommitted();
        long head = chainLength(jdbc);
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (witness.latest().map(AuditWitness.Head::chainNo).orElse(0L) < head) {
            assertThat(Instant.now()).as("the head was witnessed").isBefore(until);
            Thread.sleep(100);
            sealer.sealCommitted();
        }
        return head;
    }
}
