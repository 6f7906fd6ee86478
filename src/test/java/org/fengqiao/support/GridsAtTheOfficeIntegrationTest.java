package org.fengqiao.support;

import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tests of what those who serve one grid placed at its central office (whose unit path is the office's) read and do,
 * on the set-up {@link GridsAtTheOffice}: two grids side by side at the office, staff seated there serving the first.
 */
public abstract class GridsAtTheOfficeIntegrationTest extends IntegrationTest {

    /** What a browser asks for: an error or a refusal is answered as a page, not as JSON. */
    public static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    protected int port;
    @Autowired
    protected Jurisdictions jurisdictions;
    @Autowired
    protected StaffDirectory directory;
    @Autowired
    protected JdbcClient jdbc;

    /** Two new grids at the office; {@code tag}, two letters in their codes, {@code name} their names' stem. */
    protected GridsAtTheOffice twoGridsAtTheOffice(String tag, String name) {
        return GridsAtTheOffice.of(jurisdictions, tag, name);
    }
}
