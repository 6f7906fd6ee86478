package org.fengqiao.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A grid member who serves one grid placed at its central office (whose unit path is the office's) sees on the board
 * the hard cases of that grid and those he claimed, not the office's other grids' (the board by API and page, with its
 * counts, and the item, 404 beyond), even when he asks for everything he may see. The officer still sees them all.
 */
class ServedGridsBoardIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    @Autowired
    Board board;

    /** A hard case of the grid put up on the board (as the sweep does once it came of age); the item's id. */
    UUID upOnTheBoard(Grid grid, String title) {
        UUID source = UUID.randomUUID();
        Instant opened = Instant.now().minus(Duration.ofDays(10));
        assertThat(board.register(Board.Kind.INCIDENT, source, "SB-" + source.toString().substring(0, 8), "HELP",
                grid.id().value(), title, opened)).isTrue();
        board.promote(Board.Kind.INCIDENT, Instant.now().minus(Duration.ofDays(7)), Instant.now(), grid.id().value());
        return jdbc.sql("SELECT id FROM claim_item WHERE source_id = ?").param(source).query(UUID.class).single();
    }

    List<String> boardOf(ApiClient api, String token, Grid grid) {
        HttpResponse<String> got = api.get("/api/v1/claims/board?size=100&gridId=" + grid.id().value(), token);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        ApiClient.json(got).get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void aGridMemberSeesTheHardCasesOfTheGridHeServesAndHisClaimsNotTheOfficesOthers() {
        ApiClient api = new ApiClient(port);
        GridsAtTheOffice fixture = twoGridsAtTheOffice("SB", "驻所榜");
        Staff member = fixture.serving(directory, StaffRole.GRID_MEMBER, GridRole.MEMBER, "sb", "驻所认领");
        UUID mine = upOnTheBoard(fixture.served(), "本格疑难" + fixture.n());
        UUID theirs = upOnTheBoard(fixture.other(), "别格疑难" + fixture.n());
        // an item of the other grid he claimed when he served it: his claim stays his to follow
        UUID claimed = upOnTheBoard(fixture.other(), "别格已领" + fixture.n());
        UUID claim = UUID.randomUUID();
        assertThat(board.take(claimed)).isTrue();
        board.insertClaim(claim, claimed, fixture.other().id().value(), member.id().value(), Instant.now(),
                Instant.now().plus(Duration.ofDays(5)), null, List.of());
        String token = api.token(member.username(), GridsAtTheOffice.PASSWORD);

        // the board by API, every grid he may see (mine=false), each grid of the office asked for by name
        List<String> seen = new ArrayList<>(boardOf(api, token, fixture.served()));
        seen.addAll(boardOf(api, token, fixture.other()));
        assertThat(seen).contains(mine.toString(), claimed.toString()).doesNotContain(theirs.toString());
        HttpResponse<String> counted = api.get("/api/v1/claims/board?gridId=" + fixture.other().id().value(), token);
        assertThat(ApiClient.json(counted).get("counts").get("OPEN").asLong()).as("nor counted").isZero();
        // the item and the claim, by API and page
        assertThat(api.get("/api/v1/claims/items/" + theirs, token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/claims/items/" + mine, token).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/claims/items/" + claimed, token).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/claims/" + claim, token).statusCode()).isEqualTo(200);
        ApiClient pages = new ApiClient(port).signedIn(member.username(), GridsAtTheOffice.PASSWORD, null);
        assertThat(pages.get("/claims/items/" + theirs, null, "Accept", BROWSER).statusCode()).isEqualTo(404);
        assertThat(pages.get("/claims/items/" + mine, null, "Accept", BROWSER).statusCode()).isEqualTo(200);
        String page = pages.get("/claims?mine=false&gridId=" + fixture.other().id().value(), null, "Accept", BROWSER)
                .body();
        assertThat(page).doesNotContain(theirs.toString());
        // the page's grid filter offers the grid he serves, not the office's other grid
        assertThat(pages.get("/claims?mine=false", null, "Accept", BROWSER).body())
                .contains(fixture.served().id().value().toString()).doesNotContain(fixture.other().id().value().toString());

        // the community officer sees the other grid's case
        String officer = api.token("officer", DEMO_PASSWORD);
        assertThat(boardOf(api, officer, fixture.other())).contains(theirs.toString(), claimed.toString());
        assertThat(api.get("/api/v1/claims/items/" + theirs, officer).statusCode()).isEqualTo(200);
    }
}
