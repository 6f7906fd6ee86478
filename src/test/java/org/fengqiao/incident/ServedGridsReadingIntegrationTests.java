package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.firstColumn;
import static org.fengqiao.support.Workbooks.rows;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Those who serve a grid placed at its central office (whose unit path is the office's) read the items of the grid
 * they serve, the items they own and the reports they filed, not every item of the office: the list (API and page),
 * the item (API and page, 404 beyond), the ledger and the inbox alike. The community officer still reads them all.
 */
class ServedGridsReadingIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    static final String PASSWORD = GridsAtTheOffice.PASSWORD;

    ApiClient api;
    String n;
    Unit office;
    Grid served;
    Grid other;
    String officerToken;
    GridsAtTheOffice fixture;

    @BeforeEach
    void twoGridsAtTheOffice() {
        api = new ApiClient(port);
        fixture = twoGridsAtTheOffice("SR", "驻所读");
        n = fixture.n();
        office = fixture.office();
        served = fixture.served();
        other = fixture.other();
        officerToken = api.token("officer", DEMO_PASSWORD);
    }

    Staff serving(StaffRole role, GridRole as) {
        return fixture.serving(directory, role, as, "sr", "驻所读者");
    }

    /** An item the officer files in a grid: its id and tracking code. */
    String[] filed(Grid grid, String category, String what) {
        Map<String, Object> body = new HashMap<>();
        body.put("source", "FIELD");
        body.put("category", category);
        body.put("description", what + n);
        body.put("address", "村道旁");
        body.put("gridId", grid.id().value());
        if ("DEPARTMENT".equals(category)) {
            body.put("department", "城管");
        }
        HttpResponse<String> sent = api.send("POST", "/api/v1/incidents", officerToken, body);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        JsonNode incident = ApiClient.json(sent).get("incident");
        return new String[] {incident.get("id").asText(), incident.get("trackingCode").asText()};
    }

    List<String> listed(String token) {
        HttpResponse<String> list = api.get("/api/v1/incidents?gridId=%s&size=100".formatted(served.id().value()), token);
        List<String> codes = new ArrayList<>();
        ApiClient.json(list).get("items").forEach(i -> codes.add(i.get("trackingCode").asText()));
        HttpResponse<String> others = api.get("/api/v1/incidents?gridId=%s&size=100".formatted(other.id().value()), token);
        assertThat(others.statusCode()).as(others.body()).isEqualTo(200);
        ApiClient.json(others).get("items").forEach(i -> codes.add(i.get("trackingCode").asText()));
        return codes;
    }

    void entry(Staff recipient, String[] item) {
        jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject, created_at)
                VALUES (?, ?, 'INCIDENT_ASSIGNED', 'incident', ?, ?, ?, ?, now())""")
                .params(UUID.randomUUID(), recipient.id().value(), UUID.fromString(item[0]), "/incidents/" + item[0],
                        office.path(), item[1]).update();
    }

    List<String> inbox(String token) {
        HttpResponse<String> got = api.get("/api/v1/inbox?size=100", token);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        List<String> records = new ArrayList<>();
        ApiClient.json(got).get("items").forEach(e -> records.add(e.get("recordId").asText()));
        return records;
    }

    void readsHisGridsHisOwnAndHisReportsOnly(StaffRole role, GridRole as) {
        Staff staff = serving(role, as);
        String[] mine = filed(served, "HELP", "本格求助-");
        String[] theirs = filed(other, "HELP", "别格求助-");
        String[] owned = filed(other, "DEPARTMENT", "别格他办-");
        String[] reported = filed(other, "HELP", "别格他报-");
        // an item of the other grid still his to handle, and a report he filed there when he served it
        jdbc.sql("UPDATE incident SET owner_staff_id = ? WHERE id = ?").params(staff.id().value(),
                UUID.fromString(owned[0])).update();
        jdbc.sql("UPDATE incident SET created_by = ? WHERE id = ?").params(staff.id().value(),
                UUID.fromString(reported[0])).update();
        String token = api.token(staff.username(), PASSWORD);

        // the list, by API
        assertThat(listed(token)).contains(mine[1], owned[1], reported[1]).doesNotContain(theirs[1]);
        // the item, by API and page
        assertThat(api.get("/api/v1/incidents/" + theirs[0], token).statusCode()).isEqualTo(404);
        for (String[] reached : List.of(mine, owned, reported)) {
            assertThat(api.get("/api/v1/incidents/" + reached[0], token).statusCode()).isEqualTo(200);
        }
        ApiClient pages = new ApiClient(port).signedIn(staff.username(), PASSWORD, null);
        assertThat(pages.get("/incidents/" + theirs[0], null, "Accept", BROWSER).statusCode()).isEqualTo(404);
        assertThat(pages.get("/incidents/" + mine[0], null, "Accept", BROWSER).statusCode()).isEqualTo(200);
        // the list page: his few items on its first page (rows by the item's id)
        assertThat(pages.get("/incidents?show=all", null, "Accept", BROWSER).body()).contains(mine[0], owned[0],
                reported[0]).doesNotContain(theirs[0]);
        // the ledger, opened as the file it is
        HttpResponse<byte[]> ledger = api.download("/api/v1/incidents/export", token);
        assertThat(ledger.statusCode()).isEqualTo(200);
        assertThat(firstColumn(rows(ledger))).contains(mine[1], owned[1], reported[1]).doesNotContain(theirs[1]);
        // the inbox: an entry about an item beyond his reach is neither listed nor counted
        entry(staff, mine);
        entry(staff, theirs);
        assertThat(inbox(token)).contains(mine[0]).doesNotContain(theirs[0]);
        assertThat(ApiClient.json(api.get("/api/v1/inbox", token)).get("unread").asLong()).as("nor counted")
                .isEqualTo(inbox(token).size());

        // the community officer, who heads the office's grids, reads them all
        assertThat(listed(officerToken)).contains(mine[1], theirs[1], owned[1], reported[1]);
        assertThat(api.get("/api/v1/incidents/" + theirs[0], officerToken).statusCode()).isEqualTo(200);
    }

    /**
     * The list page takes one grid as the API's list does (its query string's gridId), offering the grids the reader
     * reads: a grid beyond them lists nothing. The ledger's link keeps the grid.
     */
    @Test
    void theListPageShowsOneGridOfThoseTheReaderReads() {
        Staff member = serving(StaffRole.GRID_MEMBER, GridRole.MEMBER);
        String[] mine = filed(served, "HELP", "本格筛选-");
        String[] theirs = filed(other, "HELP", "别格筛选-");
        String otherId = other.id().value().toString();
        String servedId = served.id().value().toString();

        ApiClient officer = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String otherGrid = officer.get("/incidents?show=all&gridId=" + otherId, null, "Accept", BROWSER).body();
        assertThat(otherGrid).contains(theirs[0]).doesNotContain(mine[0]).contains("gridId=" + otherId);
        assertThat(otherGrid).as("the grid chosen in the filter").containsPattern(
                "<option value=\"" + otherId + "\"\\s+selected");
        // the page's ledger link keeps the grid, and the file holds that grid's items only
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"export-xlsx\"[^>]*href=\"([^\"]*)\"")
                .matcher(otherGrid);
        assertThat(link.find()).as("the export link").isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(href).contains("gridId=" + otherId);
        assertThat(firstColumn(rows(officer.download(href, null, "Accept", BROWSER)))).contains(theirs[1])
                .doesNotContain(mine[1]);

        ApiClient pages = new ApiClient(port).signedIn(member.username(), PASSWORD, null);
        assertThat(pages.get("/incidents?show=all", null, "Accept", BROWSER).body()).as("the grids offered")
                .contains("value=\"" + servedId + "\"").doesNotContain("value=\"" + otherId + "\"");
        assertThat(pages.get("/incidents?show=all&gridId=" + servedId, null, "Accept", BROWSER).body()).contains(mine[0]);
        assertThat(pages.get("/incidents?show=all&gridId=" + otherId, null, "Accept", BROWSER).body())
                .doesNotContain(theirs[0]).contains("没有符合条件的事项");
    }

    @Test
    void aGridMemberReadsTheGridHeServesNotTheOfficesOthers() {
        readsHisGridsHisOwnAndHisReportsOnly(StaffRole.GRID_MEMBER, GridRole.MEMBER);
    }

    @Test
    void aCoordinatorReadsTheGridHeServesAndWhatHeOwns() {
        readsHisGridsHisOwnAndHisReportsOnly(StaffRole.GRID_COORDINATOR, GridRole.COORDINATOR);
    }

    @Test
    void aVolunteerReadsTheGridHeServesNotTheOfficesOthers() {
        readsHisGridsHisOwnAndHisReportsOnly(StaffRole.VOLUNTEER, GridRole.MEMBER);
    }
}
