package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** 一村一警、一警两员: who answers for a village, read and changed within the caller's scope only. */
class CommunityOfficersIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    private UUID community(String name) {
        return jdbc.sql("SELECT id FROM community WHERE name = ?").param(name).query(UUID.class).single();
    }

    private Map<String, Object> stored(UUID community) {
        return jdbc.sql("SELECT officer_id, patrol_member_id, security_member_id FROM community WHERE id = ?")
                .param(community).query().singleRow();
    }

    @Test
    void anOfficerSeesWhoAnswersForHisVillageAndNothingOfAnotherStation() {
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> wuchang = api.get("/api/v1/communities/" + community("吴场村") + "/officers", officer);
        assertThat(wuchang.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(wuchang).path("officer").path("name").asText()).isEqualTo("李建国");
        assertThat(ApiClient.json(wuchang).path("patrolMember").path("role").asText()).isEqualTo("AUXILIARY_POLICE");
        assertThat(ApiClient.json(wuchang).path("securityMember").path("role").asText()).isEqualTo("GRID_MEMBER");

        UUID heping = community("和平社区");
        assertThat(api.get("/api/v1/communities/" + heping + "/officers", officer).statusCode()).isEqualTo(404);
        Map<String, Object> before = stored(heping);
        String chief = api.token("chief", DEMO_PASSWORD);
        assertThat(api.send("PUT", "/api/v1/communities/" + heping + "/officers", chief, Map.of(
                "officerId", before.get("officer_id").toString(),
                "patrolMemberId", before.get("security_member_id").toString(),
                "securityMemberId", before.get("patrol_member_id").toString())).statusCode()).isEqualTo(404);
        assertThat(stored(heping)).isEqualTo(before);
    }

    @Test
    void theChiefNamesTheVillagesOfficerAndTwoMembersAndBadChoicesAreRefusedFieldByField() {
        UUID luwei = community("陆圩村");
        Map<String, Object> before = stored(luwei);
        String chief = api.token("chief", DEMO_PASSWORD);
        String volunteer = jdbc.sql("SELECT id FROM staff WHERE username = 'volunteer'").query(UUID.class).single().toString();
        String url = "/api/v1/communities/" + luwei + "/officers";

        HttpResponse<String> bad = api.send("PUT", url, chief, Map.of("officerId", volunteer,
                "patrolMemberId", before.get("patrol_member_id").toString(),
                "securityMemberId", before.get("patrol_member_id").toString()), "Accept-Language", "en");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(bad).path("errors").findValuesAsText("message")).containsExactly(
                "The responsible officer must be a community officer or the station chief",
                "The patrol member and the security member must be two different people");
        assertThat(stored(luwei)).isEqualTo(before);

        assertThat(api.send("PUT", url, api.token("officer", DEMO_PASSWORD), Map.of("officerId", volunteer,
                "patrolMemberId", volunteer, "securityMemberId", volunteer)).statusCode()).isEqualTo(403);

        try {
            HttpResponse<String> swapped = api.send("PUT", url, chief, Map.of(
                    "officerId", before.get("officer_id").toString(),
                    "patrolMemberId", before.get("security_member_id").toString(),
                    "securityMemberId", before.get("patrol_member_id").toString()));
            assertThat(swapped.statusCode()).isEqualTo(200);
            assertThat(stored(luwei).get("patrol_member_id")).isEqualTo(before.get("security_member_id"));
            assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'community' AND record_id = ? AND action = 'UPDATE' AND actor = 'chief'")
                    .param(luwei.toString()).query(Long.class).single()).isPositive();
        } finally {
            jdbc.sql("UPDATE community SET patrol_member_id = ?, security_member_id = ? WHERE id = ?")
                    .params(before.get("patrol_member_id"), before.get("security_member_id"), luwei).update();
        }
    }
}
