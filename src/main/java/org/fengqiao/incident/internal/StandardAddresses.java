package org.fengqiao.incident.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.AddressQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The standard addresses (一标) a report names, read for its grid and its point: by id, or by what was written, that
 * address exactly, else the one most like it (a shorter form of it first, then trigram similarity); within the filer's
 * scope only.
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

    /**
     * The best match for what was written ({@link #address}), and in how many grids lie the standard addresses that
     * match it as well as it does ({@link #grids}): a village or community named alone (吴场村, 房山镇吴场村) is held by
     * every address of it, equally well, in each of its grids, so it does not tell a grid apart; 吴场村1组40号, or a
     * village of one grid, does.
     */
    public record Match(Address address, int grids) {

        /** Whether what was written names one grid, so that a record may be placed in it. */
        public boolean tellsGridApart() {
            return grids == 1;
        }
    }

    /**
     * The address written so, or else the one most like it, best first: an address whose text ends with what was
     * written (吴场村1组40号, the province, city, county and town left out), then one that holds it, then one that
     * holds it with the divisions written in it left out (东海县吴场村1组40号), then the most similar (pg_trgm's word
     * similarity, so a typo in a short form still finds it, and whole-text similarity). Numbers are read as the
     * standard writes them (吴场村一组40 is 吴场村1组40号); see {@link AddressQuery}. Every condition is one the
     * trigram index on the text answers. With it, the number of grids of the addresses matching as well as the best
     * (the same of those conditions met; when none is, the same word similarity): more than one, and the words do
     * not say which grid is meant.
     */
    public Optional<Match> matching(String text, List<String> scopePaths) {
        return matching(text, scopePaths, null);
    }

    /**
     * As above, among the addresses of these grids only when {@code grids} is not null (one who reports in the grids
     * he serves: a grid at its office has the office's path, and the scope alone would take in the office's others).
     */
    public Optional<Match> matching(String text, List<String> scopePaths, List<UUID> grids) {
        AddressQuery q = AddressQuery.of(text);
        if (q == null) {
            return Optional.empty();
        }
        var statement = jdbc.sql(matchingSql(q, grids != null)).params(q.params()).param("scope", patterns(scopePaths));
        if (grids != null) {
            statement = statement.param("grids", grids.toArray(UUID[]::new));
        }
        return statement.query((rs, n) -> new Match(map(rs, n), rs.getInt(6))).optional();
    }

    /** The statement of {@link #matching}: its parameters are the query's and the scope's patterns. */
    static String matchingSql(AddressQuery q) {
        return matchingSql(q, false);
    }

    /** As above, with the grids' ids as a parameter {@code grids} when {@code inGrids}. */
    static String matchingSql(AddressQuery q, boolean inGrids) {
        return """
                WITH candidate AS MATERIALIZED (
                  SELECT a.id, a.grid_id, a.lon, a.lat, a.full_text, ARRAY[%s] AS rank,
                         word_similarity(:addressText, a.full_text) AS word, similarity(a.full_text, :addressText) AS whole
                  FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                  WHERE (a.full_text = :addressText OR %s OR a.full_text %% :addressText OR :addressText <%% a.full_text)
                    AND u.path LIKE ANY(CAST(:scope AS text[]))%s),
                best AS (
                  SELECT * FROM candidate ORDER BY rank DESC, word DESC, whole DESC, length(full_text), id LIMIT 1)
                SELECT b.id, b.grid_id, b.lon, b.lat, b.full_text,
                       (SELECT count(DISTINCT c.grid_id) FROM candidate c
                        WHERE c.rank = b.rank AND (true = ANY(b.rank) OR c.word = b.word)) AS grids
                FROM best b""".formatted(q.rankTerms("a.full_text"), q.anyInside("a.full_text"),
                inGrids ? " AND a.grid_id = ANY(CAST(:grids AS uuid[]))" : "");
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
