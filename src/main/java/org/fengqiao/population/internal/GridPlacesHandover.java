package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridHoldings;
import org.fengqiao.platform.Conflict;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The places and people of a grid. Its addresses, buildings, organisations, rentals in force and the persons living
 * there keep it in use: a grid is not retired over a house, a shop or a resident no other grid would show. Merged into
 * another (移交至网格…), every address with what stands at it, the buildings, households, persons (those who left
 * with their household too, whose records name it), rentals and organisations move to the other grid, as a misplaced
 * address moves with them ({@link MisplacedAddresses}), and so do the verification tasks still open at those places,
 * for the grid that now holds a place is the one whose people check it, and go to its verifier by the rule that
 * assigns a new task ({@link Verifications#reassignHandedOver}). Visits, resolved tasks and readings stay in the
 * old grid's history. A building or organisation named as one of the other grid's (names are unique per grid) is
 * refused by name, nothing moved.
 */
@Component
@Order(1)
class GridPlacesHandover implements GridHoldings {

    /** In the order counted and moved: the households before the persons, as a person's household is his grid's. */
    private static final List<List<String>> TABLES = List.of(List.of("address", "addresses"),
            List.of("building", "buildings"), List.of("household", "households"), List.of("person", "persons"),
            List.of("rental", "rentals"), List.of("organisation", "organisations"));

    private final JdbcClient jdbc;
    private final Clock clock;

    // the tasks' service reaches the tree, which holds this bean among its grid holdings: made when first asked
    private final org.springframework.beans.factory.ObjectProvider<Verifications> verifications;

    GridPlacesHandover(JdbcClient jdbc, Clock clock,
            org.springframework.beans.factory.ObjectProvider<Verifications> verifications) {
        this.verifications = verifications;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Map<String, Long> keeping(Grid grid) {
        LocalDate today = LocalDate.now(clock.withZone(Housing.LOCAL));
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM address WHERE grid_id = :id),
                       (SELECT count(*) FROM person WHERE grid_id = :id AND residence <> 'LEFT'),
                       (SELECT count(*) FROM building WHERE grid_id = :id),
                       (SELECT count(*) FROM organisation WHERE grid_id = :id),
                       (SELECT count(*) FROM rental r WHERE r.grid_id = :id AND """ + Rentals.ACTIVE + ")")
                .param("id", grid.id().value()).param("today", today)
                .query((rs, row) -> {
                    Map<String, Long> left = new LinkedHashMap<>();
                    left.put("addresses", rs.getLong(1));
                    left.put("persons", rs.getLong(2));
                    left.put("buildings", rs.getLong(3));
                    left.put("organisations", rs.getLong(4));
                    left.put("rentals", rs.getLong(5));
                    return left;
                }).single();
    }

    @Override
    public Map<String, Long> handOver(Grid from, Grid to) {
        for (String table : List.of("building", "organisation")) {
            Optional<String> clash = jdbc.sql("SELECT m.name FROM " + table + " m WHERE m.grid_id = :from AND EXISTS ("
                    + "SELECT 1 FROM " + table + " o WHERE o.grid_id = :to AND o.name = m.name) ORDER BY m.name LIMIT 1")
                    .param("from", from.id().value()).param("to", to.id().value()).query(String.class).optional();
            if (clash.isPresent()) {
                throw new Conflict("places.handover." + table + "NameTaken", clash.get(), from.code(), to.code());
            }
        }
        Map<String, Long> moved = new LinkedHashMap<>();
        for (List<String> table : TABLES) {
            long n = jdbc.sql("UPDATE " + table.get(0) + " SET grid_id = :to, version = version + 1, updated_at = now() "
                    + "WHERE grid_id = :from").param("from", from.id().value()).param("to", to.id().value()).update();
            moved.put(table.get(1), n);
        }
        List<UUID> tasks = jdbc.sql("""
                UPDATE verification_task SET grid_id = :to, version = version + 1, updated_at = now()
                 WHERE grid_id = :from AND status <> 'RESOLVED' RETURNING id""")
                .param("from", from.id().value()).param("to", to.id().value()).query(UUID.class).list();
        moved.put("verificationTasks", (long) tasks.size());
        // whoever checked them for the old grid does not serve this one: each goes to its verifier, told in his inbox
        verifications.getObject().reassignHandedOver(List.of(to.id().value()), false, java.util.Set.copyOf(tasks));
        return moved;
    }
}
