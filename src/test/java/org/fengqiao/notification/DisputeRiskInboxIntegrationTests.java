package org.fengqiao.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.MediationLoader;
import org.fengqiao.mediation.TeamRole;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 民转刑: the moment a dispute is flagged at risk of turning violent, the chief of the station above the case's grid
 * finds it in his inbox with a link to the case; the chief of another station does not.
 */
class DisputeRiskInboxIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MediationLoader mediation;

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    /** The station chief(s) of the station of a demo officer. */
    List<UUID> chiefsAbove(String officerUsername) {
        return jdbc.sql("""
                SELECT c.id FROM staff o JOIN unit ou ON ou.id = o.unit_id
                JOIN unit st ON st.kind = 'STATION' AND ou.path LIKE st.path || '%'
                JOIN staff c ON c.unit_id = st.id AND c.role = 'STATION_CHIEF' AND c.active
                WHERE o.username = ?""").param(officerUsername).query(UUID.class).list();
    }

    List<UUID> recipients(UUID caseId) {
        return jdbc.sql("SELECT recipient_id FROM inbox_entry WHERE kind = 'DISPUTE_AT_RISK' AND record_id = ?")
                .param(caseId).query(UUID.class).list();
    }

    UUID openCase(String gridCode, String officerUsername, String summary) {
        return mediation.open(DisputeOrigin.PATROL, DisputeKind.NEIGHBOURS, grid(gridCode), summary, null,
                List.<String[]>of(new String[] {"甲", null}, new String[] {"乙", null}),
                Map.of(staff(officerUsername), TeamRole.OFFICER), "test");
    }

    @Test
    void theStationChiefAboveTheGridHearsOfADisputeAtRiskAtOnceAndAnotherStationsChiefDoesNot() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        UUID rural = openCase("FS-1-03", "officer", "风险通知甲" + n);
        UUID other = openCase("NS-1-01", "officer2", "风险通知乙" + n);
        assertThat(recipients(rural)).as("nothing before the flag").isEmpty();

        mediation.flagRisk(rural, "扬言动刀", "test");
        mediation.flagRisk(other, "扬言报复", "test");

        UUID chief = staff("chief");
        List<UUID> otherChiefs = chiefsAbove("officer2");
        assertThat(chiefsAbove("officer")).contains(chief);
        assertThat(otherChiefs).isNotEmpty().doesNotContain(chief);
        assertThat(recipients(rural)).as("the rural station's chief, and he alone").containsExactly(chief);
        assertThat(recipients(other)).as("officer2's station chief(s), not the rural one")
                .containsExactlyInAnyOrderElementsOf(otherChiefs);

        ApiClient api = new ApiClient(port);
        String token = api.token("chief", DEMO_PASSWORD);
        JsonNode inbox = ApiClient.json(api.get("/api/v1/inbox?size=100", token));
        JsonNode entry = null;
        for (JsonNode e : inbox.get("items")) {
            assertThat(e.get("recordId").asText()).as("no entry of officer2's station").isNotEqualTo(other.toString());
            if (e.get("recordId").asText().equals(rural.toString())) {
                entry = e;
            }
        }
        assertThat(entry).as("the chief's inbox holds the case").isNotNull();
        assertThat(entry.get("kind").asText()).isEqualTo("DISPUTE_AT_RISK");
        assertThat(entry.get("link").asText()).isEqualTo("/mediation/" + rural);
        assertThat(entry.get("unread").asBoolean()).isTrue();
        assertThat(entry.get("reason").asText()).isEqualTo("扬言动刀");
        String code = jdbc.sql("SELECT code FROM dispute_case WHERE id = ?").param(rural).query(String.class).single();
        assertThat(entry.get("title").asText()).contains(code).contains("民转刑");
        assertThat(api.get("/mediation/" + rural, token).statusCode()).as("the link opens the case for him").isEqualTo(200);
        assertThat(api.get("/inbox", token).body()).contains("纠纷 " + code + " 有民转刑风险").contains("扬言动刀")
                .contains("data-record=\"" + rural + "\"");
        assertThat(api.get("/inbox", token, "Accept-Language", "en").body())
                .contains("Dispute " + code + " is at risk of turning violent");
    }
}
