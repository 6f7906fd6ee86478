package org.fengqiao.population;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may read about one person of the population records, by id, within the caller's scope (the
 * scope inside the query, like every read of a person): the name, the masked phone, the grid and where it sits in
 * the tree. Never the identity number or the phone in full. The caller audits the read where it shows the person.
 */
@Service
public class PersonFacts {

    /** One person as other modules may show him: name, masked phone (null if none), grid and unit path. */
    public record Person(UUID id, String name, String phoneMasked, UUID gridId, String gridName, String unitPath) {
    }

    private final JdbcClient jdbc;

    PersonFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The person if {@code unitPaths} (the caller's units; null: everything) sees his grid. */
    public Optional<Person> visible(UUID personId, List<String> unitPaths) {
        String[] scope = unitPaths == null ? null : unitPaths.stream().map(p -> p + "%").toArray(String[]::new);
        return jdbc.sql("""
                SELECT p.id, p.name, p.phone_masked, p.grid_id, g.name AS grid_name, u.path
                FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE p.id = :id AND (CAST(:scope AS text[]) IS NULL OR u.path LIKE ANY(CAST(:scope AS text[])))""")
                .param("id", personId).param("scope", scope)
                .query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6)))
                .optional();
    }
}
