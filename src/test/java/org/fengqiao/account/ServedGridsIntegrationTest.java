package org.fengqiao.account;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Account tests on the demo's police grids and their persons, with grid members and officers they make for
 * themselves: the grid terms of those they made end after each test, so the demo's roster counts stay its own.
 */
abstract class ServedGridsIntegrationTest extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    private final List<UUID> made = new ArrayList<>();

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void endTheirTerms() {
        for (UUID id : made) {
            jdbc.sql("UPDATE grid_role SET ended_on = greatest(started_on, current_date) WHERE staff_id = ? AND ended_on IS NULL")
                    .param(id).update();
        }
        made.clear();
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE code = ? AND network = 'POLICE'").param(code).query(UUID.class).single();
    }

    UUID personIn(String gridCode) {
        return jdbc.sql("SELECT p.id FROM person p WHERE p.grid_id = ? ORDER BY p.id LIMIT 1").param(grid(gridCode))
                .query(UUID.class).single();
    }

    /** A grid member of the rural office with a sign-in, serving the grids given. */
    Staff member(String... gridCodes) {
        String username = TestStaff.uniqueUsername("served");
        var office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff member = made(directory.register(office.id(), StaffRole.GRID_MEMBER,
                "网格员" + username.substring(username.length() - 4), null, null, "村民组长", username, TestStaff.PASSWORD));
        for (String code : gridCodes) {
            directory.assignGridRole(new GridId(grid(code)), member.id(), GridRole.MEMBER, LocalDate.of(2025, 1, 1), null);
        }
        return member;
    }

    /** Someone the test made, whose grid terms are to end after it. */
    Staff made(Staff staff) {
        made.add(staff.id().value());
        return staff;
    }
}
