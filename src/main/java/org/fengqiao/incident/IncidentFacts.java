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

    /** A drawn number held already, or a caller naming the same incident at once: each costs one attempt. */
    private static final int REFERENCE_ATTEMPTS = 20;

    private final JdbcClient jdbc;

    IncidentFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The incident's {@link IncidentReference}: the number it was given, or one drawn now and kept. Never asked for
     * while a report is filed (filing is measured; nothing is added to it), only where the board or the ledger
     * names one. A number another incident already holds (one kept from before V166) is passed over, and two callers
     * naming the same new incident at once get the same one: the second finds the first's once it is committed.
     */
    public String reference(UUID incidentId) {
        for (int attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
            Optional<Long> number = jdbc.sql("""
                    WITH drawn AS (
                        INSERT INTO incident_reference (incident_id, number)
                        SELECT i.id, nextval('incident_reference_number') FROM incident i
                        WHERE i.id = :id AND NOT EXISTS (SELECT 1 FROM incident_reference r WHERE r.incident_id = i.id)
                        ON CONFLICT DO NOTHING
                        RETURNING number)
                    SELECT number FROM drawn
                    UNION ALL SELECT number FROM incident_reference WHERE incident_id = :id""")
                    .param("id", incidentId).query(Long.class).optional();
            if (number.isPresent()) {
                return IncidentReference.of(number.get());
            }
            if (filed(incidentId).isEmpty()) {
                throw new IllegalArgumentException("no incident " + incidentId);
            }
        }
        throw new IllegalStateException("no reference drawn for incident " + incidentId);
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
