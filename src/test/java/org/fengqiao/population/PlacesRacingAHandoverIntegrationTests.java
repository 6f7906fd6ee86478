package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.internal.GridChanges;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.internal.Housing;
import org.fengqiao.population.internal.OrganisationRegister;
import org.fengqiao.population.internal.RentalRegister;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two grids of a village merged (移交至网格) while an officer registers a rental or an organisation at an address of the
 * grid being retired, or moves an organisation to such an address: what he files lands in the grid the address went
 * to, never in the grid retired as empty; and an organisation moved by hand into a grid being retired is refused once
 * the retirement is done. Each race is run with the retirement's transaction held open until the filing waits for it.
 */
class PlacesRacingAHandoverIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    GridChanges changes;
    @Autowired
    OrganisationRegister organisations;
    @Autowired
    RentalRegister rentals;
    @Autowired
    Housing housing;
    @Autowired
    PlatformTransactionManager transactions;

    String n;
    Caller caller;
    Grid old;
    Grid kept;
    UUID address;

    @BeforeEach
    void setUp() {
        n = TreeFixtures.unique();
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        Unit office = tree.unit("320722010100");
        Community village = tree.village(office, "T-PR-", "合并竞争村");
        old = tree.grid(village, null, "IT-PRO-", "并出网格");
        kept = tree.grid(village, null, "IT-PRK-", "并入网格");
        caller = new Caller(UUID.randomUUID(), "pr" + n, "所长", "STATION_CHIEF", List.of(office.path()), Set.of());
        address = UUID.randomUUID();
        jdbc.sql("INSERT INTO address (id, grid_id, full_text) VALUES (?, ?, ?)")
                .params(address, old.id().value(), "合并竞争村" + n + "号").update();
    }

    OrganisationRegister.Input shop(UUID grid, UUID at, String name) {
        return new OrganisationRegister.Input(grid, at, name, "SHOP", null, null, null, null, null, null, false);
    }

    UUID gridOf(String table, UUID id) {
        return jdbc.sql("SELECT grid_id FROM " + table + " WHERE id = ?").param(id).query(UUID.class).single();
    }

    @Test
    void anOrganisationRegisteredAtAnAddressOfAGridBeingHandedOverLandsInTheGridTheAddressWentTo() {
        UUID id = new Race(jdbc, transactions).run(() -> changes.handOver(old.id(), kept.id().value(), caller),
                () -> organisations.create(shop(null, address, "竞争小卖部" + n), caller).id());

        assertThat(gridOf("address", address)).isEqualTo(kept.id().value());
        assertThat(gridOf("organisation", id)).as("filed with its address, not in the grid retired as empty")
                .isEqualTo(kept.id().value());
    }

    @Test
    void anOrganisationMovedToAnAddressOfAGridBeingHandedOverLandsInTheGridTheAddressWentTo() {
        Grid elsewhere = new TreeFixtures(jurisdictions, jdbc).grid(jurisdictions.community(old.communityId())
                .orElseThrow(), null, "IT-PRE-", "原址网格");
        UUID id = organisations.create(shop(elsewhere.id().value(), null, "搬迁小卖部" + n), caller).id();

        new Race(jdbc, transactions).run(() -> changes.handOver(old.id(), kept.id().value(), caller),
                () -> organisations.change(id, shop(null, address, "搬迁小卖部" + n), caller));

        assertThat(gridOf("organisation", id)).isEqualTo(kept.id().value());
    }

    @Test
    void anOrganisationMovedByHandIntoAGridBeingRetiredIsRefusedNamingIt() {
        Grid emptied = new TreeFixtures(jurisdictions, jdbc).grid(jurisdictions.community(old.communityId())
                .orElseThrow(), null, "IT-PRR-", "腾空网格");
        UUID id = organisations.create(shop(kept.id().value(), null, "手选小卖部" + n), caller).id();

        RuntimeException refused = new Race(jdbc, transactions).run(() -> changes.retire(emptied.id(), caller), () -> {
            try {
                organisations.change(id, shop(emptied.id().value(), null, "手选小卖部" + n), caller);
                return null;
            } catch (GridRetired e) {
                return e;
            } catch (org.fengqiao.platform.Invalid e) {
                return e;
            }
        });

        assertThat(refused).isNotNull();
        assertThat(((org.fengqiao.platform.Invalid) refused).problems()).extracting(p -> p.key())
                .containsExactly(GridRetired.KEY);
        assertThat(gridOf("organisation", id)).isEqualTo(kept.id().value());
    }

    @Test
    void aRentalRegisteredAtAnAddressOfAGridBeingHandedOverLandsInTheGridTheAddressWentTo() {
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        UUID id = new Race(jdbc, transactions).run(() -> changes.handOver(old.id(), kept.id().value(), caller),
                () -> rentals.create(new RentalRegister.Input(null, address, null, "房东" + n, "13900001111",
                        "RESIDENCE", today.minusDays(10), today.plusYears(1), today.minusDays(10), null, List.of()),
                        caller).id());

        assertThat(gridOf("rental", id)).isEqualTo(kept.id().value());
    }

    @Test
    void aBuildingRegisteredInAGridBeingHandedOverAtItsAddressWaitsAndIsRefusedNamingTheGridRetired() {
        RuntimeException refused = new Race(jdbc, transactions).run(() -> changes.handOver(old.id(), kept.id().value(),
                caller), () -> {
                    try {
                        housing.createBuilding(new Housing.NewBuilding(old.id().value(), "竞争楼" + n, 2, 1, 2,
                                address), caller);
                        return null;
                    } catch (org.fengqiao.platform.Invalid e) {
                        return e;
                    }
                });

        assertThat(refused).as("a building in the grid retired as empty").isNotNull();
        assertThat(((org.fengqiao.platform.Invalid) refused).problems()).extracting(p -> p.key())
                .containsExactly(GridRetired.KEY);
        assertThat(jdbc.sql("SELECT count(*) FROM building WHERE address_id = ?").param(address).query(Long.class)
                .single()).isZero();
    }
}
