package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Every change and sign-in lands in the trail, in the same transaction as the change itself. */
class AuditTrailIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;

    @Test
    void signInIsRecordedWithTheActorAndTheAddressTheRequestCameFrom() {
        long before = lastSeq();
        HttpHeaders headers = new HttpHeaders();
        // The test client is a local, hence trusted, proxy: the native forward-headers strategy
        // takes the client address from X-Forwarded-For.
        headers.set("X-Forwarded-For", "203.0.113.7");
        ResponseEntity<Map> response = http.postForEntity("/api/v1/auth/token",
                new HttpEntity<>(Map.of("username", "officer", "password", DEMO_PASSWORD), headers), Map.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);

        Map<String, Object> entry = jdbc.sql("""
                SELECT actor, remote_addr, record_type, record_id, after->>'outcome' AS outcome
                FROM audit_entry WHERE seq > ? AND action = 'SIGN_IN' ORDER BY seq DESC LIMIT 1""")
                .param(before).query().singleRow();
        assertThat(entry).containsEntry("actor", "officer").containsEntry("remote_addr", "203.0.113.7")
                .containsEntry("record_type", "staff").containsEntry("outcome", "ok");
        assertThat(entry.get("record_id")).isNotNull();
    }

    @Test
    void failedSignInIsRecordedUnderTheNameThatWasTried() {
        long before = lastSeq();
        http.postForEntity("/api/v1/auth/token", Map.of("username", "nobody-here", "password", "wrong-Pass-1"),
                Map.class);
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE seq > ? AND action = 'SIGN_IN_FAILED'")
                .param(before).query(String.class).list()).containsExactly("nobody-here");
    }

    @Test
    void changeThatRollsBackLeavesNoEntry() {
        String id = UUID.randomUUID().toString();
        tx.executeWithoutResult(status -> {
            events.publishEvent(Audited.created("probe", id, null, Map.of("name", "rolled back")));
            status.setRollbackOnly();
        });
        assertThat(entriesFor(id)).isZero();
    }

    @Test
    void anEntryWrittenBeforeTheCommitGoesWithAChangeThatFailsToCommit() {
        // the entry is written just before the commit; a later step of the commit fails, and both are gone
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            events.publishEvent(Audited.created("probe", id, null, Map.of("name", "failed to commit")));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    assertThat(entriesFor(id)).as("written in the transaction before it commits").isEqualTo(1);
                    throw new IllegalStateException("the commit fails after the entry was written");
                }
            });
        })).hasMessageContaining("the commit fails");
        assertThat(entriesFor(id)).isZero();
    }

    @Test
    void changeThatCommitsKeepsItsEntryWithBeforeAndAfterAsJson() {
        String id = UUID.randomUUID().toString();
        tx.executeWithoutResult(status -> events.publishEvent(
                Audited.updated("probe", id, "/x/", Map.of("name", "old"), Map.of("name", "new"))));
        Map<String, Object> entry = jdbc.sql("""
                SELECT actor, before->>'name' AS old_name, after->>'name' AS new_name, unit_path
                FROM audit_entry WHERE record_type = 'probe' AND record_id = ?""").param(id).query().singleRow();
        assertThat(entry).containsEntry("actor", "system").containsEntry("old_name", "old")
                .containsEntry("new_name", "new").containsEntry("unit_path", "/x/");
    }

    @Test
    void changeFailsWhenItsEntryCannotBeWritten() {
        String lock = "probe-" + UUID.randomUUID();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?, now(), now(), 'test')")
                    .param(lock).update();
            // A bare Object has nothing Jackson can write, so the entry cannot be recorded.
            events.publishEvent(Audited.created("probe", lock, null, new Object()));
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM shedlock WHERE name = ?").param(lock).query(Long.class).single())
                .isZero();
    }

    @Test
    void entryIsWrittenDirectlyAndNeverLeftToTheEventPublicationRegistry() {
        String id = UUID.randomUUID().toString();
        events.publishEvent(Audited.read("probe", id, null));
        assertThat(entriesFor(id)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE event_type = ?")
                .param(Audited.class.getName()).query(Long.class).single()).isZero();
    }

    @Test
    void readsFromManyThreadsAtOnceAreEachWrittenOnceInAnUnbrokenChain() throws Exception {
        // reads outside a transaction (searches, a person's page) from many threads at once, each writing its
        // entry beside the others while the sealer chains them: every one is written, once, and the chain holds
        String type = "probe-" + UUID.randomUUID();
        int threads = 8;
        int each = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                readers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        events.publishEvent(Audited.read(type, thread + "-" + i, null));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(count(type)).isEqualTo(threads * each);
        assertThat(jdbc.sql("SELECT count(DISTINCT record_id) FROM audit_entry WHERE record_type = ?").param(type)
                .query(Long.class).single()).isEqualTo(threads * each);
        jdbc.sql("SELECT audit_seal(true)").query(Long.class).single();
        assertThat(jdbc.sql("SELECT broken_seq FROM audit_verify()").query(Long.class).list()).isEmpty();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry e JOIN audit_seal s USING (seq) WHERE e.record_type = ?""")
                .param(type).query(Long.class).single()).as("every entry sealed into the chain").isEqualTo(threads * each);
    }

    private long count(String type) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = ?").param(type).query(Long.class).single();
    }

    @Test
    void databaseRefusesToChangeOrRemoveAnEntry() {
        long seq = lastSeq();
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET actor = 'someone else' WHERE seq = ?")
                .param(seq).update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry WHERE seq = ?").param(seq).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_entry").update()).rootCause()
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE seq = ? AND actor <> 'someone else'")
                .param(seq).query(Long.class).single()).isEqualTo(1);
    }

    private long entriesFor(String recordId) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'probe' AND record_id = ?")
                .param(recordId).query(Long.class).single();
    }

    private long lastSeq() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
    }
}
