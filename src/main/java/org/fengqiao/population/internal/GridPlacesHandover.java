package org.fengqiao.population.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridHoldings;
import org.fengqiao.platform.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The places and people of a grid merged into another (移交至网格…): every address with what stands at it, the
 * buildings, households, persons (those who left with their household, whose records name it), rentals and
 * organisations move to the other grid, as a misplaced address moves with them ({@link MisplacedAddresses}). Visits,
 * verification tasks and readings stay in the old grid's history. A building or organisation named as one of the
 * other grid's (names are unique per grid) is refused by name, nothing moved.
 */
@Component
class GridPlacesHandover implements GridHoldings {

    /** In the order counted and moved: the households before the persons, as a person's household is his grid's. */
    private static final List<List<String>> TABLES = List.of(List.of("address", "addresses"),
            List.of("building", "buildings"), List.of("household", "households"), List.of("person", "persons"),
            List.of("rental", "rentals"), List.of("organisation", "organisations"));

    private final JdbcClient jdbc;

    GridPlacesHandover(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        return moved;
    }
}
