package org.fengqiao.recovery.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.firstColumn;
import static org.fengqiao.support.Workbooks.rows;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.Ledger;
import org.fengqiao.recovery.internal.RecoveryFiles;
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
 * The recovery ledger is the list as it stood when the export began: a file closed by its officer while the ledger is
 * read (it moves to the end of the list) is neither written twice nor pushes another file out, however many pages the
 * ledger reads; more than 50,000 files are refused in the reader's language with nothing written.
 */
class RecoveryLedgerSnapshotIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    RecoveryFiles files;
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
        at = LedgerOffice.of(jurisdictions, staff, "LRS", "追赃快照", 121);
        n = at.n();
    }

    @AfterEach
    void theirFilesGo() {
        jdbc.sql("DELETE FROM recovery_file WHERE grid_id = ?").param(at.gridId()).update();
    }

    /** Open files, the first registered last: the list's order is their number's. */
    void openFiles(int count) {
        jdbc.sql("""
                INSERT INTO recovery_file (id, code, case_number, title, grid_id, registered_on, owner_staff_id)
                SELECT gen_random_uuid(), 'LRS' || :n || '-' || g, 'LRS-' || g, '快照盗窃案', :grid,
                    current_date - g, :owner
                FROM generate_series(1, :count) g""")
                .param("n", n).param("grid", at.gridId()).param("owner", at.officer().id().value())
                .param("count", count).update();
    }

    @Test
    void aFileClosedWhileTheLedgerIsReadIsWrittenOnceAndNoneIsLeftOut() throws Exception {
        int count = Ledger.PAGE + 1;
        openFiles(count);
        String first = "LRS" + n + "-1";
        // between the first page and the second, the first file is closed and so listed last
        RecoveryFiles between = BetweenPages.changing(RecoveryFiles.class, files, "items",
                () -> jdbc.sql("UPDATE recovery_file SET status = 'CLOSED' WHERE code = ?").param(first).update());
        Caller chief = new Caller(null, "lrschief" + n, "所长", "STATION_CHIEF", List.of(at.unit().path()), Set.of());
        MockHttpServletResponse response = new MockHttpServletResponse();

        new RecoveryLedger(between, messages, events, transactions).write(new RecoveryFiles.Filter(null, null, null),
                chief, Locale.SIMPLIFIED_CHINESE, response);

        assertThat(jdbc.sql("SELECT status FROM recovery_file WHERE code = ?").param(first).query(String.class)
                .single()).as("the change was committed while the ledger was read").isEqualTo("CLOSED");
        List<List<String>> ledger = rows(response.getContentAsByteArray());
        assertThat(firstColumn(ledger)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, count).mapToObj(i -> "LRS" + n + "-" + i).toList());
        assertThat(ledger.get(1).get(7)).as("open, as it stood when the export began").isEqualTo("办理中");
        assertThat(jdbc.sql("""
                SELECT after->>'rows' FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'recovery-file'
                ORDER BY seq DESC LIMIT 1""").query(String.class).single()).isEqualTo(String.valueOf(count));
    }

    @Test
    void moreThanFiftyThousandFilesAreRefusedInTheReadersLanguageAndNothingIsWritten() {
        openFiles(Ledger.MAX_ROWS + 1);
        ApiClient api = new ApiClient(port);
        String token = api.token(at.username(), DEMO_PASSWORD);
        long exports = exports();

        Workbooks.refusedAsTooLong(api, "/api/v1/recovery/files/export?show=all", token);
        assertThat(exports()).as("no export recorded").isEqualTo(exports);
    }

    long exports() {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'recovery-file'")
                .query(Long.class).single();
    }
}
