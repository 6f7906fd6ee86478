package org.fengqiao.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Permission;
import org.fengqiao.supervision.internal.Notice;
import org.fengqiao.supervision.internal.NoticeDesk;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the demo district may ask of supervision: whether any notice was issued, and the steps people take (issue,
 * answer, accept, send back, hold to account), acted as a named staff member so each is checked and audited like
 * any other; a notice's history may be set back by some days, so that the demo shows one gone overdue, which the
 * overdue job then marks as it marks any other.
 */
@Service
public class SupervisionLoader {

    private final NoticeDesk desk;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    SupervisionLoader(NoticeDesk desk, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.desk = desk;
        this.jdbc = jdbc;
        this.events = events;
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM supervision_notice)").query(Boolean.class).single();
    }

    private static Caller actingAs(UUID staff, String name, Permission... permissions) {
        Set<String> granted = new java.util.HashSet<>();
        granted.add(Permission.SUPERVISION_READ.authority());
        for (Permission p : permissions) {
            granted.add(p.authority());
        }
        return new Caller(staff, "demo", name, "DEMO", List.of("/"), Set.copyOf(granted));
    }

    /** Issues a notice as the inspector; severity GENERAL, SERIOUS or GRAVE; answers its id. */
    @Transactional
    public UUID issue(UUID inspector, String name, UUID unit, UUID leader, UUID officer, String finding,
            String place, String severity, int daysToRectify) {
        LocalDate today = desk.today();
        return desk.issue(new NoticeDesk.IssueForm(unit, leader, officer, finding, today, place,
                Notice.Severity.valueOf(severity), today.plusDays(daysToRectify)),
                actingAs(inspector, name, Permission.SUPERVISION_ISSUE)).id();
    }

    @Transactional
    public void answer(UUID notice, UUID staff, String name, String rectification, String evidence) {
        desk.answer(notice, new NoticeDesk.AnswerForm(rectification, desk.today(), evidence),
                actingAs(staff, name, Permission.SUPERVISION_ANSWER));
    }

    @Transactional
    public void accept(UUID notice, UUID inspector, String name, String note) {
        desk.accept(notice, note, actingAs(inspector, name, Permission.SUPERVISION_ISSUE));
    }

    @Transactional
    public void sendBack(UUID notice, UUID inspector, String name, String reason) {
        desk.sendBack(notice, reason, actingAs(inspector, name, Permission.SUPERVISION_ISSUE));
    }

    /** Accountability; measure CRITICISM, ADMONITION, SELF_EXAMINATION or REMOVAL. */
    @Transactional
    public void holdAccountable(UUID notice, UUID inspector, String name, UUID target, String measure, String reason) {
        desk.holdAccountable(notice, new NoticeDesk.AccountabilityForm(target, Notice.Measure.valueOf(measure),
                reason), actingAs(inspector, name, Permission.SUPERVISION_ISSUE));
    }

    /**
     * Sets a notice's history (found, issued, its steps, its last day) back by {@code days}. What announced its steps
     * (the inbox entries of its issue) moves with them ({@link SupervisionNoticeBackdated}): an entry dated the moment
     * the demo loaded announced a notice issued days before.
     */
    @Transactional
    public void setBack(UUID notice, int days) {
        Map<UUID, Instant> written = steps(notice);
        jdbc.sql("""
                UPDATE supervision_notice SET found_on = found_on - ?, due_on = due_on - ?,
                    issued_at = issued_at - make_interval(days => ?) WHERE id = ?""")
                .params(days, days, days, notice).update();
        jdbc.sql("""
                UPDATE supervision_step SET at = at - make_interval(days => ?),
                    done_on = done_on - ? WHERE notice_id = ?""").params(days, days, notice).update();
        Map<Instant, Instant> moved = org.fengqiao.platform.MovedMoments.between(written, steps(notice));
        if (!moved.isEmpty()) {
            events.publishEvent(new SupervisionNoticeBackdated(notice, moved));
        }
    }

    /** The moments a notice's steps say, by step. */
    private Map<UUID, Instant> steps(UUID notice) {
        Map<UUID, Instant> at = new HashMap<>();
        jdbc.sql("SELECT id, at FROM supervision_step WHERE notice_id = ?").param(notice)
                .query((rs, n) -> at.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
        return at;
    }

    /** Marks overdue every notice past its last day, as the daily job does. */
    @Transactional
    public int markOverdue() {
        int marked = 0;
        java.time.Instant now = java.time.Instant.now();
        for (UUID id : desk.pastDue(desk.today(), 1000)) {
            if (desk.markOverdue(id, desk.today(), now)) {
                marked++;
            }
        }
        return marked;
    }
}
