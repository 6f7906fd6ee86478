package org.fengqiao.incident;

import java.time.LocalDate;
import java.util.Random;
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

/**
 * A police grid of a test's own: a new village of the rural central office with one square grid somewhere its
 * latitude's row (away from the demo's grids and other tests'), and an auxiliary police officer signed in as
 * {@code manager} who manages it, so the help calls and disputes filed in it are his. {@code n} makes its names unique.
 */
record ManagedGrid(String n, Grid grid, String manager, Staff managerStaff) {

    static ManagedGrid create(Jurisdictions jurisdictions, StaffDirectory staff, String code, String label, int lat) {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, code + "-V-" + n,
                label + "村" + n, null, null, null);
        double lon = 100 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%d],[%s,%d],[%s,%d.005],[%s,%d.005],[%s,%d]]]}"
                .formatted(lon, lat, lon + 0.005, lat, lon + 0.005, lat, lon, lat, lon, lat);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-" + code + "-" + n, label + "网格" + n,
                square, null, null, null);
        String manager = code.toLowerCase() + "mgr" + n;
        Staff person = staff.register(office.id(), StaffRole.AUXILIARY_POLICE, label + "管理员" + n, null, null, "辅警",
                manager, IntegrationTest.DEMO_PASSWORD);
        staff.assignGridRole(grid.id(), person.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        return new ManagedGrid(n, grid, manager, person);
    }
}
