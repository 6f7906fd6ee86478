package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.fengqiao.platform.PeriodFigures.Period;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The population's work figures can reach a period's persons, households and addresses through an index (V141):
 * without one each count read the whole table, 0.75 s for a month with nothing in it at the bench's million persons,
 * twice per view of /figures (with them, 4 ms). Each period condition of {@link PopulationFigures#STATEMENT} is
 * planned here on its table alone with sequential scans off, so the demo's small tables cannot hide a condition only
 * a walk of every row could answer. Whether the whole statement starts from these indexes or from the grid's is the
 * planner's choice by the tables' sizes (at a million persons it takes these: bench/README.md), not what this checks.
 */
class PopulationFiguresPlanIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @ParameterizedTest(name = "{0} {1} through {2}")
    @CsvSource({
        "person, ENTERED, person_created_brin",
        "household, ENTERED, household_created_brin",
        "address, ENTERED, address_created_brin",
        "person, FLOATING_REGISTERED, person_floating_registered",
        "contact_card_handed, CONTACT_CARD, contact_card_handed_on"})
    void eachPeriodConditionIsAnsweredThroughItsIndex(String table, String condition, String index) {
        String alias = "contact_card_handed".equals(table) ? "c" : "x";
        String where = switch (condition) {
            case "ENTERED" -> PopulationFigures.ENTERED;
            case "FLOATING_REGISTERED" -> PopulationFigures.FLOATING_REGISTERED;
            case "CONTACT_CARD" -> PopulationFigures.CONTACT_CARD;
            default -> throw new IllegalArgumentException(condition);
        };
        Period period = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
        List<String> plan = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return jdbc.sql("EXPLAIN (COSTS OFF) SELECT count(*) FROM " + table + " " + alias + " WHERE " + where)
                    .param("start", period.start()).param("end", period.end())
                    .param("first", period.first()).param("after", period.after())
                    .query(String.class).list();
        });
        String text = String.join("\n", plan);

        // a condition on another index's walk shows as a Filter, not as the Index Cond of this one
        assertThat(text).as(text).containsPattern(
                "(Scan using|Bitmap Index Scan on) " + index + "( on " + table + " " + alias + ")?\n\\s+Index Cond: ");
        assertThat(text).as(text).doesNotContain("Seq Scan");
    }
}
