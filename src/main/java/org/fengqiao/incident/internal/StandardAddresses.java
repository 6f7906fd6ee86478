package org.fengqiao.incident.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The standard addresses (一标) a report names, read for its grid and its point: by id, or by what was written, that
 * address exactly, else the most similar one (trigram similarity over the full text); within the filer's scope only.
 * How a report without a location finds its grid when its address does (Open311's address_id and address_string, a
 * resident or a grid member who writes where it happened).
 */
@Repository
public class StandardAddresses {

    /** A standard address: its grid, its point when it has one, its full text. */
    public record Address(UUID id, UUID gridId, Double lon, Double lat, String fullText) {
    }

    private final JdbcClient jdbc;

    StandardAddresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Address> byId(UUID id, List<String> scopePaths) {
        return jdbc.sql("""
                SELECT a.id, a.grid_id, a.lon, a.lat, a.full_text FROM address a JOIN grid g ON g.id = a.grid_id
                JOIN unit u ON u.id = g.unit_id WHERE a.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))""")
                .param("id", id).param("scope", patterns(scopePaths)).query(StandardAddresses::map).optional();
    }

    /** The address written so, or else the most similar one (pg_trgm's %, similarity at least 0.3). */
    public Optional<Address> matching(String text, List<String> scopePaths) {
        return jdbc.sql("""
                SELECT a.id, a.grid_id, a.lon, a.lat, a.full_text FROM address a JOIN grid g ON g.id = a.grid_id
                JOIN unit u ON u.id = g.unit_id
                WHERE (a.full_text = :t OR a.full_text % :t) AND u.path LIKE ANY(CAST(:scope AS text[]))
                ORDER BY a.full_text = :t DESC, similarity(a.full_text, :t) DESC, a.id LIMIT 1""")
                .param("t", text.trim()).param("scope", patterns(scopePaths)).query(StandardAddresses::map).optional();
    }

    private static String[] patterns(List<String> scopePaths) {
        if (scopePaths == null) {
            return new String[] {"%"};
        }
        return scopePaths.stream().map(p -> p + "%").toArray(String[]::new);
    }

    private static Address map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Address(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), (Double) rs.getObject(3),
                (Double) rs.getObject(4), rs.getString(5));
    }
}
