package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A demo database loaded before the grids had work points of their own: the next demo start places each demo grid
 * still at its community's unit under its work point (the one there, or a new one), once, and leaves the others.
 */
class DemoWorkPointsIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    DemoWorkPoints demoWorkPoints;

    UUID unitOf(String gridCode) {
        return jdbc.sql("SELECT unit_id FROM grid WHERE network = 'POLICE' AND code = ?").param(gridCode)
                .query(UUID.class).single();
    }

    @Test
    void aDemoGridAtItsCentralOfficeGoesBackUnderItsWorkPointAndANewOneGetsOneOnce() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        UUID point = unitOf("FS-3-05");
        assertThat(point).isNotEqualTo(office.id().value());
        // an earlier demo: the grid at the central office, its work point not yet used
        jdbc.sql("UPDATE grid SET unit_id = ? WHERE network = 'POLICE' AND code = 'FS-3-05'").param(office.id().value())
                .update();
        // and a grid of a village the earlier demo had, with no work point at all
        String code = "FS-9-" + (10 + new Random().nextInt(89));
        Grid old = SatisfactionPageIntegrationTests.testGrid(jurisdictions, office, code, "旧演示", 100);
        assertThat(old.unitId()).isEqualTo(office.id());

        demoWorkPoints.prepare();

        assertThat(unitOf("FS-3-05")).as("back under the work point it had").isEqualTo(point);
        Unit made = jurisdictions.unitByCode("JWD-" + code).orElseThrow();
        assertThat(made.parentId()).isEqualTo(office.id());
        assertThat(made.name()).isEqualTo(old.name() + "警务工作点");
        assertThat(unitOf(code)).isEqualTo(made.id().value());
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'grid' AND action = 'UPDATE' AND record_id = ?""")
                .param(old.id().value().toString()).query(Long.class).single()).as("the move is audited").isEqualTo(1);

        // once: the next start finds nothing to place and makes no unit
        long units = jdbc.sql("SELECT count(*) FROM unit").query(Long.class).single();
        demoWorkPoints.prepare();
        assertThat(jdbc.sql("SELECT count(*) FROM unit").query(Long.class).single()).isEqualTo(units);
        assertThat(unitOf(code)).isEqualTo(made.id().value());
    }
}
