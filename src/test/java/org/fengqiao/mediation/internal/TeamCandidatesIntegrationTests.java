package org.fengqiao.mediation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.MediationLoader;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The team form of a case at an office of many people (volunteers and mediators by the hundred) still offers the
 * station's chief, who sits on a team as its officer: each circle is cut on its own, not the list as a whole.
 */
class TeamCandidatesIntegrationTests extends IntegrationTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    MediationLoader mediation;
    @Autowired
    Disputes disputes;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anOfficeOfManyPeopleLeavesItsStationsChiefOnTheList() {
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        String n = TreeFixtures.unique();
        Unit bureau = tree.unit("320722000000");
        Unit station = jurisdictions.createUnit(bureau.id(), UnitKind.STATION, "IT-TC-ST-" + n, "多人派出所" + n, "320722");
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.CENTRAL_OFFICE, "IT-TC-CO-" + n, "多人警务室" + n,
                "320722");
        Staff chief = directory.register(station.id(), StaffRole.STATION_CHIEF, "多人所长" + n, null, null, "所长",
                "tcchief" + n, DEMO_PASSWORD);
        Community village = tree.village(office, "T-TC-", "多人村");
        java.util.Random random = new java.util.Random();
        Grid grid = tree.gridAt(village, "IT-TC-" + n, "多人网格" + n, 70 + random.nextInt(9000) / 1000.0,
                50 + random.nextInt(3000) / 1000.0);
        // more mediators at the office than the whole list once held
        List<UUID> many = jdbc.sql("""
                INSERT INTO staff (id, unit_id, role, name)
                SELECT gen_random_uuid(), ?, 'MEDIATOR', '调解员' || lpad(i::text, 3, '0') FROM generate_series(1, 301) i
                RETURNING id""").param(office.id().value()).query(UUID.class).list();
        try {
            UUID caseId = mediation.open(DisputeOrigin.WALK_IN, DisputeKind.NEIGHBOURS, grid.id().value(),
                    "多人纠纷" + n, null, List.<String[]>of(new String[] {"甲", null}), Map.of(), "test");
            List<Disputes.Candidate> offered = disputes.candidates(caseId, grid.id().value(), grid.unitPath());
            assertThat(offered.stream().filter(c -> c.circle() == Disputes.Circle.OFFICE).count())
                    .isEqualTo(Disputes.PER_CIRCLE);
            assertThat(offered).filteredOn(c -> c.staffId().equals(chief.id().value()))
                    .singleElement().extracting(Disputes.Candidate::circle).isEqualTo(Disputes.Circle.ABOVE);
            assertThat(offered.indexOf(offered.stream().filter(c -> c.circle() == Disputes.Circle.ABOVE)
                    .findFirst().orElseThrow())).as("the office's people before the station's")
                    .isEqualTo((int) Disputes.PER_CIRCLE);
        } finally {
            jdbc.sql("DELETE FROM staff WHERE id = ANY(?)").param(many.toArray(UUID[]::new)).update();
        }
    }
}
