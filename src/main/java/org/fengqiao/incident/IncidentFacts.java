package org.fengqiao.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may read about one incident without its personal data: where it came from, what it is,
 * its grid and status, and the staff member who filed it (none for the 110 centre or a resident). The points
 * module turns a report resolved as true into a pending award for whoever filed it.
 */
@Service
public class IncidentFacts {

    /** One incident's facts; {@code filedBy} is null unless a signed-in staff member filed it. */
    public record Filed(UUID id, String trackingCode, Source source, Category category, UUID gridId, String status,
            UUID filedBy) {
    }

    private final JdbcClient jdbc;

    IncidentFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Filed> filed(UUID incidentId) {
        return jdbc.sql("""
                SELECT id, tracking_code, source, category, grid_id, status, created_by FROM incident WHERE id = ?""")
                .param(incidentId)
                .query((rs, n) -> new Filed(rs.getObject("id", UUID.class), rs.getString("tracking_code"),
                        Source.valueOf(rs.getString("source")), Category.valueOf(rs.getString("category")),
                        rs.getObject("grid_id", UUID.class), rs.getString("status"),
                        rs.getObject("created_by", UUID.class)))
                .optional();
    }

    /**
     * An incident as a board of hard cases sees it (no personal data): what and where it is, when it was received
     * and whether it is still open (not resolved, answered or merged into another).
     */
    public record Standing(UUID id, String trackingCode, Source source, Category category, UUID gridId,
            Instant receivedAt, boolean open) {
    }

    private static final String STANDING = """
            SELECT id, tracking_code, source, category, grid_id, received_at,
                   status NOT IN ('RESOLVED', 'ANSWERED', 'MERGED') AS open
            FROM incident""";

    public Optional<Standing> standing(UUID incidentId) {
        return jdbc.sql(STANDING + " WHERE id = ?").param(incidentId).query(IncidentFacts::standing).optional();
    }

    /** Every open incident received before {@code before}, oldest first (a full pass: reconciling a board). */
    public List<Standing> openBefore(Instant before) {
        return jdbc.sql(STANDING + " WHERE status NOT IN ('RESOLVED', 'ANSWERED', 'MERGED') AND received_at < ? "
                + "ORDER BY received_at").param(java.sql.Timestamp.from(before)).query(IncidentFacts::standing).list();
    }

    /**
     * The open incidents received after {@code after} (none: since ever) up to {@code upTo}, in one grid or all
     * (null), oldest first: what came of age for a board since it last looked.
     */
    public List<Standing> openReceivedBetween(Instant after, Instant upTo, UUID gridId) {
        // conditions only for what is given, so that the index on received_at serves the window
        var spec = jdbc.sql(STANDING + " WHERE status NOT IN ('RESOLVED', 'ANSWERED', 'MERGED') AND received_at <= :upTo"
                + (after == null ? "" : " AND received_at > :after") + (gridId == null ? "" : " AND grid_id = :grid")
                + " ORDER BY received_at").param("upTo", java.sql.Timestamp.from(upTo));
        if (after != null) {
            spec = spec.param("after", java.sql.Timestamp.from(after));
        }
        if (gridId != null) {
            spec = spec.param("grid", gridId);
        }
        return spec.query(IncidentFacts::standing).list();
    }

    private static Standing standing(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Standing(rs.getObject("id", UUID.class), rs.getString("tracking_code"),
                Source.valueOf(rs.getString("source")), Category.valueOf(rs.getString("category")),
                rs.getObject("grid_id", UUID.class), rs.getTimestamp("received_at").toInstant(), rs.getBoolean("open"));
    }
}
