package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 矛盾纠纷 on the start page of a grid coordinator who serves one of two grids at an office: the cases being mediated
 * that his list reads (his grid's and those whose team he sits on, not the office's other grid's), the cases with a
 * follow-up visit due and how many are overdue, and his grids not screened this week; each number is what the page its
 * tile leads to shows him. The police who read mediation have the tile too.
 */
class MediationStartPageIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    @Autowired
    MediationLoader mediation;

    UUID officer() {
        return jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
    }

    UUID openCase(Grid grid, Map<UUID, TeamRole> team, String summary) {
        return mediation.open(DisputeOrigin.PATROL, DisputeKind.NEIGHBOURS, grid.id().value(), summary, null,
                List.<String[]>of(new String[] {"甲", null}, new String[] {"乙", null}), team, "test");
    }

    /** A case ended without agreement, its follow-up visit due today, or (as if days passed) yesterday. */
    UUID followedUp(Grid grid, String summary, boolean overdue) {
        UUID id = openCase(grid, Map.of(officer(), TeamRole.OFFICER), summary);
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        mediation.fail(id, "双方未达成一致", List.of(today), "test");
        if (overdue) {
            jdbc.sql("UPDATE dispute_follow_up SET due_on = ? WHERE case_id = ?").param(today.minusDays(1)).param(id)
                    .update();
        }
        return id;
    }

    static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(html);
        assertThat(m.find()).as(id + " on the page").isTrue();
        return m.group(1);
    }

    static int rows(String html) {
        return (int) Pattern.compile("<tr [^>]*data-id=\"").matcher(html).results().count();
    }

    @Test
    void aCoordinatorsStartPageCountsTheDisputesHisListsShowHim() {
        GridsAtTheOffice fixture = twoGridsAtTheOffice("MS", "首页纠纷");
        Staff coordinator = fixture.serving(directory, StaffRole.GRID_COORDINATOR, GridRole.COORDINATOR, "ms", "首页协调");
        String n = fixture.n();
        UUID mine = openCase(fixture.served(), Map.of(officer(), TeamRole.OFFICER), "本格调解" + n);
        openCase(fixture.other(), Map.of(officer(), TeamRole.OFFICER), "别格调解" + n);
        UUID team = openCase(fixture.other(), Map.of(officer(), TeamRole.OFFICER), "同组调解" + n);
        GridsAtTheOffice.seatedEarlier(jdbc, team, coordinator, "COMMUNITY_MEDIATOR");
        UUID due = followedUp(fixture.served(), "今日回访" + n, false);
        UUID late = followedUp(fixture.served(), "逾期回访" + n, true);
        followedUp(fixture.other(), "别格逾期" + n, true);

        ApiClient pages = new ApiClient(port).signedIn(coordinator.username(), GridsAtTheOffice.PASSWORD, null);
        String home = pages.get("/", null, "Accept", BROWSER).body();
        assertThat(text(home, "mediation-open")).isEqualTo("调解中 2 件");
        assertThat(text(home, "mediation-due")).isEqualTo("回访到期 2 件，其中逾期 1 件");
        assertThat(text(home, "mediation-unscreened")).isEqualTo("未排查网格 1 个");
        assertThat(home).as("the tile leads to the follow-ups due").contains("href=\"/mediation?show=due\"",
                "href=\"/mediation/screenings\"");

        String open = pages.get("/mediation?show=open", null, "Accept", BROWSER).body();
        assertThat(rows(open)).as("the open tab shows as many").isEqualTo(2);
        assertThat(open).contains("data-id=\"" + mine + "\"", "data-id=\"" + team + "\"").doesNotContain("别格调解" + n);
        String dueList = pages.get("/mediation?show=due", null, "Accept", BROWSER).body();
        assertThat(rows(dueList)).isEqualTo(2);
        assertThat(dueList).contains("data-id=\"" + due + "\"", "data-id=\"" + late + "\"").doesNotContain("别格逾期" + n);
        assertThat(Pattern.compile("follow-up-overdue").matcher(dueList).results().count()).as("the late one marked")
                .isEqualTo(1);
        String screenings = pages.get("/mediation/screenings", null, "Accept", BROWSER).body();
        assertThat(screenings).contains("data-grid=\"" + fixture.served().code() + "\"")
                .doesNotContain("data-grid=\"" + fixture.other().code() + "\"");

        // recorded, the week's screening leaves the tile
        mediation.screening(fixture.served().id().value(), LocalDate.now(LocalTimes.ZONE), "村警、网格员", "无新增" + n,
                Map.of(), "test");
        assertThat(text(pages.get("/", null, "Accept", BROWSER).body(), "mediation-unscreened")).isEqualTo("未排查网格 0 个");

        ApiClient english = new ApiClient(port).signedIn(coordinator.username(), GridsAtTheOffice.PASSWORD, "en");
        String en = english.get("/", null, "Accept", BROWSER).body();
        assertThat(text(en, "mediation-open")).isEqualTo("Being mediated: 2");
        assertThat(text(en, "mediation-due")).isEqualTo("Follow-ups due: 2, 1 of them overdue");
    }

    @Test
    void thePoliceWhoReadMediationHaveTheTileAndThoseWhoDoNotHaveNone() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/", api.token("officer", DEMO_PASSWORD), "Accept", BROWSER).body()).contains("id=\"tile-mediation\"");
        assertThat(api.get("/", api.token("chief", DEMO_PASSWORD), "Accept", BROWSER).body()).contains("id=\"tile-mediation\"");
        assertThat(api.get("/", api.token("auditor", DEMO_PASSWORD), "Accept", BROWSER).body())
                .doesNotContain("id=\"tile-mediation\"");
    }
}
