package org.fengqiao.worklog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Permission;
import org.fengqiao.worklog.internal.Drafts;
import org.fengqiao.worklog.internal.WorklogDesk;
import org.fengqiao.worklog.internal.WorklogKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the demo district may ask of the work log: whether any entry was written, and the things people do (write an
 * entry, prefilled when it is an analysis or summary, share it, review it, comment, like), acted as a named staff
 * member of a unit so each is checked and audited like any other; and the dating of what was written on earlier days.
 */
@Service
public class WorklogLoader {

    private final WorklogDesk desk;
    private final Drafts drafts;
    private final JdbcClient jdbc;

    WorklogLoader(WorklogDesk desk, Drafts drafts, JdbcClient jdbc) {
        this.desk = desk;
        this.drafts = drafts;
        this.jdbc = jdbc;
    }

    public boolean anyEntries() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM worklog_entry)").query(Boolean.class).single();
    }

    /** Someone of the unit at {@code unitPath} acting with the work log's rights of his role. */
    private static Caller actingAs(UUID staff, String name, String unitPath, boolean reviews) {
        Set<String> rights = reviews ? Set.of(Permission.WORKLOG_WRITE.authority(),
                Permission.WORKLOG_REVIEW.authority(), Permission.WORKLOG_COLUMN.authority())
                : Set.of(Permission.WORKLOG_WRITE.authority(), Permission.WORKLOG_COLUMN.authority());
        return new Caller(staff, "demo", name, "DEMO", List.of(unitPath), rights);
    }

    /**
     * Writes an entry of {@code kind} (a {@code WorklogKind} name) about the unit, as its author of that unit; an
     * analysis or summary begins with the period's figures (the prefilled draft) and goes on with {@code body}.
     */
    @Transactional
    public UUID write(UUID staff, String name, String unitPath, String kind, LocalDate day, UUID unitId, String title,
            String body) {
        WorklogKind k = WorklogKind.valueOf(kind);
        Caller author = actingAs(staff, name, unitPath, false);
        String text = k.periodic()
                ? drafts.draft(k, day, unitId, desk.today(), author, Locale.SIMPLIFIED_CHINESE).body().strip() + "\n"
                        + body
                : body;
        return desk.create(new WorklogDesk.Form(k, day, unitId, title, text, null), author).id();
    }

    @Transactional
    public void share(UUID entry, UUID staff, String name, String unitPath) {
        desk.share(entry, true, actingAs(staff, name, unitPath, false));
    }

    @Transactional
    public void remark(UUID entry, UUID reviewer, String name, String unitPath, String text) {
        desk.remark(entry, text, actingAs(reviewer, name, unitPath, true));
    }

    @Transactional
    public void comment(UUID entry, UUID staff, String name, String unitPath, String text) {
        desk.comment(entry, text, actingAs(staff, name, unitPath, false));
    }

    @Transactional
    public void like(UUID entry, UUID staff, String name, String unitPath) {
        desk.like(entry, true, actingAs(staff, name, unitPath, false));
    }

    /** Dates an entry written on an earlier day: written (and shared, when it is) then. */
    @Transactional
    public void writtenAt(UUID entry, Instant at) {
        jdbc.sql("""
                UPDATE worklog_entry SET created_at = :at, updated_at = :at,
                       shared_at = CASE WHEN shared_at IS NULL THEN NULL ELSE :at END WHERE id = :id""")
                .param("at", java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC)).param("id", entry)
                .update();
    }
}
