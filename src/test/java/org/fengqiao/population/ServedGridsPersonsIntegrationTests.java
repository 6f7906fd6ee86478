package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.rows;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.support.Eventually;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A grid member who serves one grid placed at its central office (whose unit path is the office's) reads the persons
 * of that grid, not those of the office's other grids: the search (API and page), the person (API and page, 404
 * beyond) and the export alike. The community officer still reads both, and a read stays audited.
 */
class ServedGridsPersonsIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    /** A person registered by the officer in a grid; his id. */
    String registered(ApiClient api, String officer, Grid grid, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid.id().value().toString());
        body.put("name", name);
        body.put("idNumber", TestIdentityNumbers.next(Sex.MALE));
        body.put("sex", "MALE");
        body.put("residence", "PERMANENT");
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", officer, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.json(created).get("id").asText();
    }

    List<String> found(ApiClient api, String token, String q) {
        HttpResponse<String> page = api.get("/api/v1/persons?size=100&q=" + java.net.URLEncoder.encode(q,
                java.nio.charset.StandardCharsets.UTF_8), token);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        ApiClient.json(page).get("items").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    @Test
    void aGridMemberReadsThePersonsOfTheGridHeServesNotTheOfficesOthers() {
        ApiClient api = new ApiClient(port);
        GridsAtTheOffice fixture = twoGridsAtTheOffice("SP", "驻所人");
        String officer = api.token("officer", DEMO_PASSWORD);
        // a name is searched by its characters: the set-up's number in Chinese numerals
        String stem = "驻所居民" + fixture.n().chars().mapToObj(d -> String.valueOf("零一二三四五六七八九".charAt(d - '0')))
                .collect(java.util.stream.Collectors.joining());
        String mine = registered(api, officer, fixture.served(), stem + "甲");
        String theirs = registered(api, officer, fixture.other(), stem + "乙");
        Staff member = fixture.serving(directory, StaffRole.GRID_MEMBER, GridRole.MEMBER, "sp", "驻所人员");
        String token = api.token(member.username(), GridsAtTheOffice.PASSWORD);

        // the search by name and by grid, by API
        assertThat(found(api, token, stem)).containsExactly(stem + "甲");
        HttpResponse<String> otherGrid = api.get("/api/v1/persons?gridId=" + fixture.other().id().value(), token);
        assertThat(otherGrid.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(otherGrid).get("total").asLong()).isZero();
        // the person, by API and page: the other grid's is not found, and his own read is audited
        assertThat(api.get("/api/v1/persons/" + theirs, token).statusCode()).isEqualTo(404);
        HttpResponse<String> his = api.get("/api/v1/persons/" + mine, token);
        assertThat(his.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(his).get("idNumber").asText()).as("masked as before").contains("*");
        Eventually.await(() -> jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'person' AND record_id = ?""")
                .param(mine).query(Long.class).single() > 0 ? true : null, "his read audited");
        ApiClient pages = new ApiClient(port).signedIn(member.username(), GridsAtTheOffice.PASSWORD, null);
        assertThat(pages.get("/persons/" + theirs, null, "Accept", BROWSER).statusCode()).isEqualTo(404);
        assertThat(pages.get("/persons/" + mine, null, "Accept", BROWSER).statusCode()).isEqualTo(200);
        // the list page
        String listed = pages.get("/persons?q=" + java.net.URLEncoder.encode(stem, java.nio.charset.StandardCharsets.UTF_8),
                null, "Accept", BROWSER).body();
        assertThat(listed).contains(mine).doesNotContain(theirs);
        // the export, opened as the file it is
        HttpResponse<byte[]> export = api.download("/api/v1/persons/export.xlsx?q="
                + java.net.URLEncoder.encode(stem, java.nio.charset.StandardCharsets.UTF_8), token);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(rows(export).stream().flatMap(List::stream).toList()).contains(stem + "甲").doesNotContain(stem + "乙");

        // the community officer, who heads the office's grids, reads both
        assertThat(found(api, officer, stem)).containsExactlyInAnyOrder(stem + "甲", stem + "乙");
        assertThat(api.get("/api/v1/persons/" + theirs, officer).statusCode()).isEqualTo(200);
    }
}
