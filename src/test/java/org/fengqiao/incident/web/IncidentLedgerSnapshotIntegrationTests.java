package org.fengqiao.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.firstColumn;
import static org.fengqiao.support.Workbooks.rows;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.Reach;
import org.fengqiao.incident.internal.Ratings;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.web.Ledger;
import org.fengqiao.support.BetweenPages;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.LedgerOffice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The incident ledger is the list as it stood when the export began: a report answered while the ledger is read (it
 * moves from the top of the list to its end) is neither written twice nor pushes another report out, however many pages
 * the ledger reads, and the rows written are the rows counted.
 */
class IncidentLedgerSnapshotIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Incidents incidents;
    @Autowired
    Ratings ratings;
    @Autowired
    IncidentViews views;
    @Autowired
    MessageSource messages;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Clock clock;
    @Autowired
    PlatformTransactionManager transactions;

    LedgerOffice at;
    String n;

    @BeforeEach
    void anOfficeOfItsOwn() {
        at = LedgerOffice.of(jurisdictions, staff, "LIS", "事项快照", 123);
        n = at.n();
    }

    @AfterEach
    void theirReportsGo() {
        jdbc.sql("DELETE FROM incident WHERE grid_id = ?").param(at.gridId()).update();
    }

    @Test
    void aReportAnsweredWhileTheLedgerIsReadIsWrittenOnceAndNoneIsLeftOut() throws Exception {
        int count = Ledger.PAGE + 1;
        // open reports without a deadline, the first received last: the list's order is their number's
        jdbc.sql("""
                INSERT INTO incident (id, tracking_code, source, category, description, occurred_at, grid_id,
                    status, owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at,
                    submitter)
                SELECT gen_random_uuid(), 'LIS' || :n || '-' || g, 'FIELD', 'HELP', '台账快照', now(), :grid,
                    'RECEIVED', :unit, :staff, now(), 'test', 'test', now() - g * interval '1 second', 'test'
                FROM generate_series(1, :count) g""")
                .param("n", n).param("grid", at.gridId()).param("unit", at.unit().id().value())
                .param("staff", at.officer().id().value()).param("count", count).update();
        String first = "LIS" + n + "-1";
        // between the first page and the second, the first report is answered and so listed last
        Incidents between = BetweenPages.changing(Incidents.class, incidents, "items",
                () -> jdbc.sql("UPDATE incident SET status = 'ANSWERED', answered_at = now() WHERE tracking_code = ?")
                        .param(first).update());
        ListQuery query = new ListQuery(new Incidents.Filter(null, null, null, null, null, null, null, null, false,
                false, null, null, null), Reach.within(List.of(at.unit().path())));
        MockHttpServletResponse response = new MockHttpServletResponse();

        new IncidentLedger(between, ratings, views, messages, events, clock, transactions).write(query,
                Locale.SIMPLIFIED_CHINESE, response);

        assertThat(jdbc.sql("SELECT status FROM incident WHERE tracking_code = ?").param(first).query(String.class)
                .single()).as("the change was committed while the ledger was read").isEqualTo("ANSWERED");
        List<List<String>> ledger = rows(response.getContentAsByteArray());
        assertThat(firstColumn(ledger)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, count).mapToObj(i -> "LIS" + n + "-" + i).toList());
        assertThat(ledger.get(1).get(14)).as("not answered, as it stood when the export began").isEmpty();
        assertThat(jdbc.sql("""
                SELECT after->>'rows' FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'incident'
                ORDER BY seq DESC LIMIT 1""").query(String.class).single()).isEqualTo(String.valueOf(count));
    }
}
