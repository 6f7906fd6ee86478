package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The address list pages through a county's addresses in door order (V143) by walking the stored key's index and
 * stopping at the page, as it walked the text's unique index before: sorting every address of the caller's scope
 * for each page would cost a read of the whole table at the bench's 340,000 addresses. Planned here over a few
 * thousand more addresses than the demo's (rolled back), with statistics taken, as the planner sees a county.
 */
class AddressListPlanIntegrationTests extends IntegrationTest {

    @Autowired
    Addresses addresses;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theListWalksTheDoorOrderIndexToItsPageWithoutSortingTheAddresses() {
        Caller bureau = new Caller(null, "plan-test", "plan-test", "BUREAU_CHIEF", List.of("/"), Set.of());
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01' AND network = 'POLICE'").query(UUID.class)
                .single();
        for (UUID gridId : new UUID[] {null, grid}) {
            Addresses.PageStatement statement = addresses.pageStatement(bureau, null, gridId);
            List<String> plan = new TransactionTemplate(transactions).execute(status -> {
                jdbc.sql("""
                        INSERT INTO address (id, grid_id, full_text)
                        SELECT gen_random_uuid(), :grid, '江苏省连云港市东海县房山镇计划村' || (i % 40) || '组' || i || '号'
                        FROM generate_series(1, 5000) i""").param("grid", grid).update();
                jdbc.sql("ANALYZE address").update();
                List<String> lines = jdbc.sql("EXPLAIN (COSTS OFF) " + statement.rows()).params(statement.params())
                        .param("limit", 20).param("offset", 40).query(String.class).list();
                status.setRollbackOnly();
                return lines;
            });
            String text = String.join("\n", plan);
            assertThat(text).as(text).contains("Index Scan using address_sort on address a");
            assertThat(text).as(text).doesNotContain("Sort Key").doesNotContain("Seq Scan on address");
        }
    }

    @Test
    void theKeyComparesNumbersAsNumbersAndTheRestAsText() {
        List<String> texts = List.of("吴场村1组10号", "吴场村2组1号", "吴场村1组2号", "吴场村1组1号", "吴场村１组３号",
                "幸福小区12号楼1001室", "幸福小区3号楼1001室", "幸福小区3号楼101室", "幸福小区03号楼102室");
        String byKey = "SELECT t FROM unnest(CAST(? AS text[])) t ORDER BY natural_sort_key(t) COLLATE \"C\"";
        List<String> ordered = jdbc.sql(byKey).param(texts.toArray(String[]::new)).query(String.class).list();
        assertThat(ordered).containsExactly("吴场村1组1号", "吴场村1组2号", "吴场村１组３号", "吴场村1组10号", "吴场村2组1号",
                "幸福小区3号楼101室", "幸福小区03号楼102室", "幸福小区3号楼1001室", "幸福小区12号楼1001室");
    }
}
