package org.fengqiao.demo;

import java.time.LocalDate;
import java.util.List;
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
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.FengqiaoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo district into an empty database (demo mode only) and prints the demo logins.
 * Minimal for now: the bureau, three stations, the rural central office over five villages,
 * an urban community, and the demo accounts.
 */
@Component
class DemoDistrict {

    static final String PASSWORD = "Fengqiao-2026";
    private static final Logger log = LoggerFactory.getLogger(DemoDistrict.class);

    private final Jurisdictions jurisdictions;
    private final StaffDirectory staff;
    private final FengqiaoProperties properties;
    private final TransactionTemplate tx;

    DemoDistrict(Jurisdictions jurisdictions, StaffDirectory staff, FengqiaoProperties properties, TransactionTemplate tx) {
        this.jurisdictions = jurisdictions;
        this.staff = staff;
        this.properties = properties;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadIntoEmptyDatabase() {
        if (!properties.demoEnabled()) {
            return;
        }
        boolean loaded = Boolean.TRUE.equals(tx.execute(status -> {
            if (!jurisdictions.isEmpty()) {
                return false;
            }
            load();
            return true;
        }));
        if (loaded) {
            log.info("Demo district loaded");
        }
        printLogins();
    }

    private void load() {
        String hash = staff.hash(PASSWORD);
        Unit bureau = jurisdictions.createUnit(null, UnitKind.BUREAU, "320722000000", "东海县公安局", "320722");
        Unit rural = jurisdictions.createUnit(bureau.id(), UnitKind.STATION, "320722010000", "房山派出所", "320722");
        Unit urban = jurisdictions.createUnit(bureau.id(), UnitKind.STATION, "320722020000", "牛山派出所", "320722");
        Unit third = jurisdictions.createUnit(bureau.id(), UnitKind.STATION, "320722030000", "石榴派出所", "320722");
        Unit office = jurisdictions.createUnit(rural.id(), UnitKind.CENTRAL_OFFICE, "320722010100", "房山中心警务室", "320722");
        Unit urbanStation = jurisdictions.createUnit(urban.id(), UnitKind.WORKSTATION, "320722020100", "和平社区警务工作站", "320722");

        staff.registerWithHash(bureau.id(), bureau.path(), StaffRole.SYSTEM_ADMIN, "系统管理员", null, null, null, "admin", hash);
        staff.registerWithHash(bureau.id(), bureau.path(), StaffRole.SECURITY_ADMIN, "安全管理员", null, null, null, "security", hash);
        staff.registerWithHash(bureau.id(), bureau.path(), StaffRole.AUDIT_ADMIN, "安全审计员", null, null, null, "auditor", hash);
        staff.registerWithHash(bureau.id(), bureau.path(), StaffRole.BUREAU_COMMAND, "周局长", "001001", null, "局长", "bureau", hash);
        staff.registerWithHash(rural.id(), rural.path(), StaffRole.STATION_CHIEF, "王所长", "001101", null, "所长", "chief", hash);
        Staff officer = staff.registerWithHash(office.id(), office.path(), StaffRole.COMMUNITY_OFFICER, "李建国", "001102",
                "13805180001", "社区民警", "officer", hash);
        staff.registerWithHash(urbanStation.id(), urbanStation.path(), StaffRole.COMMUNITY_OFFICER, "张卫东", "002101",
                "13805180002", "社区民警", "officer2", hash);
        Staff volunteer = staff.registerWithHash(office.id(), office.path(), StaffRole.VOLUNTEER, "陈红梅", null,
                "13805180003", "平安志愿者", "volunteer", hash);

        String[] villages = {"吴场", "陆圩", "兴东", "兴谷", "林疃"};
        for (int v = 0; v < villages.length; v++) {
            Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE,
                    "320722103" + (201 + v), villages[v] + "村", "320722103" + (201 + v), null, null);
            double lon = 118.70 + v * 0.02;
            Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "FS-" + (v + 1) + "-01",
                    villages[v] + "村第1网格", square(lon, 34.50, 0.02), null, null, null);
            staff.assignGridRole(grid.id(), officer.id(), GridRole.GRID_CHIEF, LocalDate.of(2024, 1, 1), null);
            if (v == 0) {
                staff.assignGridRole(grid.id(), volunteer.id(), GridRole.MEMBER, LocalDate.of(2024, 3, 1), null);
            }
        }
        Community heping = jurisdictions.createCommunity(urbanStation.id(), CommunityKind.COMMUNITY, "320722001001",
                "和平社区", "320722001001", null, null);
        jurisdictions.createGrid(heping.id(), GridNetwork.POLICE, "NS-1-01", "和平社区第1网格", square(118.76, 34.54, 0.01),
                null, null, null);
    }

    private static String square(double lon, double lat, double size) {
        return String.format(java.util.Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
                lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    private void printLogins() {
        List<String> lines = List.of(
                "Demo logins (password " + PASSWORD + "):",
                "  admin     system administrator 系统管理员",
                "  security  security administrator 安全管理员",
                "  auditor   audit administrator 安全审计员",
                "  bureau    bureau command 局领导",
                "  chief     chief of 房山派出所 (rural station)",
                "  officer   community officer, grid chief in 房山",
                "  officer2  community officer of 牛山派出所 (urban station)",
                "  volunteer volunteer in 吴场村");
        log.info("\n{}", String.join("\n", lines));
    }
}
