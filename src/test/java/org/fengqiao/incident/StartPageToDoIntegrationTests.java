package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.incident.IncidentPagesIntegrationTests.text;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The start page is a grid manager's first screen on his phone: it says how many items wait for him and how many of
 * them are past their deadline, and leads to that list; it says how many verification tasks wait in the officer's
 * jurisdiction. Roles that handle no items see no such tile; the inspector, who only reads them, is told how many of
 * his jurisdiction are open and late.
 */
class StartPageToDoIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.fengqiao.incident.internal.Incidents incidents;

    String n;
    Grid grid;
    String manager;

    @BeforeEach
    void aGridWithItsManager() {
        ManagedGrid g = ManagedGrid.create(jurisdictions, staff, "S", "首页", 33);
        n = g.n();
        grid = g.grid();
        manager = g.manager();
    }

    UUID help(String what) {
        return desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, what + n, null, null, null, "首页村口",
                grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
    }

    static String home(ApiClient c) {
        HttpResponse<String> r = c.get("/", null, "Accept", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static String href(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\" href=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void theManagersItemsAndThoseOverdueAreCountedOnHisStartPageAndLeadToHisList() {
        ApiClient c = new ApiClient(port).signedIn(manager, DEMO_PASSWORD, null);
        String before = home(c);
        assertThat(text(before, "my-open-items")).isEqualTo("暂无我的待办，查看辖区未办结事项");
        assertThat(href(before, "tile-incidents")).isEqualTo("/incidents");

        UUID first = help("首页求助");
        help("首页求助二");
        UUID answered = help("首页已答复");
        jdbc.sql("UPDATE incident SET due_at = now() - interval '1 minute' WHERE id = ?").param(first).update();
        Submitter who = Submitter.system("test");
        desk.acknowledge(answered, who);
        desk.resolve(answered, "已到场处理", who);
        desk.answer(answered, "已答复求助人", who);

        String after = home(c);
        assertThat(text(after, "my-open-items")).isEqualTo("我的待办 2 件，其中已超时 1 件");
        assertThat(href(after, "tile-incidents")).isEqualTo("/incidents?show=mine");
        assertThat(c.get("/incidents?show=mine", null, "Accept", "text/html").body()).contains("首页求助" + n)
                .contains("首页求助二" + n).doesNotContain("首页已答复" + n);

        ApiClient english = new ApiClient(port).signedIn(manager, DEMO_PASSWORD, "en");
        assertThat(text(home(english), "my-open-items")).isEqualTo("My items: 2, 1 of them overdue");
    }

    /**
     * An item left untaken past its level's time moves up (the demo's items do as it starts): it is then the next
     * level's, its duty person's to handle, no longer the grid manager's. So the manager's start page counts it no more,
     * and the station chief's, whose station the office's items go up to, counts it and leads to his list that holds it.
     */
    @Test
    void anItemMovedUpPastItsDeadlineIsCountedOnTheStationChiefsStartPageAndNoLongerOnTheManagers() {
        ApiClient c = new ApiClient(port).signedIn(manager, DEMO_PASSWORD, null);
        UUID item = help("首页上移");
        assertThat(text(home(c), "my-open-items")).isEqualTo("我的待办 1 件，其中已超时 0 件");

        // the central office has 30 minutes to take it up; past them the sweep moves it to the station
        org.fengqiao.support.MovableClock later = new org.fengqiao.support.MovableClock(
                java.time.Instant.now().plus(java.time.Duration.ofMinutes(31)), java.time.ZoneOffset.UTC);
        assertThat(new org.fengqiao.incident.internal.EscalationSweep(incidents, desk, later).sweep(grid.id().value()))
                .isEqualTo(1);
        UUID chief = jdbc.sql("SELECT id FROM staff WHERE username = 'chief'").query(UUID.class).single();
        assertThat(incidents.find(item).orElseThrow().ownerStaffId()).as("the station's duty person").isEqualTo(chief);

        assertThat(text(home(c), "my-open-items")).isEqualTo("暂无我的待办，查看辖区未办结事项");
        ApiClient station = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        String page = home(station);
        assertThat(text(page, "my-open-items")).startsWith("我的待办 ");
        assertThat(href(page, "tile-incidents")).isEqualTo("/incidents?show=mine");
        // his list holds it (among the suite's other items of his, shown by its grid)
        assertThat(station.get("/incidents?show=mine&gridId=" + grid.id().value(), null, "Accept", "text/html").body())
                .contains("首页上移" + n);
    }

    @Test
    void theVolunteerWhoOwnsNoItemsIsShownHerOwnReportsAndHowManyAreStillBeingHandled() {
        UUID hers = jdbc.sql("""
                SELECT r.grid_id FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE s.username = 'volunteer' AND r.ended_on IS NULL ORDER BY r.grid_id LIMIT 1""").query(UUID.class).single();
        ApiClient api = new ApiClient(port);
        var filed = api.send("POST", "/api/v1/incidents", api.token("volunteer", DEMO_PASSWORD), java.util.Map.of(
                "source", "FIELD", "category", "HELP", "gridId", hers, "description", "首页志愿者所见" + n,
                "address", "村口"));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long[] counts = jdbc.sql("""
                SELECT count(*), count(*) FILTER (WHERE i.answered_at IS NULL AND i.status <> 'MERGED') FROM incident i
                WHERE i.created_by = (SELECT id FROM staff WHERE username = 'volunteer')""")
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();

        String page = home(new ApiClient(port).signedIn("volunteer", DEMO_PASSWORD, null));
        assertThat(page).doesNotContain("暂无我的待办").doesNotContain("my-open-items");
        assertThat(text(page, "my-reports")).isEqualTo("已上报 " + counts[0] + " 件，其中 " + counts[1] + " 件办理中");
        assertThat(href(page, "tile-incidents")).isEqualTo("/incidents?show=filed");
        String english = home(new ApiClient(port).signedIn("volunteer", DEMO_PASSWORD, "en"));
        assertThat(text(english, "my-reports")).isEqualTo(counts[0] + " reports filed, " + counts[1] + " still being handled");
    }

    @Test
    void theOfficerSeesTheVerificationTasksOfHisJurisdictionAndTheAuditorNoWorkTiles() {
        long open = jdbc.sql("""
                SELECT count(*) FROM verification_task t JOIN grid g ON g.id = t.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE t.status <> 'RESOLVED' AND u.path LIKE (SELECT u2.path || '%' FROM staff s JOIN unit u2 ON u2.id = s.unit_id
                                                            WHERE s.username = 'officer2')""").query(Long.class).single();
        assertThat(open).as("the demo's urban compounds have open tasks").isPositive();
        // a new task goes to its grid's chief: those given to him are what the tile counts, else his jurisdiction's
        long mine = jdbc.sql("""
                SELECT count(*) FROM verification_task t JOIN staff s ON s.id = t.assignee_id
                WHERE t.status <> 'RESOLVED' AND s.username = 'officer2'""").query(Long.class).single();
        String page = home(new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null));
        if (mine > 0) {
            assertThat(text(page, "open-verification-tasks")).isEqualTo("待我核查 " + mine + " 件");
            assertThat(href(page, "tile-verification-tasks")).isEqualTo("/verification-tasks?mine=true");
        } else {
            assertThat(text(page, "open-verification-tasks")).isEqualTo("辖区待核查 " + open + " 件");
            assertThat(href(page, "tile-verification-tasks")).isEqualTo("/verification-tasks");
        }
        assertThat(page).contains("id=\"tile-persons\"").contains("id=\"tile-incidents\"");

        String auditor = home(new ApiClient(port).signedIn("auditor", DEMO_PASSWORD, null));
        assertThat(auditor).doesNotContain("tile-incidents").doesNotContain("tile-verification-tasks")
                .doesNotContain("tile-persons").doesNotContain("tile-key-persons");
    }

    /**
     * The inspector neither owns nor files an item: "no items of mine" told him of a to-do list he never has. His tile
     * says how many items of his jurisdiction are open and how many of them are late, and leads to the late ones; once
     * none is late, to the open ones; once none is open, to them all. Each count is the one of the list it leads to.
     */
    @Test
    void theInspectorWhoOnlyReadsItemsIsToldHowManyOfHisJurisdictionAreOpenAndLateAndLedToThem() {
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        Unit workstation = jurisdictions.createUnit(tree.unit("320722010100").id(),
                UnitKind.WORKSTATION, "IT-INSP-" + TreeFixtures.unique(), "督察首页工作站", null);
        Community village = tree.village(workstation, "IT-INSP-V-", "督察首页村");
        Grid own = tree.grid(village, workstation.id(), "IT-INSP-G-", "督察首页网格");
        UUID owner = staff.register(workstation.id(), StaffRole.AUXILIARY_POLICE, "督察首页辅警" + n, null, null, "辅警",
                null, null).id().value();
        String inspector = "insphome" + TreeFixtures.unique();
        staff.register(workstation.id(), StaffRole.INSPECTOR, "首页督察" + n, null, null, "督察", inspector,
                DEMO_PASSWORD);
        ApiClient c = new ApiClient(port).signedIn(inspector, DEMO_PASSWORD, null);

        String none = home(c);
        assertThat(none).doesNotContain("暂无我的待办").doesNotContain("my-open-items").doesNotContain("my-reports");
        assertThat(text(none, "open-in-scope")).isEqualTo("辖区暂无未办结事项，查看全部事项");
        assertThat(href(none, "tile-incidents")).isEqualTo("/incidents?show=all");

        UUID late = tree.openIncident(own, workstation, owner, "RECEIVED");
        UUID due = tree.openIncident(own, workstation, owner, "ACKNOWLEDGED");
        UUID answered = tree.openIncident(own, workstation, owner, "RESOLVED");
        jdbc.sql("UPDATE incident SET due_at = now() - interval '1 hour' WHERE id = ?").param(late).update();
        jdbc.sql("UPDATE incident SET due_at = now() + interval '30 days' WHERE id = ?").param(due).update();
        answer(answered);

        String page = home(c);
        assertThat(text(page, "open-in-scope")).isEqualTo("辖区未办结 2 件，其中已超时 1 件");
        assertThat(href(page, "tile-incidents")).isEqualTo("/incidents?show=overdue");
        Document overdue = Jsoup.parse(c.get("/incidents?show=overdue", null, "Accept", "text/html").body());
        assertThat(overdue.select("a.incident-link").eachAttr("href")).containsExactly("/incidents/" + late);

        answer(late);
        String noneLate = home(c);
        assertThat(text(noneLate, "open-in-scope")).isEqualTo("辖区未办结 1 件，其中已超时 0 件");
        assertThat(href(noneLate, "tile-incidents")).isEqualTo("/incidents?show=open");
        Document open = Jsoup.parse(c.get("/incidents?show=open", null, "Accept", "text/html").body());
        assertThat(open.select("a.incident-link").eachAttr("href")).containsExactly("/incidents/" + due);
        assertThat(text(home(new ApiClient(port).signedIn(inspector, DEMO_PASSWORD, "en")), "open-in-scope"))
                .isEqualTo("Open in my jurisdiction: 1, 0 of them overdue");
    }

    void answer(UUID incident) {
        jdbc.sql("UPDATE incident SET status = 'ANSWERED', answered_at = now() WHERE id = ?").param(incident).update();
    }

    /**
     * The population tile offers registering and importing to those who collect the records, and only finding and
     * reading to those who read them (the inspector): he can neither register nor import.
     */
    @Test
    void thePopulationTileOffersRegisteringAndImportingOnlyToThoseWhoCollectTheRecords() {
        for (String reader : java.util.List.of("inspector")) {
            String page = home(new ApiClient(port).signedIn(reader, DEMO_PASSWORD, null));
            assertThat(text(page, "persons-hint")).as(reader).isEqualTo("按姓名、拼音首字母、身份证号、电话或地址查询");
            assertThat(text(home(new ApiClient(port).signedIn(reader, DEMO_PASSWORD, "en")), "persons-hint"))
                    .isEqualTo("Find a person by name, pinyin initials, identity number, phone or address");
        }
        for (String collector : java.util.List.of("officer", "manager", "chief", "bureau")) {
            String page = home(new ApiClient(port).signedIn(collector, DEMO_PASSWORD, null));
            assertThat(text(page, "persons-hint")).as(collector).endsWith("登记与导入");
            assertThat(new ApiClient(port).signedIn(collector, DEMO_PASSWORD, null)
                    .get("/imports", null, "Accept", "text/html").statusCode()).as(collector + " imports").isEqualTo(200);
        }
    }
}
