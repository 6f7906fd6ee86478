package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.fengqiao.account.ApiClient;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Disputes the 110 centre pushes together are filed in one transaction (group commit) and their mediation cases are
 * opened together, yet each as if pushed alone: its own case (a code of its own), the grid's chief on its team, its
 * caller as its party (phone encrypted and masked), its audit entry in the 110 centre's name, and its owner's inbox
 * entry read as the dispute goes to mediation, the grid chief's kept unread. A case that cannot be written fails its own
 * push only, as a push alone fails. The pushes are made to meet in one batch by {@link FiledTogether}.
 */
class IncidentDisputesBatchIntegrationTests extends IntegrationTest {

    static final String KEY = "demo-110-key";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    IncidentDesk desk;
    @Autowired
    PersonalDataCipher cipher;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    Map<String, Object> push(String description, String gridCode, String callerName, String callerPhone) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseNumber", "110-" + UUID.randomUUID());
        body.put("category", "DISPUTE");
        body.put("description", description);
        body.put("gridId", grid(gridCode));
        body.put("address", description + "号");
        if (callerName != null) {
            body.put("callerName", callerName);
        }
        if (callerPhone != null) {
            body.put("callerPhone", callerPhone);
        }
        return body;
    }

    /** Pushes the reports together (one batch of the group commit); answers them in order. */
    List<HttpResponse<String>> pushedTogether(List<Map<String, Object>> bodies) throws Exception {
        List<Callable<HttpResponse<String>>> pushes = new ArrayList<>();
        for (Map<String, Object> body : bodies) {
            pushes.add(() -> api.send("POST", "/api/v1/incidents/110", null, body, "X-Api-Key", KEY));
        }
        return new FiledTogether(dataSource, jdbc, desk).send(pushes);
    }

    @Test
    void disputesPushedTogetherEachOpenTheirOwnCaseWithTeamPartyAuditAndInbox() throws Exception {
        String tag = "成批调解-" + UUID.randomUUID();
        String[] grids = {"FS-4-01", "NS-2-01", "FS-1-05", "FS-4-01", "NS-2-01", "FS-1-05", "FS-4-02", "FS-4-03"};
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < grids.length; i++) {
            // named callers with and without a phone, a caller who gave only his phone, one who gave nothing
            String name = i % 4 == 3 ? null : "来电人" + i;
            String phone = i % 4 == 1 ? null : "1391234" + (5670 + i);
            bodies.add(push(tag + "-" + i, grids[i], name, phone));
        }
        List<HttpResponse<String>> answers = pushedTogether(bodies);

        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> a = answers.get(i);
            assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
            JsonNode d = ApiClient.json(a);
            assertThat(d.get("incident").get("description").asText()).isEqualTo(tag + "-" + i);
            assertThat(d.get("timeline").findValuesAsText("kind")).containsExactly("RECEIVED", "ROUTED", "MEDIATION");
            incidents.add(UUID.fromString(d.get("incident").get("id").asText()));
        }
        assertThat(jdbc.sql("SELECT count(DISTINCT xmin::text) FROM incident WHERE id = ANY(?)")
                .param(incidents.toArray(UUID[]::new)).query(Long.class).single())
                .as("pushes filed in the same transaction").isLessThan(grids.length);

        Set<String> codes = new HashSet<>();
        int informed = 0;
        for (int i = 0; i < incidents.size(); i++) {
            UUID incident = incidents.get(i);
            String as = "the case of push " + i;
            List<Map<String, Object>> cases = jdbc.sql("""
                    SELECT c.id, c.code, c.origin, c.kind, c.grid_id, c.summary, c.address, c.incident_code, c.status,
                           c.opened_by, c.opened_at, c.xmin::text = i.xmin::text AS with_incident, i.tracking_code,
                           i.grid_id AS incident_grid, i.created_at, i.owner_staff_id
                    FROM dispute_case c JOIN incident i ON i.id = c.incident_id WHERE c.incident_id = ?""")
                    .param(incident).query().listOfRows();
            assertThat(cases).as(as).hasSize(1);
            Map<String, Object> c = cases.get(0);
            UUID caseId = (UUID) c.get("id");
            assertThat((String) c.get("code")).as(as).matches("TJ[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}");
            codes.add((String) c.get("code"));
            assertThat(c.get("origin")).as(as).isEqualTo("CALL_110");
            assertThat(c.get("kind")).as(as).isEqualTo("OTHER");
            assertThat(c.get("status")).as(as).isEqualTo("OPEN");
            assertThat(c.get("grid_id")).as(as).isEqualTo(grid(grids[i])).isEqualTo(c.get("incident_grid"));
            assertThat(c.get("summary")).as(as).isEqualTo(tag + "-" + i);
            assertThat(c.get("address")).as(as).isEqualTo(tag + "-" + i + "号");
            assertThat(c.get("incident_code")).as(as).isEqualTo(c.get("tracking_code"));
            assertThat(c.get("opened_by")).as(as).isNull();
            assertThat(c.get("with_incident")).as(as + ": stored with its report").isEqualTo(true);

            // the team: the grid's chief as its officer
            List<Map<String, Object>> team = jdbc.sql("SELECT staff_id, role FROM dispute_team WHERE case_id = ?")
                    .param(caseId).query().listOfRows();
            assertThat(team).as(as + ": its team").hasSize(1);
            assertThat(team.get(0).get("role")).isEqualTo("OFFICER");
            assertThat(chiefs(grids[i])).as(as + ": its officer").contains((UUID) team.get(0).get("staff_id"));

            // the party: the caller when he gave his name, his phone encrypted and masked
            List<Map<String, Object>> parties = jdbc.sql("""
                    SELECT position, name, phone, phone_masked, person_id FROM dispute_party WHERE case_id = ?""")
                    .param(caseId).query().listOfRows();
            String name = (String) bodies.get(i).get("callerName");
            String phone = (String) bodies.get(i).get("callerPhone");
            if (name == null) {
                assertThat(parties).as(as + ": a caller without a name is no party").isEmpty();
            } else {
                assertThat(parties).as(as + ": its party").hasSize(1);
                Map<String, Object> p = parties.get(0);
                assertThat(p.get("position")).isEqualTo(1);
                assertThat(p.get("name")).isEqualTo(name);
                assertThat(p.get("person_id")).isNull();
                if (phone == null) {
                    assertThat(p.get("phone")).isNull();
                    assertThat(p.get("phone_masked")).isNull();
                } else {
                    byte[] stored = (byte[]) p.get("phone");
                    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(phone);
                    assertThat(cipher.decrypt(stored)).isEqualTo(phone);
                    assertThat(p.get("phone_masked")).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
                }
            }

            // the audit entry of the case, in the name of the 110 centre that pushed it, as its report's
            Map<String, Object> filed = jdbc.sql("""
                    SELECT actor, actor_role, remote_addr FROM audit_entry
                    WHERE record_type = 'incident' AND action = 'CREATE' AND record_id = ?""")
                    .param(incident.toString()).query().singleRow();
            List<Map<String, Object>> audited = jdbc.sql("""
                    SELECT actor, actor_role, remote_addr, after ->> 'code' AS code, after -> 'parties' ->> 0 AS party,
                           after -> 'team' ->> 0 AS officer FROM audit_entry
                    WHERE record_type = 'dispute' AND action = 'CREATE' AND record_id = ?""")
                    .param(caseId.toString()).query().listOfRows();
            assertThat(audited).as(as + ": its audit entry").hasSize(1);
            Map<String, Object> entry = audited.get(0);
            assertThat(entry.get("actor")).as(as).isEqualTo(filed.get("actor")).asString().startsWith("110:");
            assertThat(entry.get("actor_role")).as(as).isEqualTo("CALL_CENTRE_110");
            assertThat(entry.get("remote_addr")).as(as).isEqualTo(filed.get("remote_addr"));
            assertThat(entry.get("code")).as(as).isEqualTo(c.get("code"));
            assertThat(entry.get("party")).as(as).isEqualTo(name == null ? null
                    : name + " " + (phone == null ? "" : phone.substring(0, 3) + "****" + phone.substring(7)));
            assertThat((String) entry.get("officer")).as(as).endsWith(":OFFICER");

            // the inbox: the owner (the grid's manager) was asked to handle it and, as it went to mediation at once,
            // his entry is read at the filing's moment; the grid chief's, kept for his information, waits unread
            List<Map<String, Object>> inbox = jdbc.sql("""
                    SELECT recipient_id, kind, created_at, read_at FROM inbox_entry WHERE record_id = ? ORDER BY kind""")
                    .param(incident).query().listOfRows();
            Object at = c.get("created_at");
            assertThat(inbox).as(as + ": the owner's entry").filteredOn(e -> "INCIDENT_ASSIGNED".equals(e.get("kind")))
                    .containsExactly(Map.of("recipient_id", c.get("owner_staff_id"), "kind", "INCIDENT_ASSIGNED",
                            "created_at", at, "read_at", at));
            assertThat(inbox).as(as + ": the others kept informed, unread")
                    .filteredOn(e -> !"INCIDENT_ASSIGNED".equals(e.get("kind")))
                    .allSatisfy(e -> {
                        assertThat(e.get("kind")).isEqualTo("INCIDENT_INFORMED");
                        assertThat(e.get("read_at")).isNull();
                        assertThat(e.get("recipient_id")).isNotEqualTo(c.get("owner_staff_id"));
                    });
            informed += inbox.size() - 1;
        }
        assertThat(codes).as("a code of its own for each case").hasSize(grids.length);
        assertThat(informed).as("grid chiefs kept informed of what their managers handle").isPositive();
    }

    /**
     * A case the database refuses (a constraint: a trigger of the test's refuses one summary) fails the whole batch's
     * transaction, as its insert did when each case was written at its event; the group commit then writes each push
     * alone, so the others are filed with their cases and the refused push alone fails, nothing of it stored, answered
     * as the same push is answered when it comes alone.
     */
    @Test
    void aDisputeWhoseCaseIsRefusedFailsItsOwnPushOnlyAndAsItWouldAlone() throws Exception {
        String tag = "成批拒绝-" + UUID.randomUUID();
        String refused = tag + "-拒";
        jdbc.sql("""
                CREATE FUNCTION test_refused_dispute_case() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.summary = '%s' THEN
                        RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(refused)).update();
        try {
            jdbc.sql("""
                    CREATE TRIGGER test_refused_dispute_case BEFORE INSERT ON dispute_case
                    FOR EACH ROW EXECUTE FUNCTION test_refused_dispute_case()""").update();
            List<Map<String, Object>> bodies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                bodies.add(push(i == 4 ? refused : tag + "-" + i, i % 2 == 0 ? "FS-4-01" : "NS-2-01", "来电人" + i,
                        "1391234" + (5670 + i)));
            }
            List<HttpResponse<String>> answers = pushedTogether(bodies);
            Map<String, Object> alone = new HashMap<>(bodies.get(4));
            alone.put("caseNumber", "110-" + UUID.randomUUID());
            HttpResponse<String> pushedAlone = api.send("POST", "/api/v1/incidents/110", null, alone, "X-Api-Key", KEY);

            for (int i = 0; i < answers.size(); i++) {
                if (i == 4) {
                    continue;
                }
                assertThat(answers.get(i).statusCode()).as(answers.get(i).body()).isEqualTo(201);
                assertThat(jdbc.sql("""
                        SELECT count(*) FROM dispute_case c JOIN incident i ON i.id = c.incident_id
                        JOIN dispute_party p ON p.case_id = c.id JOIN dispute_team t ON t.case_id = c.id
                        WHERE i.description = ? AND c.summary = i.description""")
                        .param(tag + "-" + i).query(Long.class).single()).as("push %d filed with its case", i).isEqualTo(1);
            }
            HttpResponse<String> inBatch = answers.get(4);
            assertThat(inBatch.statusCode()).as(inBatch.body()).isGreaterThanOrEqualTo(400)
                    .isEqualTo(pushedAlone.statusCode());
            assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(refused).query(Long.class)
                    .single()).as("nothing of the refused push stored").isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM dispute_case WHERE summary = ?").param(refused).query(Long.class)
                    .single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE external_ref = ANY(?)")
                    .param(new String[] {(String) bodies.get(4).get("caseNumber"), (String) alone.get("caseNumber")})
                    .query(Long.class).single()).isZero();
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS test_refused_dispute_case ON dispute_case").update();
            jdbc.sql("DROP FUNCTION IF EXISTS test_refused_dispute_case()").update();
        }
    }

    /** The grid's chiefs, as its roster has them (today or ever: the roster may change under other tests). */
    List<UUID> chiefs(String gridCode) {
        return jdbc.sql("SELECT staff_id FROM grid_role WHERE grid_id = ? AND role = 'GRID_CHIEF'")
                .param(grid(gridCode)).query(UUID.class).list();
    }
}
