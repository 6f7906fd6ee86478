package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.jurisdiction.internal.Groupings;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The groupings page (/groupings) and the API list each unit's groupings together, the units as the jurisdiction tree
 * page lists them: a unit before the units under it, sibling units by code. A unit's path is of ids, so two sibling
 * offices whose ids fall the other way round from their codes show whether the list follows the codes.
 */
class GroupingOrderIntegrationTests extends IntegrationTest {

    static final String RURAL_STATION = "320722010000";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Groupings groupings;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void siblingUnitsGroupingsComeInTheTreesOrderByCodeEachUnitBeforeTheUnitsUnderIt() {
        Unit station = jurisdictions.unitByCode(RURAL_STATION).orElseThrow();
        String stationPath = jdbc.sql("SELECT path FROM unit WHERE id = ?").param(station.id().value())
                .query(String.class).single();
        int depth = jdbc.sql("SELECT depth FROM unit WHERE id = ?").param(station.id().value()).query(Integer.class)
                .single();
        String n = TreeFixtures.unique();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            // the first office by code has the last id, the second the first: by path they would come the other way
            UUID first = UUID.fromString("ffffffff" + UUID.randomUUID().toString().substring(8));
            UUID second = UUID.fromString("00000000" + UUID.randomUUID().toString().substring(8));
            UUID under = UUID.fromString("88888888" + UUID.randomUUID().toString().substring(8));
            UUID above = station.id().value();
            unit(first, above, "CENTRAL_OFFICE", "IT-GO-" + n + "-1", stationPath + first + "/", depth + 1);
            unit(second, above, "CENTRAL_OFFICE", "IT-GO-" + n + "-2", stationPath + second + "/", depth + 1);
            unit(under, first, "WORKSTATION", "IT-GO-" + n + "-1-1", stationPath + first + "/" + under + "/",
                    depth + 2);
            grouping(second, "POLICE_DISTRICT", "IT-GO-" + n + "-A");
            grouping(first, "JOINT_PATROL_ZONE", "IT-GO-" + n + "-B");
            grouping(under, "COOPERATION_ZONE", "IT-GO-" + n + "-C");
            grouping(first, "POLICE_DISTRICT", "IT-GO-" + n + "-D");

            Caller chief = new Caller(null, "chief", "所长", "STATION_CHIEF", List.of(stationPath), Set.of());
            List<String> listed = groupings.visible(chief, null).stream().map(Groupings.Row::code)
                    .filter(code -> code.startsWith("IT-GO-" + n)).toList();
            assertThat(listed).containsExactly("IT-GO-" + n + "-D", "IT-GO-" + n + "-B", "IT-GO-" + n + "-C",
                    "IT-GO-" + n + "-A");
            // the station's own groupings before its offices', as the tree shows the station above them
            List<String> units = groupings.visible(chief, null).stream().map(Groupings.Row::unitName).toList();
            assertThat(units.indexOf(station.name())).isLessThanOrEqualTo(0);
        });
    }

    private void unit(UUID id, UUID parent, String kind, String code, String path, int depth) {
        jdbc.sql("INSERT INTO unit (id, parent_id, kind, code, name, path, depth) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, parent, kind, code, "排序" + code, path, depth).update();
    }

    private void grouping(UUID unit, String kind, String code) {
        jdbc.sql("INSERT INTO grouping (id, kind, code, name, unit_id) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), kind, code, "排序" + code, unit).update();
    }
}
