package org.fengqiao.demo;

import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's grid manager signs in as {@code manager} in a demo database loaded before he had that sign-in: the
 * district ({@link DemoDistrict}) gives it only to an empty database, so a data directory loaded by an earlier
 * version has him, the first manager of 吴场村's grids, with no sign-in, and the README's login would not work.
 * On every demo start it looks: when nobody signs in as {@code manager} and he has no sign-in of his own, he gets
 * that one with the published password, audited as the demo's; anything else (a sign-in someone gave him, the name
 * taken by someone else, no demo district) is left as it is.
 */
@Component
class DemoManagerLogin extends DemoPart {

    static final String USERNAME = "manager";
    private static final long LOAD_LOCK = 0x46514445_4d4f4d47L;

    private final StaffDirectory staff;

    DemoManagerLogin(StaffDirectory staff, FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 1, properties, tx, jdbc);
        this.staff = staff;
    }

    @Override
    int loadOnce() {
        if (login(USERNAME) != null) {
            return 0;
        }
        UUID manager = firstManager();
        if (manager == null) {
            return 0;
        }
        return staff.giveSignIn(new StaffId(manager), USERNAME, staff.hash(DemoDistrict.PASSWORD), SystemActor.DEMO) ? 1 : 0;
    }

    @Override
    String loaded(int count) {
        return "Demo grid manager: signs in as '" + USERNAME + "' now (the demo was loaded before he had a sign-in)";
    }

    /**
     * The auxiliary police the demo made the first manager of 吴场村's first grid (the roster keeps him after a
     * change), when he has no sign-in; otherwise null.
     */
    private UUID firstManager() {
        return jdbc.sql("""
                SELECT id FROM (
                    SELECT s.id, s.username FROM grid_role r JOIN grid g ON g.id = r.grid_id JOIN staff s ON s.id = r.staff_id
                    WHERE g.network = 'POLICE' AND g.code = 'FS-1-01' AND r.role = 'MANAGER'
                    ORDER BY r.started_on, r.id LIMIT 1) earliest
                WHERE username IS NULL""").query(UUID.class).optional().orElse(null);
    }
}
