package org.fengqiao.notification;

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
 * A test grid ("IT-N-…") with its own grid manager and grid chief who can sign in, in a village of the
 * given unit; the notification tests (and others that change a grid's roster) use it so that nothing they count is
 * anybody else's.
 */
public final class NotificationFixtures {

    /** 房山中心警务室, where the demo officer sits. */
    public static final String RURAL_OFFICE = "320722010100";

    public record TestGrid(Grid grid, Unit unit, Staff manager, String managerLogin, Staff chief, String chiefLogin) {
    }

    private NotificationFixtures() {
    }

    public static String unique() {
        return String.valueOf(100000 + new Random().nextInt(899999));
    }

    public static TestGrid grid(Jurisdictions jurisdictions, StaffDirectory staff, Unit unit) {
        String n = unique();
        Community village = jurisdictions.createCommunity(unit.id(), CommunityKind.VILLAGE, "IT-N-V-" + n, "通知村" + n,
                null, null, null);
        double lon = 90 + new Random().nextInt(900) / 100.0;
        double lat = 20 + new Random().nextInt(900) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                lon, lat, lon + 0.004, lat, lon + 0.004, lat + 0.004, lon, lat + 0.004, lon, lat);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-N-G-" + n, "通知网格" + n, square, null,
                null, null);
        String managerLogin = "ntmgr" + n;
        String chiefLogin = "ntchief" + n;
        Staff manager = staff.register(unit.id(), StaffRole.AUXILIARY_POLICE, "通知管理员" + n, null, null, "辅警",
                managerLogin, IntegrationTest.DEMO_PASSWORD);
        Staff chief = staff.register(unit.id(), StaffRole.COMMUNITY_OFFICER, "通知网格长" + n, null, null, "社区民警",
                chiefLogin, IntegrationTest.DEMO_PASSWORD);
        staff.assignGridRole(grid.id(), manager.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        staff.assignGridRole(grid.id(), chief.id(), GridRole.GRID_CHIEF, LocalDate.of(2024, 1, 1), null);
        return new TestGrid(grid, unit, manager, managerLogin, chief, chiefLogin);
    }
}
