package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What each demo role's navigation bar offers is what the role may use, all of it and nothing else: the three
 * separated administrators (三员分立) see no posts, points or verification tasks of the field; the volunteer no
 * population menu, but her own verification tasks (she is a grid member of 吴场村); the inspector, who earns no
 * points, no page of his own points; each entry of the bar and of the start page opens (200) for the role that is
 * shown it.
 */
class MenuByRoleIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /** Every page of the population menu, for those who read population records and collect them. */
    static final List<String> POPULATION = List.of("/persons", "/key-persons", "/buildings", "/addresses", "/rentals",
            "/organisations", "/verification-tasks", "/imports", "/utility-readings/import");
    /** The same for those who read them and collect none (no imports). */
    static final List<String> POPULATION_READ = POPULATION.subList(0, 7);
    /** On every bar: the start page (the brand and 首页), the inbox and one's own profile. */
    static final List<String> EVERYONE = List.of("/", "/inbox", "/profile");

    /** Each demo sign-in's bar, exactly. */
    static final Map<String, List<String>> BARS = Map.of(
            "admin", List.of("/map", "/units", "/staff", "/backups"),
            "security", List.of("/staff", "/password-rules"),
            "auditor", List.of("/audit"),
            "volunteer", List.of("/incidents", "/mediation", "/claims", "/me/forces", "/verification-tasks", "/points",
                    "/map", "/units"),
            "manager", join(POPULATION, List.of("/incidents", "/mediation", "/claims", "/recovery", "/forces",
                    "/me/forces", "/points", "/points/store", "/points/leaderboard", "/worklog", "/worklog/column",
                    "/supervision", "/supervision/published", "/map", "/units")),
            "officer", join(POPULATION, officer()),
            "officer2", join(POPULATION, officer()),
            "chief", join(POPULATION, police(true)),
            "bureau", join(POPULATION, police(false)),
            "inspector", join(POPULATION_READ, List.of("/incidents", "/mediation", "/claims", "/recovery", "/forces",
                    "/points/leaderboard", "/duties/overview", "/worklog/column", "/supervision",
                    "/supervision/published", "/reviews", "/supplies", "/map", "/units", "/staff", "/figures")));

    static List<String> officer() {
        return List.of("/incidents", "/mediation", "/claims", "/recovery", "/webhooks", "/forces", "/me/forces",
                "/points", "/points/approvals", "/points/store", "/points/leaderboard", "/duties", "/worklog",
                "/worklog/column", "/supervision", "/supervision/to-us", "/supervision/published", "/reviews",
                "/reviews/cards", "/supplies", "/map", "/units", "/staff", "/figures");
    }

    /** The station chief's (who answers his station's notices) and the bureau's (who issues them). */
    static List<String> police(boolean answersNotices) {
        List<String> bar = new ArrayList<>(List.of("/incidents", "/mediation", "/claims", "/recovery",
                "/incidents/api-keys", "/webhooks", "/forces", "/me/forces", "/points", "/points/approvals",
                "/points/store", "/points/leaderboard", "/worklog", "/worklog/review", "/duties/overview",
                "/worklog/column", "/supervision", "/supervision/published", "/reviews", "/reviews/cards", "/supplies",
                "/map", "/units", "/staff", "/figures"));
        if (answersNotices) {
            bar.add("/supervision/to-us");
        }
        return bar;
    }

    static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Jurisdictions jurisdictions;

    Set<String> links(Document page, String selector) {
        Set<String> found = new TreeSet<>();
        page.select(selector).forEach(a -> {
            String href = a.attr("href");
            // the language switch links back to the page itself
            if (!href.contains("lang=")) {
                found.add(href);
            }
        });
        return found;
    }

    @Test
    void everyRoleSeesInItsBarExactlyThePagesItMayUseAndEachOpens() {
        assertThat(BARS.keySet()).containsExactlyInAnyOrderElementsOf(DEMO_LOGINS);
        List<String> faults = new ArrayList<>();
        for (String login : DEMO_LOGINS) {
            ApiClient client = new ApiClient(port).signedIn(login, DEMO_PASSWORD, null);
            HttpResponse<String> home = client.get("/", null, "Accept", BROWSER);
            assertThat(home.statusCode()).as(login + " /").isEqualTo(200);
            Document page = Jsoup.parse(home.body());
            Set<String> bar = links(page, "nav.topnav a[href]");
            Set<String> expected = new TreeSet<>(EVERYONE);
            expected.addAll(BARS.get(login));
            if (!bar.equals(expected)) {
                Set<String> extra = new TreeSet<>(bar);
                extra.removeAll(expected);
                Set<String> missing = new TreeSet<>(expected);
                missing.removeAll(bar);
                faults.add(login + ": shown but not his " + extra + ", his but missing " + missing);
            }
            // no two tiles of his start page lead to the same page (the security administrator had 人员 and 账号管理,
            // both the staff list)
            List<String> tiles = page.select("main ul.tiles a[href]").stream()
                    .map(a -> a.attr("href").replaceFirst("\\?.*", "")).toList();
            if (new TreeSet<>(tiles).size() != tiles.size()) {
                faults.add(login + ": tiles lead to the same page twice " + tiles);
            }
            // each entry of the bar and each tile of the start page opens for him
            Set<String> entries = new LinkedHashSet<>(bar);
            entries.addAll(links(page, "main a[href]"));
            for (String href : entries) {
                int status = client.get(href, null, "Accept", BROWSER).statusCode();
                if (status != 200) {
                    faults.add(login + ": " + href + " answered " + status);
                }
            }
        }
        assertThat(faults).isEmpty();
    }

    /**
     * The incident list's tabs: a volunteer owns no item (she reports and follows), so 我的待办 is always empty for her
     * and is not offered; an inspector neither owns nor files one, so he is offered neither; the grid manager has both.
     */
    @Test
    void theIncidentListOffersOnlyTheTabsThatCanHoldTheReadersItems() {
        Map<String, List<Boolean>> tabs = Map.of("volunteer", List.of(false, true), "inspector", List.of(false, false),
                "manager", List.of(true, true));
        tabs.forEach((login, mineAndFiled) -> {
            ApiClient client = new ApiClient(port).signedIn(login, DEMO_PASSWORD, null);
            Document page = Jsoup.parse(client.get("/incidents", null, "Accept", BROWSER).body());
            assertThat(page.select("#show-mine").isEmpty()).as(login + " 我的待办").isEqualTo(!mineAndFiled.get(0));
            assertThat(page.select("#show-filed").isEmpty()).as(login + " 我上报的").isEqualTo(!mineAndFiled.get(1));
        });
    }

    /**
     * The inspector's main work is his supervision notices: his start page has a tile for them that says how many of
     * his scope are open and how many went overdue, the counts of the list it opens; and no tile of his own points,
     * which he never earns (his bar has none either, the first test). Those who earn points keep theirs.
     */
    @Test
    void theInspectorsStartPageLeadsToHisOpenNoticesAndNotToPointsHeNeverEarns() {
        ApiClient inspector = new ApiClient(port).signedIn("inspector", DEMO_PASSWORD, null);
        Document page = Jsoup.parse(inspector.get("/", null, "Accept", BROWSER).body());
        long open = jdbc.sql("""
                SELECT count(*) FROM supervision_notice n
                WHERE n.state <> 'RECTIFIED' AND n.unit_path LIKE (SELECT u.path || '%' FROM staff s
                                                                   JOIN unit u ON u.id = s.unit_id
                                                                   WHERE s.username = 'inspector')""")
                .query(Long.class).single();
        long overdue = jdbc.sql("""
                SELECT count(*) FROM supervision_notice n
                WHERE n.state <> 'RECTIFIED' AND n.overdue_at IS NOT NULL
                  AND n.unit_path LIKE (SELECT u.path || '%' FROM staff s JOIN unit u ON u.id = s.unit_id
                                        WHERE s.username = 'inspector')""")
                .query(Long.class).single();
        assertThat(open).as("the demo has open notices").isPositive();
        assertThat(page.select("#supervision-open").text()).isEqualTo("未结 " + open + " 份，其中逾期 " + overdue + " 份");
        String href = page.select("#tile-supervision").attr("href");
        assertThat(href).isEqualTo(overdue > 0 ? "/supervision?status=OVERDUE" : "/supervision?status=OPEN");
        Document list = Jsoup.parse(inspector.get(href, null, "Accept", BROWSER).body());
        assertThat(list.select("#notices-total").text()).contains(String.valueOf(overdue > 0 ? overdue : open));
        assertThat(page.select("#tile-points")).as("he earns no points").isEmpty();

        Document english = Jsoup.parse(new ApiClient(port).signedIn("inspector", DEMO_PASSWORD, "en")
                .get("/", null, "Accept", BROWSER).body());
        assertThat(english.select("#supervision-open").text()).startsWith(open == 1 ? "1 open notice, "
                : open + " open notices, ").endsWith(overdue + " of them overdue");

        for (String earner : List.of("volunteer", "manager", "officer")) {
            Document home = Jsoup.parse(new ApiClient(port).signedIn(earner, DEMO_PASSWORD, null)
                    .get("/", null, "Accept", BROWSER).body());
            assertThat(home.select("#tile-points")).as(earner + " earns points").hasSize(1);
            assertThat(home.select("#tile-supervision")).as(earner + " issues no notices").isEmpty();
        }
    }

    /**
     * The station chief answers the notices sent to his station (the bureau's inspector issues them): his start page has
     * a tile for them that says how many of his station's are open and how many went overdue, the figures the page it
     * opens says above its list, which lists those open ones; the notices to another station's units are not his and
     * are not counted. In English too.
     */
    @Test
    void theStationChiefsStartPageLeadsToTheNoticesToHisStationCountedInItAlone() {
        String chiefsStation = "(SELECT u.path || '%' FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = 'chief')";
        long open = jdbc.sql("SELECT count(*) FROM supervision_notice n WHERE n.state <> 'RECTIFIED' AND n.unit_path LIKE "
                + chiefsStation).query(Long.class).single();
        long overdue = jdbc.sql("""
                SELECT count(*) FROM supervision_notice n WHERE n.state <> 'RECTIFIED' AND n.overdue_at IS NOT NULL
                  AND n.unit_path LIKE """ + chiefsStation).query(Long.class).single();
        long elsewhere = jdbc.sql("SELECT count(*) FROM supervision_notice n WHERE n.state <> 'RECTIFIED' "
                + "AND n.unit_path NOT LIKE " + chiefsStation).query(Long.class).single();
        assertThat(open).as("the demo sends his station notices still open").isPositive();
        assertThat(elsewhere).as("and another station's, not his").isPositive();

        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        Document home = Jsoup.parse(chief.get("/", null, "Accept", BROWSER).body());
        assertThat(home.select("#tile-supervision-to-us strong").text()).isEqualTo("我单位的通报");
        assertThat(home.select("#supervision-to-us").text()).isEqualTo("未结 " + open + " 份，其中逾期 " + overdue + " 份");
        assertThat(home.select("#tile-supervision-to-us").attr("href")).isEqualTo("/supervision/to-us");
        assertThat(home.select("#tile-supervision")).as("he issues none").isEmpty();

        Document page = Jsoup.parse(chief.get("/supervision/to-us", null, "Accept", BROWSER).body());
        assertThat(page.select("#to-us-open").text()).isEqualTo(home.select("#supervision-to-us").text());
        assertThat(page.select("#to-us tbody tr:not([data-state=RECTIFIED])")).hasSize((int) open);

        Document english = Jsoup.parse(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en")
                .get("/", null, "Accept", BROWSER).body());
        assertThat(english.select("#tile-supervision-to-us strong").text()).isEqualTo("Notices to my unit");
        assertThat(english.select("#supervision-to-us").text()).isEqualTo((open == 1 ? "1 open notice, "
                : open + " open notices, ") + overdue + " of them overdue");

        // the bureau issues notices and answers none: no tile of notices to his unit
        Document bureau = Jsoup.parse(new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, null)
                .get("/", null, "Accept", BROWSER).body());
        assertThat(bureau.select("#tile-supervision-to-us")).isEmpty();
    }

    /**
     * A volunteer reads no population records, so the population menu, where the task list sits, is not hers; yet a
     * grid chief may give her a door to check as a member of the grid. Her bar offers her own tasks while she serves a
     * grid in a role a task may be given to, and not to a volunteer who serves none (his list would always be empty).
     */
    @Test
    void aVolunteerIsOfferedHerVerificationTasksInHerBarOnlyWhileSheServesAGrid() {
        String username = TestStaff.uniqueUsername("vtask");
        UUID volunteer = TestStaff.volunteerWithSignIn(staff, jurisdictions, username, "核查志愿者").id().value();
        assertThat(taskEntry(username)).as("serving no grid, nothing can be given to her").isEmpty();

        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-01'").query(UUID.class)
                .single();
        UUID term = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO grid_role (id, grid_id, staff_id, role, started_on)
                VALUES (?, ?, ?, 'MEMBER', DATE '2024-01-01')""").params(term, grid, volunteer).update();
        try {
            assertThat(taskEntry(username)).as("a grid member may be given tasks").containsExactly("/verification-tasks");
            ApiClient client = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, "en");
            Document english = Jsoup.parse(client.get("/", null, "Accept", BROWSER).body());
            assertThat(english.select("#nav-my-verification-tasks").text()).isEqualTo("My verification tasks");
            // the list is hers alone: named so, without a "given to me only" box or a "not yet given" status that
            // would filter nothing or show nothing
            Document list = Jsoup.parse(client.get("/verification-tasks", null, "Accept", BROWSER).body());
            assertThat(list.select("main h1").text()).isEqualTo("My verification tasks");
            assertThat(list.select("input[name=mine]")).isEmpty();
            assertThat(list.select("select[name=status] option[value=OPEN]")).isEmpty();
            Document officers = Jsoup.parse(new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null)
                    .get("/verification-tasks", null, "Accept", BROWSER).body());
            assertThat(officers.select("main h1").text()).isEqualTo("核查任务");
            assertThat(officers.select("input[name=mine]")).hasSize(1);
            assertThat(officers.select("select[name=status] option[value=OPEN]")).hasSize(1);

            // her term ended today: she serves no grid and holds no task, and the entry is gone
            jdbc.sql("UPDATE grid_role SET ended_on = CAST(now() AT TIME ZONE 'Asia/Shanghai' AS date) WHERE id = ?")
                    .param(term).update();
            assertThat(taskEntry(username)).isEmpty();
        } finally {
            jdbc.sql("DELETE FROM grid_role WHERE id = ?").param(term).update();
        }
    }

    List<String> taskEntry(String username) {
        Document page = Jsoup.parse(new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null)
                .get("/", null, "Accept", BROWSER).body());
        return page.select("nav.topnav a[href^=/verification-tasks]").stream().map(a -> a.attr("href")).toList();
    }
}
