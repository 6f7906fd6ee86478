package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Door-to-door visits (走访) and the changes made during each of them. */
@Repository
public class VisitLog {

    private final JdbcClient jdbc;

    VisitLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Change(String recordType, UUID recordId, String summary, OffsetDateTime changedAt) {
    }

    public record Visit(UUID id, UUID gridId, UUID householdId, UUID visitedBy, String visitedByName,
            OffsetDateTime visitedAt, String findings, boolean contactCard, List<Change> changes) {
    }

    /** Where a visit took place, to check that a change linked to it concerns the same grid. */
    public Optional<UUID> gridOf(UUID visitId) {
        return jdbc.sql("SELECT grid_id FROM visit WHERE id = ?").param(visitId).query(UUID.class).optional();
    }

    public void insert(UUID id, UUID gridId, UUID householdId, UUID visitedBy, OffsetDateTime visitedAt,
            String findings, boolean contactCard) {
        jdbc.sql("""
                INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at, findings, contact_card)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, gridId, householdId, visitedBy, visitedAt, findings, contactCard).update();
    }

    public void recordChange(UUID visitId, String recordType, UUID recordId, String summary) {
        jdbc.sql("INSERT INTO visit_change (visit_id, record_type, record_id, summary) VALUES (?, ?, ?, ?)")
                .params(visitId, recordType, recordId, summary).update();
    }

    public Optional<Visit> find(UUID id) {
        return visits("v.id = ?", id).stream().findFirst();
    }

    /** The visits of a household, newest first, each with the changes made during it. */
    public List<Visit> ofHousehold(UUID householdId) {
        return visits("v.household_id = ?", householdId);
    }

    private List<Visit> visits(String where, UUID param) {
        Map<UUID, Visit> visits = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT v.id, v.grid_id, v.household_id, v.visited_by, s.name AS staff_name, v.visited_at, v.findings,
                       v.contact_card, c.record_type, c.record_id, c.summary, c.changed_at
                FROM visit v JOIN staff s ON s.id = v.visited_by
                LEFT JOIN visit_change c ON c.visit_id = v.id
                WHERE\s""" + where + " ORDER BY v.visited_at DESC, v.created_at DESC, v.id, c.changed_at")
                .param(param).query((ResultSet rs) -> {
                    Visit v = visits.computeIfAbsent(rs.getObject("id", UUID.class), k -> visit(rs));
                    if (rs.getString("record_type") != null) {
                        v.changes().add(new Change(rs.getString("record_type"), rs.getObject("record_id", UUID.class),
                                rs.getString("summary"), rs.getObject("changed_at", OffsetDateTime.class)));
                    }
                });
        return List.copyOf(visits.values());
    }

    private static Visit visit(ResultSet rs) {
        try {
            return new Visit(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class),
                    rs.getObject("household_id", UUID.class), rs.getObject("visited_by", UUID.class),
                    rs.getString("staff_name"), rs.getObject("visited_at", OffsetDateTime.class),
                    rs.getString("findings"), rs.getBoolean("contact_card"), new ArrayList<>());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
