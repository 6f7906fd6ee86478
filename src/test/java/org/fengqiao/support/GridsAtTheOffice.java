package org.fengqiao.support;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A village of two grids side by side placed at the rural central office itself (no work point of their own, so with
 * the office's unit path), far from the demo district and from other tests' grids; staff seated at the office serve
 * the first.
 *
 * @param n    the number in every code and name of this set-up
 * @param lon  the first grid's west edge (the second's is 0.01 further east)
 */
public record GridsAtTheOffice(String n, Unit office, double lon, Grid served, Grid other) {

    public static final String PASSWORD = "Qiao-Test-2026";

    /** The next free place on the 43rd parallel, from a random start: 0.02° apart, each taking 0.014° for its two grids. */
    private static final java.util.concurrent.atomic.AtomicInteger PLACES =
            new java.util.concurrent.atomic.AtomicInteger(new Random().nextInt(1500));

    /** @param tag two letters in the codes (IT-{tag}-, IT-{tag}1-, IT-{tag}2-); name, the names' stem */
    public static GridsAtTheOffice of(Jurisdictions jurisdictions, String tag, String name) {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "IT-" + tag + "-" + n,
                name + "村" + n, null, null, null);
        // a place of its own in this run: two tests drawn at random within 0.01° of each other overlapped, and a point
        // of one was located in the other's grid
        double lon = 90 + (PLACES.getAndIncrement() % 1500) * 0.02;
        Grid served = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-" + tag + "1-" + n,
                name + "一格" + n, square(lon), null, null, null);
        Grid other = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-" + tag + "2-" + n,
                name + "二格" + n, square(lon + 0.01), null, null, null);
        assertThat(served.unitPath()).as("both placed at the office itself").isEqualTo(office.path())
                .isEqualTo(other.unitPath());
        return new GridsAtTheOffice(n, office, lon, served, other);
    }

    public static String square(double west) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[%s,43],[%s,43],[%s,43.004],[%s,43.004],[%s,43]]]}"
                .formatted(west, west + 0.004, west + 0.004, west, west);
    }

    /**
     * Puts one who serves the first grid on the team of a case of the other ({@code role}: OFFICER, COMMUNITY_MEDIATOR…),
     * as a team keeps one seated while he read the case (he served its grid then, or the case's grid was merged into
     * the other since): a team is formed of those who read the case, and a case whose team he sits on is his to read.
     */
    public static void seatedEarlier(org.springframework.jdbc.core.simple.JdbcClient jdbc, java.util.UUID caseId,
            Staff staff, String role) {
        jdbc.sql("INSERT INTO dispute_team (case_id, staff_id, role) VALUES (?, ?, ?)")
                .params(caseId, staff.id().value(), role).update();
    }

    /** One who serves the first grid, seated at the office, as the roster puts him (password {@link #PASSWORD}). */
    public Staff serving(StaffDirectory directory, StaffRole role, GridRole as, String tag, String name) {
        String username = (role.name().substring(0, 3) + tag + n + new Random().nextInt(1000)).toLowerCase();
        Staff staff = directory.register(office.id(), role, name + username.substring(username.length() - 4), null,
                null, "村民组长", username, PASSWORD);
        directory.assignGridRole(served.id(), staff.id(), as, LocalDate.of(2025, 1, 1), null);
        return staff;
    }
}
