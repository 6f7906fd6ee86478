package org.fengqiao.forces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.forces.internal.ForcesDesk;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A grid coordinator who serves one grid placed at its central office (whose unit path is the office's) is offered
 * that grid in the rosters' grid filters, not every grid of the office, and a filter naming another of the office's
 * grids lists nothing of it; a grid he does not read is refused where a grid is posted, nothing saved. The community
 * officer is offered every grid of the office as before.
 */
class ServedGridsForcesChoicesIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ForcesDesk desk;

    @Test
    void aGridCoordinatorIsOfferedAndFiltersByTheGridsHeServesAndAnotherGridIsRefusedNothingSaved() {
        GridsAtTheOffice fixture = GridsAtTheOffice.of(jurisdictions, "FC", "力量");
        UUID served = fixture.served().id().value();
        UUID other = fixture.other().id().value();
        UUID officerId = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        Caller officer = new Caller(officerId, "officer", "社区民警", "COMMUNITY_OFFICER",
                List.of(fixture.office().path()), Set.of("FORCES_READ", "FORCES_MANAGE"));
        String mine = "驻所岗甲" + fixture.n();
        String theirs = "驻所岗乙" + fixture.n();
        desk.createPost(officer, new ForcesDesk.NewPost(served, mine, "村口", null, null));
        desk.createPost(officer, new ForcesDesk.NewPost(other, theirs, "村口", null, null));
        Staff coordinator = fixture.serving(directory, StaffRole.GRID_COORDINATOR, GridRole.COORDINATOR, "fc",
                "驻所协调员");
        ApiClient pages = new ApiClient(port).signedIn(coordinator.username(), GridsAtTheOffice.PASSWORD, null);

        for (String tab : List.of("teams", "members", "posts")) {
            String page = pages.get("/forces?tab=" + tab, null, "Accept", BROWSER).body();
            assertThat(page).as(tab).contains("value=\"" + served + "\"").doesNotContain("value=\"" + other + "\"");
        }
        assertThat(pages.get("/forces?tab=posts&gridId=" + served, null, "Accept", BROWSER).body()).contains(mine)
                .doesNotContain(theirs);
        assertThat(pages.get("/forces?tab=posts&gridId=" + other, null, "Accept", BROWSER).body())
                .as("a grid of the office he does not read, typed into the address").doesNotContain(theirs);

        ApiClient officerPages = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        assertThat(officerPages.get("/forces?tab=posts", null, "Accept", BROWSER).body()).as("the police as before")
                .contains("value=\"" + served + "\"").contains("value=\"" + other + "\"");
        assertThat(officerPages.get("/forces?tab=posts&gridId=" + other, null, "Accept", BROWSER).body())
                .contains(theirs);

        // one who reads only his grid, were he to keep posts: the other grid is unknown to him, as one he does not see
        Caller narrowed = new Caller(coordinator.id().value(), coordinator.username(), "驻所协调员", "GRID_COORDINATOR",
                List.of(fixture.office().path()), Set.of("FORCES_READ", "FORCES_MANAGE"),
                List.of(fixture.office().path()), List.of(served));
        String beyond = "越格岗" + fixture.n();
        assertThatThrownBy(() -> desk.createPost(narrowed, new ForcesDesk.NewPost(other, beyond, "村口", null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems()).extracting(p -> p.key())
                        .containsExactly("forces.grid.unknown"));
        assertThat(jdbc.sql("SELECT count(*) FROM force_post WHERE name = ?").param(beyond).query(Long.class).single())
                .isZero();
        assertThat(desk.createPost(narrowed, new ForcesDesk.NewPost(served, beyond, "村口", null, null)).gridId())
                .as("his own grid").isEqualTo(served);
    }
}
