package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
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

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    record Held(Staff officer, Grid grid, UUID incident, UUID helper) {
    }

    /** A rural officer who is grid chief of a grid of his own, owns an open incident there and helps a key person. */
    Held ruralOfficerHoldingWork() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "IT-TR-V-" + n, "调动村" + n,
                null, null, null);
        double lon = 90 + new Random().nextInt(900) / 100.0;
        double lat = 20 + new Random().nextInt(900) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                lon, lat, lon + 0.004, lat, lon + 0.004, lat + 0.004, lon, lat + 0.004, lon, lat);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-TR-G-" + n, "调动网格" + n, square,
                null, null, null);
        Staff officer = directory.register(office.id(), StaffRole.COMMUNITY_OFFICER, "调动民警" + n, null, null, "社区民警",
                "ittr" + n, DEMO_PASSWORD);
        directory.assignGridRole(grid.id(), officer.id(), GridRole.GRID_CHIEF, LocalDate.of(2024, 1, 1), null);
        UUID incident = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO incident (id, tracking_code, source, category, description, occurred_at, grid_id, status,
                    owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at, submitter)
                VALUES (?, ?, 'FIELD', 'HELP', '调动测试', ?, ?, 'DISPATCHED', ?, ?, ?, 'HELP_OR_DISPUTE', 'r', ?, 'test')""")
                .params(incident, "TR" + n, now, grid.id().value(), office.id().value(), officer.id().value(), now, now)
                .update();
        UUID household = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, number, trusted) VALUES (?, ?, ?, false)")
                .params(household, grid.id().value(), "TR-" + n).update();
        UUID person = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, relation, residence,
                                    content_hash)
                VALUES (?, ?, ?, ?, 'x', 'x', 'HEAD', 'PERMANENT', 'fixture')""")
                .params(person, grid.id().value(), household, "帮扶对象" + n).update();
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
