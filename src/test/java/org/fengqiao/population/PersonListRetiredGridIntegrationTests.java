package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.rows;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
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
 * A grid retired once nobody lived in it keeps on its records those who left it. The persons list filters by grid, and
 * its filter offers the retired grids too, marked so in the reader's language, so an officer lists who is still
 * recorded there (and exports them); a grid in use is listed as before.
 */
class PersonListRetiredGridIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    String registered(ApiClient api, String token, Grid grid, String name, String residence) {
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", token, Map.of("gridId",
                grid.id().value().toString(), "name", name, "idNumber", TestIdentityNumbers.next(Sex.MALE), "sex",
                "MALE", "residence", residence));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.json(created).get("id").asText();
    }

    @Test
    void theOfficerListsWhoIsStillRecordedInARetiredGridChosenFromTheFilterMarkedRetired() {
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        Community village = tree.village(tree.unit("320722010100"), "T-PL-", "撤格名单村");
        Grid retired = tree.grid(village, null, "IT-PLR-", "已撤名单网格");
        Grid inUse = tree.grid(village, null, "IT-PLU-", "在用名单网格");
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        String left = registered(api, chief, retired, "撤格迁出" + TreeFixtures.unique(), "LEFT");
        String living = registered(api, chief, inUse, "撤格在住" + TreeFixtures.unique(), "PERMANENT");
        HttpResponse<String> retirement = api.send("POST", "/api/v1/grids/" + retired.id().value() + "/retirement",
                chief, null);
        assertThat(retirement.statusCode()).as(retirement.body()).isEqualTo(200);

        String list = "/persons?gridId=" + retired.id().value();
        for (Map.Entry<String, String> language : List.of(Map.entry("zh-CN", "（已撤销）"), Map.entry("en", " (retired)"))) {
            ApiClient officer = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, language.getKey());
            String page = officer.get(list, null).body();
            assertThat(page).as(language.getKey()).containsPattern("<option value=\"" + retired.id().value()
                    + "\"\\s+selected=\"selected\">" + retired.code() + " " + retired.name()
                    + java.util.regex.Pattern.quote(language.getValue()) + "</option>");
            assertThat(page).contains("<option value=\"" + inUse.id().value() + "\">" + inUse.code() + " "
                    + inUse.name() + "</option>");
            assertThat(page).contains("/persons/" + left).doesNotContain("/persons/" + living);
            // the export of the list reads the same grid
            assertThat(page).contains("gridId=" + retired.id().value());
        }
        ApiClient officer = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        assertThat(officer.get("/persons?gridId=" + inUse.id().value(), null).body())
                .contains("/persons/" + living).doesNotContain("/persons/" + left);
        HttpResponse<byte[]> export = officer.download("/persons/export.xlsx?gridId=" + retired.id().value(), null);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(rows(export).stream().flatMap(List::stream).toList()).contains(left)
                .doesNotContain(living);
    }
}
