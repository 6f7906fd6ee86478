package org.fengqiao.mediation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.IncidentLoader;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Source;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.mediation.DisputeFacts;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The case of a 110 dispute filed in a transaction is written with the transaction's others just before it commits
 * (Disputes.gather); what reads cases later in the same transaction sees it all the same: the hard-case board's facts
 * (its sweep and reconciliation join the caller's transaction, as the demo's board refresh after its 110 calls does),
 * the work figures, and what a grid's retirement finds still open in it. Each transaction is rolled back: nothing of
 * it stays in the shared database.
 */
class GatheredCasesReadIntegrationTests extends IntegrationTest {

    @Autowired
    IncidentLoader incidents;
    @Autowired
    DisputeFacts facts;
    @Autowired
    MediationFigures figures;
    @Autowired
    OpenCasesHandover handover;
    @Autowired
    Disputes disputes;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    static final String SAID = "110推送：两户因排水沟堵塞争执，要求民警到场。";

    @Test
    void theBoardsFactsInTheFilingTransactionListTheCaseOfA110DisputeFiledInIt() {
        inFilingTransaction((grid, filing) -> {
            Instant before = clock.instant().minusMillis(1);
            UUID incident = filing.get();
            List<DisputeFacts.Standing> cameOfAge = facts.openOpenedBetween(before, clock.instant(), grid.id().value());
            UUID caseId = disputes.byIncident(incident).orElseThrow();
            assertThat(cameOfAge).as("the grid's open cases opened since the filing began")
                    .extracting(DisputeFacts.Standing::id).containsExactly(caseId);
        });
        inFilingTransaction((grid, filing) -> {
            UUID incident = filing.get();
            List<UUID> open = facts.openBefore(clock.instant().plusSeconds(1)).stream()
                    .map(DisputeFacts.Standing::id).toList();
            assertThat(open).as("every open case (the board's reconciliation)")
                    .contains(disputes.byIncident(incident).orElseThrow());
        });
    }

    @Test
    void theWorkFiguresInTheFilingTransactionCountTheCaseOfA110DisputeFiledInIt() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), LocalTimes.ZONE);
        PeriodFigures.Period day = new PeriodFigures.Period(today, today);
        inFilingTransaction((grid, filing) -> {
            long opened = opened(grid, day);
            filing.get();
            assertThat(opened(grid, day)).as("the day's disputes opened in the grid's unit").isEqualTo(opened + 1);
        });
    }

    @Test
    void aGridsOpenCasesInTheFilingTransactionHoldTheCaseOfA110DisputeFiledInIt() {
        inFilingTransaction((grid, filing) -> {
            long open = handover.keeping(grid).get("openDisputeCases");
            filing.get();
            assertThat(handover.keeping(grid)).as("what keeps the grid in use")
                    .isEqualTo(Map.of("openDisputeCases", open + 1));
        });
    }

    /**
     * Runs {@code check} in a transaction rolled back at its end, with a grid of the demo and the filing of a 110
     * dispute there (the incident's id), which {@code check} makes when it is ready for it.
     */
    private void inFilingTransaction(java.util.function.BiConsumer<Grid, java.util.function.Supplier<UUID>> check) {
        UUID gridId = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'NS-2-02'").query(UUID.class)
                .single();
        Grid grid = jurisdictions.grid(new GridId(gridId)).orElseThrow();
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            check.accept(grid, () -> incidents.file(new NewIncident(Source.CALL_110, Category.DISPUTE, null, null, SAID,
                    null, null, null, "南山村二组", gridId, null, null, null, null), "110"));
        });
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(SAID).query(Long.class)
                .single()).as("nothing of the filing kept").isZero();
    }

    private long opened(Grid grid, PeriodFigures.Period day) {
        return figures.count(List.of(grid.unitPath()), day).stream()
                .filter(f -> f.key().equals("disputesOpened")).findFirst().orElseThrow().count();
    }
}
