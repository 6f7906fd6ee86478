package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A demo database loaded before the grid manager had his sign-in: the demo start gives him {@code manager} with the
 * published password, once, audited as the demo's, and leaves a sign-in someone gave him as it is. The test takes the
 * sign-in from the demo's manager for its while and gives the row back as it was.
 */
class DemoManagerLoginIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoManagerLogin demoManagerLogin;

    /** Changes to the person in the trail (his sign-ins are there too, as SIGN_IN). */
    long changesOf(UUID staff) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'staff' AND action = 'UPDATE' AND record_id = ?")
                .param(staff.toString()).query(Long.class).single();
    }

    @Test
    void theGridManagerOfADemoLoadedBeforeHisSignInGetsItOnTheNextStartOnceAndSignsIn() {
        Map<String, Object> saved = jdbc.sql("""
                SELECT id, password_hash, password_changed_at FROM staff WHERE username = 'manager'""").query().singleRow();
        UUID id = (UUID) saved.get("id");
        try {
            // the demo as an earlier version loaded it: the same person, no sign-in
            jdbc.sql("UPDATE staff SET username = NULL, password_hash = NULL WHERE id = ?").param(id).update();
            long changes = changesOf(id);

            demoManagerLogin.prepare();

            assertThat(jdbc.sql("SELECT id FROM staff WHERE username = 'manager'").query(UUID.class).single())
                    .as("the same person, not a new one").isEqualTo(id);
            Map<String, Object> audit = jdbc.sql("""
                    SELECT actor, before ->> 'username' AS before, after ->> 'username' AS after, after::text AS snapshot
                    FROM audit_entry WHERE record_type = 'staff' AND action = 'UPDATE' AND record_id = ?
                    ORDER BY seq DESC LIMIT 1""").param(id.toString()).query().singleRow();
            assertThat(audit).containsEntry("actor", "demo").containsEntry("after", "manager");
            assertThat(audit.get("before")).isNull();
            ApiClient api = new ApiClient(port);
            JsonNode me = ApiClient.json(api.get("/api/v1/me", api.token("manager", DEMO_PASSWORD)));
            assertThat(me.path("staff").path("id").asText()).isEqualTo(id.toString());
            assertThat(me.path("staff").path("role").asText()).isEqualTo("AUXILIARY_POLICE");
            String hash = jdbc.sql("SELECT password_hash FROM staff WHERE id = ?").param(id).query(String.class).single();
            assertThat((String) audit.get("snapshot")).as("no password hash in the trail").doesNotContain(hash);

            // the next start finds him signing in: nothing written, nothing audited
            demoManagerLogin.prepare();
            assertThat(jdbc.sql("SELECT password_hash FROM staff WHERE id = ?").param(id).query(String.class).single())
                    .isEqualTo(hash);
            assertThat(changesOf(id)).as("audited once").isEqualTo(changes + 1);

            // a sign-in someone gave him stays his, and the demo's name is not given to anyone else
            jdbc.sql("UPDATE staff SET username = 'pengxueying' WHERE id = ?").param(id).update();
            demoManagerLogin.prepare();
            assertThat(jdbc.sql("SELECT username FROM staff WHERE id = ?").param(id).query(String.class).single())
                    .isEqualTo("pengxueying");
            assertThat(jdbc.sql("SELECT count(*) FROM staff WHERE username = 'manager'").query(Long.class).single()).isZero();
            assertThat(changesOf(id)).isEqualTo(changes + 1);
        } finally {
            jdbc.sql("UPDATE staff SET username = 'manager', password_hash = ?, password_changed_at = ? WHERE id = ?")
                    .params(saved.get("password_hash"), saved.get("password_changed_at"), id).update();
        }
    }
}
