package org.fengqiao.account.internal;

import java.util.List;
import java.util.Locale;
import org.fengqiao.audit.StaffNames;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Finds the staff by real name for the audit trail's actor filter. */
@Component
class AuditedStaffNames implements StaffNames {

    /** Fewer characters than this find only an exact name: a single 王 would find half the district. */
    static final int LEAST_PART = 2;

    private final JdbcClient jdbc;

    AuditedStaffNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Named> named(String typed) {
        String name = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return List.of();
        }
        // strpos, not LIKE: a typed % or _ is part of the name, not a pattern
        return jdbc.sql("""
                SELECT id, username FROM staff
                WHERE lower(name) = :name OR (char_length(:name) >= :least AND strpos(lower(name), :name) > 0)""")
                .param("name", name).param("least", LEAST_PART)
                .query((rs, n) -> new Named(rs.getObject("id", java.util.UUID.class), rs.getString("username")))
                .list();
    }
}
