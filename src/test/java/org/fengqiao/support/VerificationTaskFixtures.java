package org.fengqiao.support;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A verification task at a room of its own in a grid, written as the anomaly policy would have opened it. */
public final class VerificationTaskFixtures {

    private VerificationTaskFixtures() {
    }

    /** A task of last month in a new room of the grid, in this status, given to {@code assignee} (null: nobody). */
    public static UUID task(JdbcClient jdbc, UUID grid, String status, UUID assignee) {
        UUID building = UUID.randomUUID();
        jdbc.sql("INSERT INTO building (id, grid_id, name, floors, units, rooms_per_floor) VALUES (?, ?, ?, 1, 1, 1)")
                .params(building, grid, "核查楼" + TreeFixtures.unique()).update();
        UUID room = UUID.randomUUID();
        jdbc.sql("INSERT INTO room (id, building_id, unit_no, floor, number) VALUES (?, ?, 1, 1, '101')")
                .params(room, building).update();
        LocalDate month = LocalDate.now(LocalTimes.ZONE).withDayOfMonth(1).minusMonths(1);
        UUID task = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO verification_task (id, grid_id, room_id, kind, period_from, period_to, reason_key, reason_args,
                                               status, assignee_id, resolved_at, finding)
                VALUES (?, ?, ?, 'UNREGISTERED_USE', ?, ?, 'utilities.reason.unregistered', '{}', ?, ?,
                        CASE WHEN ? = 'RESOLVED' THEN now() END, CASE WHEN ? = 'RESOLVED' THEN 'NO_ISSUE' END)""")
                .params(task, grid, room, month, month, status, assignee, status, status).update();
        return task;
    }

    public static UUID assignee(JdbcClient jdbc, UUID task) {
        return jdbc.sql("SELECT assignee_id FROM verification_task WHERE id = ?").param(task).query(UUID.class)
                .optional().orElse(null);
    }

    /** Unread inbox entries telling this person a task is his. */
    public static long told(JdbcClient jdbc, UUID staff, UUID task) {
        return jdbc.sql("""
                SELECT count(*) FROM inbox_entry WHERE recipient_id = ? AND record_id = ?
                  AND kind = 'VERIFICATION_TASK_ASSIGNED' AND read_at IS NULL""")
                .params(staff, task).query(Long.class).single();
    }
}
