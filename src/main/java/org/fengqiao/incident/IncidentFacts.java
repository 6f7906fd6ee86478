package org.fengqiao.incident;

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
}
