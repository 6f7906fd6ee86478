package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API key page: a station chief and the bureau list, create (shown once) and revoke the keys of their
 * units; a key of another station answers 404; those without INCIDENT_API_KEYS are refused.
 */
class ApiKeyPagesIntegrationTests extends IntegrationTest {

    private static final Pattern NEW_KEY = Pattern.compile("id=\"new-key\">([^<]+)<");

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    JdbcClient jdbc;

    ApiClient signedIn(String username) {
        ApiClient c = new ApiClient(port);
        assertThat(c.formLogin(username, DEMO_PASSWORD).statusCode()).isEqualTo(302);
        return c;
    }

    /** Creates a key on the page and answers it as the page after the redirect shows it. */
    String create(ApiClient c, Unit unit, String name, String purpose) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("unitId", unit.id().value().toString());
        form.put("name", name);
        form.put("purpose", purpose);
        form.put("_csrf", c.csrfFrom("/incidents/api-keys"));
        HttpResponse<String> posted = c.form("/incidents/api-keys", form);
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith("/incidents/api-keys");
        Matcher m = NEW_KEY.matcher(c.get("/incidents/api-keys", null).body());
        return m.find() ? m.group(1) : null;
    }

    UUID keyId(String name) {
        return jdbc.sql("SELECT id FROM incident_api_key WHERE name = ?").param(name).query(UUID.class).single();
    }

    HttpResponse<String> revoke(ApiClient c, UUID id) {
        return c.form("/incidents/api-keys/" + id + "/revoke", Map.of("_csrf", c.csrfFrom("/incidents/api-keys")));
    }

    @Test
    void aKeyRefusedForAMissingNameSaysWhichFieldInBothLanguagesAndKeepsWhatWasChosen() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        ApiClient chief = signedIn("chief");
        long before = jdbc.sql("SELECT count(*) FROM incident_api_key").query(Long.class).single();
        for (String[] language : new String[][] {{"zh-CN", "<li>名称：必填</li>"}, {"en", "<li>Name: Required</li>"}}) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("unitId", office.id().value().toString());
            form.put("name", " ");
            form.put("purpose", "OPEN311");
            form.put("_csrf", chief.csrfFrom("/incidents/api-keys"));
            // the language as the page's switch chooses it (signing in set the profile's, Chinese, in a cookie)
            assertThat(chief.form("/incidents/api-keys?lang=" + language[0], form).statusCode()).isEqualTo(302);
            String page = chief.get("/incidents/api-keys", null).body();
            assertThat(page).as(language[0]).contains(language[1]);
            assertThat(page).containsPattern("value=\"" + office.id().value() + "\"[^>]*selected")
                    .containsPattern("value=\"OPEN311\"[^>]*selected");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM incident_api_key").query(Long.class).single()).isEqualTo(before);
    }

    HttpResponse<String> open311(String key) {
        return new Open311Client(port).post("requests.json", new Open311Client.Form().add("api_key", key)
                .add("service_code", "HELP").add("address_id", UUID.randomUUID().toString()).add("description", "x"));
    }

    @Test
    void aChiefCreatesAKeySeenOnceUsesItAndRevokesItAudited() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String name = "测试客户端-" + UUID.randomUUID();
        ApiClient chief = signedIn("chief");
        String key = create(chief, office, name, "OPEN311");
        assertThat(key).startsWith("fq_");
        String again = chief.get("/incidents/api-keys", null).body();
        assertThat(again).contains(name).doesNotContain(key).doesNotContain("id=\"new-key\"");
        UUID id = keyId(name);
        assertThat(jdbc.sql("SELECT purpose FROM incident_api_key WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("OPEN311");
        assertThat(jdbc.sql("SELECT count(*) FROM incident_api_key WHERE key_hash = ?").param(key).query(Long.class).single())
                .as("only the hash is kept").isZero();
        // the key opens the Open311 door: past the key check, the unknown address is what is refused
        assertThat(open311(key).statusCode()).isEqualTo(400);

        assertThat(revoke(chief, id).statusCode()).isEqualTo(302);
        assertThat(chief.get("/incidents/api-keys", null).body()).contains("已吊销").contains(name);
        assertThat(open311(key).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE record_type = 'incident_api_key' AND record_id = ? ORDER BY seq")
                .param(id.toString()).query(String.class).list()).containsExactly("CREATE", "UPDATE");
    }

    @Test
    void aKeyOfAnotherStationIsNotFoundAndTheBureauSeesAll() {
        Unit rural = jurisdictions.unitByCode("320722010000").orElseThrow();
        Unit urban = jurisdictions.unitByCode("320722020000").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        staff.register(urban.id(), StaffRole.STATION_CHIEF, "城区所长" + n, null, null, "所长", "chief2x" + n, DEMO_PASSWORD);

        ApiClient chief = signedIn("chief");
        ApiClient chief2 = signedIn("chief2x" + n);
        String ruralName = "房山密钥-" + n;
        String urbanName = "牛山密钥-" + n;
        assertThat(create(chief, rural, ruralName, "CALL_110")).isNotNull();
        assertThat(create(chief2, urban, urbanName, "OPEN311")).isNotNull();

        assertThat(chief.get("/incidents/api-keys", null).body()).contains(ruralName).doesNotContain(urbanName)
                .doesNotContain("110指挥中心（演示）");
        assertThat(chief2.get("/incidents/api-keys", null).body()).contains(urbanName).doesNotContain(ruralName);
        assertThat(revoke(chief, keyId(urbanName)).statusCode()).isEqualTo(404);
        assertThat(revoke(chief2, keyId(ruralName)).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM incident_api_key WHERE name IN (?, ?) AND revoked_at IS NOT NULL")
                .params(ruralName, urbanName).query(Long.class).single()).isZero();
        assertThat(revoke(chief, UUID.randomUUID()).statusCode()).isEqualTo(404);

        // a key cannot be made for a unit outside one's scope
        assertThat(create(chief, urban, "越权-" + n, "OPEN311")).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM incident_api_key WHERE name = ?").param("越权-" + n).query(Long.class)
                .single()).isZero();

        ApiClient bureau = signedIn("bureau");
        assertThat(bureau.get("/incidents/api-keys", null).body()).contains(ruralName, urbanName, "110指挥中心（演示）",
                "Open311客户端（演示）");
        assertThat(revoke(bureau, keyId(urbanName)).statusCode()).isEqualTo(302);
    }

    @Test
    void theUnitsAKeyMayBeForAreTheOfficesInTreeOrderNotTheWorkPointsOfSingleGrids() {
        String page = signedIn("chief").get("/incidents/api-keys", null).body();
        String choices = page.substring(page.indexOf("name=\"unitId\""), page.indexOf("</select>", page.indexOf("name=\"unitId\"")));
        assertThat(choices).contains("房山派出所", "房山中心警务室").doesNotContain("网格警务工作点");
        assertThat(choices.indexOf("房山派出所")).as("the station before its central office").isLessThan(choices.indexOf("房山中心警务室"));
    }

    @Test
    void thoseWithoutThePermissionAreRefused() {
        ApiClient officer = signedIn("officer");
        assertThat(officer.get("/incidents/api-keys", null).statusCode()).isEqualTo(403);
        assertThat(officer.get("/incidents", null).body()).doesNotContain("/incidents/api-keys");
        ApiClient officer2 = signedIn("officer2");
        assertThat(officer2.get("/incidents/api-keys", null).statusCode()).isEqualTo(403);
        ApiClient chief = signedIn("chief");
        assertThat(chief.get("/incidents", null).body()).contains("/incidents/api-keys");
    }
}
