package org.fengqiao.forces.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.account.RosterDay;
import org.fengqiao.forces.ContactWay;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The handlers' contacts with informants (联络记录); who may see them is the caller of this class's business. */
@Repository
public class InformantContacts {

    /** Latest first; how many one page of the informant's profile lists. */
    static final int SHOWN = 50;

    public record Contact(UUID id, LocalDate contactedOn, ContactWay way, String note, UUID contactedBy,
            String contactedByName) {
    }

    private final JdbcClient jdbc;

    InformantContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The grid a contact with the informant on that day counts in: the grid of his profile, or else the grid he
     * serves as informant on that day (the latest term if several); none if neither.
     */
    UUID grid(UUID informant, LocalDate day) {
        return jdbc.sql("SELECT COALESCE((SELECT m.grid_id FROM force_member m WHERE m.staff_id = :informant), "
                        + "(SELECT r.grid_id FROM grid_role r WHERE r.staff_id = :informant AND r.role = 'INFORMANT' AND "
                        + RosterDay.covers("r", "CAST(:day AS date)") + " ORDER BY r.started_on DESC, r.grid_id LIMIT 1))")
                .param("informant", informant).param("day", day).query(UUID.class).optional().orElse(null);
    }

    void insert(UUID id, UUID informant, UUID by, UUID unit, UUID grid, LocalDate on, ContactWay way, String note) {
        jdbc.sql("INSERT INTO informant_contact (id, informant_id, contacted_by, unit_id, grid_id, contacted_on, way, "
                        + "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, informant, by, unit, grid, on, way.name(), note).update();
    }

    private static final String SELECT = "SELECT c.id, c.contacted_on, c.way, c.note, c.contacted_by, s.name "
            + "FROM informant_contact c JOIN staff s ON s.id = c.contacted_by ";

    public List<Contact> of(UUID informant) {
        return jdbc.sql(SELECT + "WHERE c.informant_id = ? ORDER BY c.contacted_on DESC, c.created_at DESC, c.id LIMIT "
                        + SHOWN)
                .param(informant).query(InformantContacts::map).list();
    }

    Optional<Contact> one(UUID id) {
        return jdbc.sql(SELECT + "WHERE c.id = ?").param(id).query(InformantContacts::map).optional();
    }

    private static Contact map(ResultSet rs, int n) throws SQLException {
        return new Contact(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                ContactWay.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6));
    }
}
