package org.fengqiao.incident;

import com.microsoft.playwright.Browser;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A resident on a phone (390 px, in Chinese) with no account, following his report: reports filed as a resident's,
 * each in a grid of its own at the rural central office, for the tracking page's tests.
 */
abstract class ResidentPhoneBrowserTest extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    IncidentDesk desk;
    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    /**
     * Files a help request as a resident would, unanswered, in a new grid coded {@code gridPrefix} and a random number.
     *
     * @return its tracking code and id
     */
    Map.Entry<String, UUID> filed(String gridPrefix, String gridName, int lattice, String description, String address) {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new java.util.Random().nextInt(899999));
        Grid grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, office, gridPrefix + n, gridName, lattice);
        UUID id = desk.file(new NewIncident(Source.RESIDENT, Category.HELP, null, null, description + n, null, null,
                null, address, grid.id().value(), null, "13912345678", null, null), Submitter.system("test"))
                .incident().id();
        String code = jdbc.sql("SELECT tracking_code FROM incident WHERE id = ?").param(id).query(String.class).single();
        return Map.entry(code, id);
    }

    /** Handles the report to its end and answers it (acknowledged first if nobody has yet). */
    void answer(UUID id, String done, String words) {
        Submitter by = Submitter.system("test");
        String status = jdbc.sql("SELECT status FROM incident WHERE id = ?").param(id).query(String.class).single();
        if (status.equals("RECEIVED")) {
            desk.acknowledge(id, by);
        }
        desk.resolve(id, done, by);
        desk.answer(id, words, by);
    }
}
