package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An officer transferred to another station (调动): the system administrator moves him, audited, and nothing he holds
 * in his old jurisdiction silently loses its owner: his open items, his grid chief's place and his place in a key
 * person's helper team are counted back, to be handed over first, and the transfer waits until they are.
 */
class StaffTransferIntegrationTests extends IntegrationTest {

    static final String URBAN_OFFICE = "320722020100";

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    TreeFixtures tree;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        tree = new TreeFixtures(jurisdictions, jdbc);
    }

    record Held(Staff officer, Grid grid, UUID incident, UUID helper) {
    }

    /** A rural officer who is grid chief of a grid of his own, owns an open incident there and helps a key person. */
    Held ruralOfficerHoldingWork() {
        String n = TreeFixtures.unique();
        Unit office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Community village = tree.village(office, "IT-TR-V-", "调动村");
        Grid grid = tree.grid(village, null, "IT-TR-G-", "调动网格");
        Staff officer = directory.register(office.id(), StaffRole.COMMUNITY_OFFICER, "调动民警" + n, null, null, "社区民警",
                "ittr" + n, DEMO_PASSWORD);
        directory.assignGridRole(grid.id(), officer.id(), GridRole.GRID_CHIEF, LocalDate.of(2024, 1, 1), null);
        UUID incident = tree.openIncident(grid, office, officer.id().value(), "DISPATCHED");
        UUID person = tree.person(grid, "帮扶对象" + n);
        UUID helper = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO helper_membership (id, person_id, staff_id, name, role, joined_on)
                VALUES (?, ?, ?, ?, 'GRID_CHIEF', DATE '2024-01-01')""")
                .params(helper, person, officer.id().value(), officer.name()).update();
        return new Held(officer, grid, incident, helper);
    }

    HttpResponse<String> transfer(String username, Staff officer, UUID unit, String... headers) {
        return api.send("PUT", "/api/v1/staff/" + officer.id().value() + "/unit", api.token(username, DEMO_PASSWORD),
                Map.of("unitId", unit.toString()), headers);
    }

    UUID unitOf(Staff officer) {
        return jdbc.sql("SELECT unit_id FROM staff WHERE id = ?").param(officer.id().value()).query(UUID.class).single();
    }

    @Test
    void anOfficerHoldingWorkIsRefusedWithWhatToHandOverAndTransferredOnceItIsHandedOver() {
        Held held = ruralOfficerHoldingWork();
        UUID before = unitOf(held.officer());
        UUID urban = jurisdictions.unitByCode(URBAN_OFFICE).orElseThrow().id().value();

        HttpResponse<String> refused = transfer("admin", held.officer(), urban);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("未结事项 1 件", "网格职务 1 个", "帮扶对象 1 名");
        HttpResponse<String> english = transfer("admin", held.officer(), urban, "Accept-Language", "en");
        assertThat(english.body()).contains("1 open item", "1 grid place", "1 key person helped");
        assertThat(unitOf(held.officer())).isEqualTo(before);

        // handed over one by one: the incident answered, the grid chief's place and the helper's place ended
        jdbc.sql("UPDATE incident SET status = 'ANSWERED', answered_at = now() WHERE id = ?").param(held.incident()).update();
        assertThat(transfer("admin", held.officer(), urban).body()).contains("未结事项 0 件", "网格职务 1 个");
        jdbc.sql("UPDATE grid_role SET ended_on = DATE '2024-06-30' WHERE staff_id = ?").param(held.officer().id().value())
                .update();
        jdbc.sql("UPDATE helper_membership SET left_on = DATE '2024-06-30' WHERE id = ?").param(held.helper()).update();

        HttpResponse<String> done = transfer("admin", held.officer(), urban);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(unitOf(held.officer())).isEqualTo(urban);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'staff' AND action = 'UPDATE' AND record_id = ?
                  AND after::text LIKE ?""").param(held.officer().id().value().toString()).param("%" + urban + "%")
                .query(Long.class).single()).isEqualTo(1);
        // he now sees the urban office's records and no longer the rural grid
        String token = api.token(held.officer().username(), DEMO_PASSWORD);
        assertThat(api.get("/api/v1/grids/" + held.grid().id().value(), token).statusCode()).isEqualTo(404);
    }

    @Test
    void aTransferWithinTheGridsOwnUnitLeavesNothingToHandOverAndAUnitOutsideTheCallersTreeIsRefused() {
        Held held = ruralOfficerHoldingWork();
        UUID rural = unitOf(held.officer());
        UUID urban = jurisdictions.unitByCode(URBAN_OFFICE).orElseThrow().id().value();
        // the rural station's chief sees neither the urban office nor may he send anyone there
        HttpResponse<String> outside = transfer("chief", held.officer(), urban);
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("单位不存在或不在您的辖区内");
        // an urban officer is not the rural chief's to move at all
        Staff officer2 = directory.byUsername("officer2").orElseThrow();
        assertThat(transfer("chief", officer2, rural).statusCode()).isEqualTo(404);
        assertThat(unitOf(held.officer())).isEqualTo(rural);
    }
}
