package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person who left a grid stays on its records once it is retired, but is not made to live there again: its
 * retirement counted nobody living in it, and nobody would count him. The register's PUT and its page refuse it, naming
 * the grid and that it was retired, in the caller's language, with nothing changed and the page keeping what was typed;
 * moved in the same change to a grid in use, he comes back to live there.
 */
class PersonBackInRetiredGridIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    @Test
    void aPersonWhoLeftARetiredGridIsNotMadeToLiveThereAgainUnlessMovedToAGridInUse() throws Exception {
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        Community village = tree.village(tree.unit("320722010100"), "T-PB-", "回住村");
        Grid retired = tree.grid(village, null, "IT-PBR-", "已并回住网格");
        Grid inUse = tree.grid(village, null, "IT-PBU-", "在用回住网格");
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        String name = "回住" + TreeFixtures.unique();
        HttpResponse<String> registered = api.send("POST", "/api/v1/persons", chief, Map.of("gridId",
                retired.id().value().toString(), "name", name, "idNumber", TestIdentityNumbers.next(Sex.MALE), "sex",
                "MALE", "residence", "LEFT"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        UUID id = UUID.fromString(ApiClient.json(registered).get("id").asText());
        HttpResponse<String> retirement = api.send("POST", "/api/v1/grids/" + retired.id().value() + "/retirement",
                chief, null);
        assertThat(retirement.statusCode()).as("he left: nothing keeps the grid in use").isEqualTo(200);

        HttpResponse<String> zh = api.send("PUT", "/api/v1/persons/" + id, chief, Map.of("residence", "PERMANENT"));
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
        assertThat(messages(zh, "gridId")).containsExactly("网格“" + retired.name() + "”（" + retired.code()
                + "）已撤销：已离开的人员不能在其中恢复为常住或流动人口。请在同一次修改中把他改到现在居住的网格（或其中的一户），或保留“已离开”");
        HttpResponse<String> en = api.send("PUT", "/api/v1/persons/" + id, chief, Map.of("residence", "FLOATING",
                "registeredOn", java.time.LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE).minusDays(30).toString()), "Accept-Language", "en");
        assertThat(en.statusCode()).as(en.body()).isEqualTo(400);
        assertThat(messages(en, "gridId")).containsExactly("Grid " + retired.name() + " (" + retired.code()
                + ") was retired: a person who left it cannot live in it again as a permanent or floating resident. "
                + "Move him to the grid (or a household of the grid) he lives in now in the same change, or keep him "
                + "as \"Left\"");
        assertThat(stored(id)).containsEntry("residence", "LEFT").containsEntry("grid_id", retired.id().value());

        // the page: refused beside the form, what he typed still in it
        ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        String edit = page.get("/persons/" + id + "/edit", null).body();
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("name=\"version\" value=\"(\\d+)\"")
                .matcher(edit);
        assertThat(version.find()).as(edit).isTrue();
        // his grid is offered, marked retired and chosen: the form is not left without a grid of his
        assertThat(edit).containsPattern("<option value=\"" + retired.id().value() + "\"\\s+selected=\"selected\">"
                + retired.code() + " " + retired.name() + "（已撤销）</option>");
        HttpResponse<String> refused = page.form("/persons/" + id + "/edit", List.of(entry("gridId",
                retired.id().value().toString()), entry("name", name), entry("sex", "MALE"),
                entry("residence", "PERMANENT"), entry("occupation", "回乡木匠"), entry("version", version.group(1)),
                entry("_csrf", page.csrfFrom("/persons/" + id + "/edit"))));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("已撤销：已离开的人员不能在其中恢复为常住或流动人口")
                .contains("value=\"回乡木匠\"");
        assertThat(stored(id)).containsEntry("residence", "LEFT").containsEntry("occupation", null);

        // still left, he is kept and changed where he stands, on the page as by the API
        HttpResponse<String> kept = page.form("/persons/" + id + "/edit", List.of(entry("gridId",
                retired.id().value().toString()), entry("name", name), entry("sex", "MALE"), entry("residence", "LEFT"),
                entry("occupation", "木匠"), entry("version", version.group(1)),
                entry("_csrf", page.csrfFrom("/persons/" + id + "/edit"))));
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(302);
        assertThat(stored(id)).containsEntry("residence", "LEFT").containsEntry("grid_id", retired.id().value())
                .containsEntry("occupation", "木匠");
        // moved to a grid in use in the same change, he lives there
        HttpResponse<String> back = api.send("PUT", "/api/v1/persons/" + id, chief, Map.of("residence", "PERMANENT",
                "gridId", inUse.id().value().toString()));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(stored(id)).containsEntry("residence", "PERMANENT").containsEntry("grid_id", inUse.id().value())
                .containsEntry("occupation", "木匠");
    }

    static Map.Entry<String, String> entry(String name, String value) {
        return new AbstractMap.SimpleEntry<>(name, value);
    }

    static List<String> messages(HttpResponse<String> answer, String field) {
        List<String> found = new java.util.ArrayList<>();
        for (JsonNode e : ApiClient.json(answer).path("errors")) {
            if (field.equals(e.path("field").asText())) {
                found.add(e.path("message").asText());
            }
        }
        return found;
    }

    Map<String, Object> stored(UUID id) {
        return jdbc.sql("SELECT residence, grid_id, occupation FROM person WHERE id = ?").param(id).query()
                .singleRow();
    }
}
