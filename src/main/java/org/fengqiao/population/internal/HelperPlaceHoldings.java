package org.fengqiao.population.internal;

import java.util.UUID;
import org.fengqiao.account.StaffHoldings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's current places in key persons' helper teams (N帮一, seed 002), for the staff register: he is not
 * transferred where he would no longer see the person he helps, which would leave the team one short unseen.
 */
@Component
class HelperPlaceHoldings implements StaffHoldings {

    private final JdbcClient jdbc;

    HelperPlaceHoldings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long helperPlacesOutside(UUID staff, String unitPath) {
        return jdbc.sql("""
                SELECT count(*) FROM helper_membership h JOIN person p ON p.id = h.person_id
                JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE h.staff_id = ? AND h.left_on IS NULL AND u.path NOT LIKE ?""")
                .params(staff, unitPath + "%").query(Long.class).single();
    }
}
