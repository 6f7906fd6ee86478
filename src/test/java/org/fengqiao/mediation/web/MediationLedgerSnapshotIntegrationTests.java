package org.fengqiao.mediation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.firstColumn;
import static org.fengqiao.support.Workbooks.rows;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.mediation.internal.Disputes;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.Ledger;
import org.fengqiao.support.BetweenPages;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.LedgerOffice;
import org.fengqiao.support.Workbooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The mediation ledger is the list as it stood when the export began: a case marked at risk by someone else while the
 * ledger is read (it moves to the top of the list) is neither written twice nor pushes another case out, however many
 * pages the ledger reads; more than 50,000 cases are refused in the reader's language with nothing written.
 */
class MediationLedgerSnapshotIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Disputes disputes;
    @Autowired
    MessageSource messages;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    LedgerOffice at;
    String n;

    @BeforeEach
    void anOfficeOfItsOwn() {
        at = LedgerOffice.of(jurisdictions, staff, "LDS", "调解快照", 119);
        n = at.n();
    }

    @AfterEach
    void theirCasesGo() {
        jdbc.sql("DELETE FROM dispute_case WHERE grid_id = ?").param(at.gridId()).update();
    }

    /** Open cases, not at risk, the first the newest: the list's order is their number's. */
    void openCases(int count) {
        jdbc.sql("""
                INSERT INTO dispute_case (id, code, origin, kind, grid_id, summary, status, at_risk, opened_at)
                SELECT gen_random_uuid(), 'LDS' || :n || '-' || g, 'WALK_IN', 'NEIGHBOURS', :grid, '快照纠纷', 'OPEN',
                    false, now() - g * interval '1 second'
                FROM generate_series(1, :count) g""")
                .param("n", n).param("grid", at.gridId()).param("count", count).update();
    }

    @Test
    void aCaseMarkedAtRiskWhileTheLedgerIsReadIsWrittenOnceAndNoneIsLeftOut() throws Exception {
        int count = Ledger.PAGE + 1;
        openCases(count);
        String last = "LDS" + n + "-" + count;
        // between the first page and the second, the last case is marked at risk and so listed first
        Disputes between = BetweenPages.changing(Disputes.class, disputes, "items",
                () -> jdbc.sql("UPDATE dispute_case SET at_risk = true WHERE code = ?").param(last).update());
        Caller chief = new Caller(null, "ldschief" + n, "所长", "STATION_CHIEF", List.of(at.unit().path()), Set.of());
        MockHttpServletResponse response = new MockHttpServletResponse();

        new MediationLedger(between, messages, events, transactions).write(new Disputes.Filter(null, null, null, null),
                chief, Locale.SIMPLIFIED_CHINESE, response);

        assertThat(jdbc.sql("SELECT at_risk FROM dispute_case WHERE code = ?").param(last).query(Boolean.class)
                .single()).as("the change was committed while the ledger was read").isTrue();
        List<List<String>> ledger = rows(response.getContentAsByteArray());
        assertThat(firstColumn(ledger)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, count).mapToObj(i -> "LDS" + n + "-" + i).toList());
        assertThat(ledger.get(count).get(8)).as("at risk, as it stood when the export began").isEmpty();
        assertThat(jdbc.sql("""
                SELECT after->>'rows' FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'dispute'
                ORDER BY seq DESC LIMIT 1""").query(String.class).single()).isEqualTo(String.valueOf(count));
    }

    @Test
    void moreThanFiftyThousandCasesAreRefusedInTheReadersLanguageAndNothingIsWritten() {
        openCases(Ledger.MAX_ROWS + 1);
        ApiClient api = new ApiClient(port);
        String officer = api.token(at.username(), DEMO_PASSWORD);
        long exports = exports();

        Workbooks.refusedAsTooLong(api, "/api/v1/mediation/cases/export?show=all", officer);
        // from the list page's link, the refusal comes back on the page he was looking at
        ApiClient page = new ApiClient(port).signedIn(at.username(), DEMO_PASSWORD, null);
        HttpResponse<byte[]> refused = page.download("/mediation/export.xlsx?show=all", null);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/mediation?show=all");
        assertThat(refused.headers().firstValue("Content-Disposition")).as("nothing written").isEmpty();
        assertThat(page.get("/mediation?show=all", null).body()).contains("50,001 条").contains("缩小筛选范围");
        assertThat(exports()).as("no export recorded").isEqualTo(exports);
    }

    long exports() {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'dispute'")
                .query(Long.class).single();
    }
}
