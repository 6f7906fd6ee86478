package org.fengqiao.forces;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.account.StaffRole;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.support.IntegrationTest;

/**
 * An informant the informant tests (issue 4: his identity shows only to his handler and the station chief) make for
 * themselves: put on the books at a test grid's unit with a sign-in of his own, and given that grid's chief as his
 * handler by the station chief through the forces API, as a station does it.
 *
 * @param id    his staff id
 * @param name  his unique name, to look for in pages and answers
 * @param login his user name (the password is {@link IntegrationTest#DEMO_PASSWORD})
 * @param grid  the grid whose chief handles him
 */
public record InformantFixture(UUID id, String name, String login, NotificationFixtures.TestGrid grid) {

    /** An informant named {@code label} and a unique number, handled by {@code grid}'s chief. */
    public static InformantFixture handledBy(NotificationFixtures.TestGrid grid, String label, ApiClient api,
            StaffDirectory staff) {
        String n = NotificationFixtures.unique();
        String name = label + n;
        String login = "informant" + n;
        UUID id = staff.register(grid.unit().id(), StaffRole.INFORMANT, name, null, null, "治安信息员", login,
                IntegrationTest.DEMO_PASSWORD).id().value();
        Map<String, Object> profile = new HashMap<>();
        profile.put("status", "ACTIVE");
        profile.put("handlerId", grid.chief().id().value());
        HttpResponse<String> saved = api.send("PUT", "/api/v1/forces/members/" + id,
                api.token("chief", IntegrationTest.DEMO_PASSWORD), profile);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        return new InformantFixture(id, name, login, grid);
    }

    /** Puts him on his handler's grid's roster, as the grid's informant since 2024. */
    public InformantFixture onTheRoster(StaffDirectory staff) {
        staff.assignGridRole(grid.grid().id(), new StaffId(id), GridRole.INFORMANT, LocalDate.of(2024, 1, 1), null);
        return this;
    }

    /** His handler's bearer token. */
    public String handler(ApiClient api) {
        return api.token(grid.chiefLogin(), IntegrationTest.DEMO_PASSWORD);
    }

    /** His own bearer token. */
    public String himself(ApiClient api) {
        return api.token(login, IntegrationTest.DEMO_PASSWORD);
    }
}
