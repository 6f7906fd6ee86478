package org.fengqiao.support;

import java.util.Random;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;

/**
 * A workstation of its own under the rural station, with one grid ("IT-" code) and a community officer signing in as
 * {@code username()}: a ledger test's records there change none of the demo's counts and are the only ones its
 * officer's scope holds.
 */
public record LedgerOffice(String n, Unit unit, Grid grid, Staff officer) {

    public static LedgerOffice of(Jurisdictions jurisdictions, StaffDirectory staff, String prefix, String name,
            double lonBase) {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, prefix + "-" + n, name + "站" + n,
                null);
        Grid grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, office, "IT-" + prefix + "-" + n, name,
                lonBase);
        Staff officer = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, name + "民警" + n, null, null, "社区民警",
                prefix.toLowerCase() + "officer" + n, IntegrationTest.DEMO_PASSWORD);
        return new LedgerOffice(n, office, grid, officer);
    }

    public String username() {
        return officer.username();
    }

    public java.util.UUID gridId() {
        return grid.id().value();
    }
}
