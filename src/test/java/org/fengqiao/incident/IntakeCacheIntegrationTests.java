package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Intake keeps a grid's roster a few seconds instead of asking for it on every report; a new holder put in
 * place through the application must still get the very next report, not the one before him.
 */
class IntakeCacheIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;

    @Test
    void aNewGridManagerGetsTheNextReportAtOnce() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "C-V-" + n, "缓存村" + n,
                null, null, null);
        double lon = 100 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,31],[%s,31],[%s,31.005],[%s,31.005],[%s,31]]]}"
                .formatted(lon, lon + 0.005, lon + 0.005, lon, lon);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-CACHE-" + n, "缓存网格" + n, square, null,
                null, null);
        Staff first = staff.register(office.id(), StaffRole.AUXILIARY_POLICE, "先任管理员" + n, null, null, "辅警", null, null);
        staff.assignGridRole(grid.id(), first.id(), GridRole.MANAGER, LocalDate.now().minusYears(1), null);

        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        Map<String, Object> report = Map.of("category", "HELP", "gridId", grid.id().value().toString(),
                "description", "缓存测试-" + UUID.randomUUID());
        HttpResponse<String> before = api.send("POST", "/api/v1/incidents", officer, report);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
        assertThat(ApiClient.json(before).get("incident").get("ownerStaffName").asText()).isEqualTo("先任管理员" + n);

        Staff next = staff.register(office.id(), StaffRole.AUXILIARY_POLICE, "继任管理员" + n, null, null, "辅警", null, null);
        staff.assignGridRole(grid.id(), next.id(), GridRole.MANAGER, LocalDate.now(), null);
        HttpResponse<String> after = api.send("POST", "/api/v1/incidents", officer,
                Map.of("category", "HELP", "gridId", grid.id().value().toString(), "description", "缓存测试-" + UUID.randomUUID()));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
        assertThat(ApiClient.json(after).get("incident").get("ownerStaffName").asText())
                .as("the roster cache was cleared by the change").isEqualTo("继任管理员" + n);
    }
}
