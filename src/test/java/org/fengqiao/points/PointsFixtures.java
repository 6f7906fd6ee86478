package org.fengqiao.points;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Holders and places the points tests make for themselves, with unique names, in the demo's rural office. */
final class PointsFixtures {

    static final String RURAL_OFFICE = "320722010100";

    private PointsFixtures() {
    }

    static Unit office(Jurisdictions jurisdictions) {
        return jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow();
    }

    static Staff holder(StaffDirectory staff, Jurisdictions jurisdictions, StaffRole role, String label) {
        Unit office = office(jurisdictions);
        return staff.registerWithHash(office.id(), office.path(), role,
                label + UUID.randomUUID().toString().substring(0, 6), null, null, "测试", null, null);
    }

    static UUID grid(JdbcClient jdbc, String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class)
                .single();
    }

    static UUID staffId(JdbcClient jdbc, String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    /** A holder acting for himself (no permissions beyond his own points). */
    static Caller self(Staff s, String path) {
        return new Caller(s.id().value(), "t", s.name(), s.role().name(), List.of(path), Set.of());
    }
}
