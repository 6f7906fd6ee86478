package org.fengqiao.mediation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.mediation.internal.Disputes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may read about a dispute case without its personal data (no summary, no parties): its code,
 * kind, grid, when it was opened and whether it is still open.
 * <p>
 * Each read writes first the cases gathered in the caller's transaction ({@link Disputes#writeGathered}): the hard-case
 * board's sweep and reconciliation ({@code claims.BoardUpkeep}) join the transaction they are called in, and the demo
 * refreshes the board in the one that filed its 110 calls; a 110 dispute filed there was missing from the board.
 */
@Service
public class DisputeFacts {

    public record Standing(UUID id, String code, DisputeKind kind, UUID gridId, Instant openedAt, boolean open) {
    }

    private static final String SELECT = "SELECT id, code, kind, grid_id, opened_at, status = 'OPEN' AS open FROM dispute_case";

    private final JdbcClient jdbc;
    private final Disputes disputes;

    DisputeFacts(JdbcClient jdbc, Disputes disputes) {
        this.jdbc = jdbc;
        this.disputes = disputes;
    }

    public Optional<Standing> standing(UUID caseId) {
        disputes.writeGathered();
        return jdbc.sql(SELECT + " WHERE id = ?").param(caseId).query(DisputeFacts::map).optional();
    }

    /** Every open case opened before {@code before}, oldest first (a full pass: reconciling a board). */
    public List<Standing> openBefore(Instant before) {
        disputes.writeGathered();
        return jdbc.sql(SELECT + " WHERE status = 'OPEN' AND opened_at < ? ORDER BY opened_at")
                .param(java.sql.Timestamp.from(before)).query(DisputeFacts::map).list();
    }

    /**
     * The open cases opened after {@code after} (none: since ever) up to {@code upTo}, in one grid or all (null),
     * oldest first: what came of age for a board since it last looked.
     */
    public List<Standing> openOpenedBetween(Instant after, Instant upTo, UUID gridId) {
        disputes.writeGathered();
        // conditions only for what is given, so that the index on opened_at (or the grid's) serves the window
        var spec = jdbc.sql(SELECT + " WHERE status = 'OPEN' AND opened_at <= :upTo"
                + (after == null ? "" : " AND opened_at > :after") + (gridId == null ? "" : " AND grid_id = :grid")
                + " ORDER BY opened_at").param("upTo", java.sql.Timestamp.from(upTo));
        if (after != null) {
            spec = spec.param("after", java.sql.Timestamp.from(after));
        }
        if (gridId != null) {
            spec = spec.param("grid", gridId);
        }
        return spec.query(DisputeFacts::map).list();
    }

    private static Standing map(ResultSet rs, int n) throws SQLException {
        return new Standing(rs.getObject("id", UUID.class), rs.getString("code"), DisputeKind.valueOf(rs.getString("kind")),
                rs.getObject("grid_id", UUID.class), rs.getTimestamp("opened_at").toInstant(), rs.getBoolean("open"));
    }
}
