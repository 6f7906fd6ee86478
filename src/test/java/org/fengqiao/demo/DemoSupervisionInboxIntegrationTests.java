package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo issues its supervision notices as it loads and sets their histories back days (SupervisionLoader.setBack):
 * the inbox announces a notice when its history says it was issued, as it does the demo's incidents, not on the day
 * the demo loaded.
 */
class DemoSupervisionInboxIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    /** The demo's notices set back: issued days before (the API issues a notice now; other tests issue their own). */
    private static final String SET_BACK = "n.issued_at < now() - interval '2 days'";

    @Test
    void aDemoNoticesInboxEntriesAreDatedWithTheStepsTheyAnnounce() {
        List<String> wrong = jdbc.sql("""
                SELECT n.seq || ' ' || b.kind || ' dated ' || b.created_at || ', read ' || coalesce(b.read_at::text, '-')
                       || ', issued ' || n.issued_at
                FROM inbox_entry b JOIN supervision_notice n ON n.id = b.record_id AND b.record_type = 'supervision_notice'
                WHERE %s AND (NOT EXISTS (SELECT 1 FROM supervision_step s WHERE s.notice_id = n.id AND s.at = b.created_at)
                              OR (b.read_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM supervision_step s
                                                                        WHERE s.notice_id = n.id AND s.at = b.read_at)))"""
                .formatted(SET_BACK))
                .query(String.class).list();
        assertThat(wrong).isEmpty();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM inbox_entry b JOIN supervision_notice n ON n.id = b.record_id
                WHERE b.record_type = 'supervision_notice' AND b.kind = 'SUPERVISION_NOTICE' AND %s
                  AND b.created_at = n.issued_at""".formatted(SET_BACK)).query(Long.class).single())
                .as("the notices set back announced when they were issued, to their chiefs, leader and officer")
                .isGreaterThanOrEqualTo(4);
    }

    /**
     * The notice's last day was set back with its history: the entry that announced it asks for the rectification by
     * that day, as the notice's page says, not by the day it said before it was set back (days later, so the unit would
     * believe it had time it has not).
     */
    @Test
    void aDemoNoticesInboxEntryAsksForRectificationByTheNoticesLastDay() {
        List<String> wrong = jdbc.sql("""
                SELECT n.seq || ' entry due ' || b.due_on || ', notice due ' || n.due_on
                FROM inbox_entry b JOIN supervision_notice n ON n.id = b.record_id AND b.record_type = 'supervision_notice'
                WHERE %s AND b.kind = 'SUPERVISION_NOTICE' AND b.due_on IS DISTINCT FROM n.due_on
                  AND NOT EXISTS (SELECT 1 FROM supervision_step s WHERE s.notice_id = n.id AND s.kind = 'SENT_BACK')"""
                .formatted(SET_BACK))
                .query(String.class).list();
        assertThat(wrong).isEmpty();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM inbox_entry b JOIN supervision_notice n ON n.id = b.record_id
                WHERE b.record_type = 'supervision_notice' AND b.kind = 'SUPERVISION_NOTICE' AND %s"""
                .formatted(SET_BACK)).query(Long.class).single()).as("entries to check").isPositive();
    }
}
