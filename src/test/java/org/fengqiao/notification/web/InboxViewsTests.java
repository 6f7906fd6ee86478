package org.fengqiao.notification.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.notification.internal.Inbox;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * An overdue key-person visit in the inbox names the person like the other key-person entries, with his grid, only
 * for a reader who may read the population records; an entry written before it named persons reads as it did.
 */
class InboxViewsTests {

    static InboxViews views() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages", "i18n/care");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new InboxViews(messages, null);
    }

    static Inbox.Entry overdue(String subject, String reason) {
        return new Inbox.Entry(UUID.randomUUID(), UUID.randomUUID(), Inbox.Kind.VISIT_OVERDUE, "person",
                UUID.randomUUID(), "/key-persons/x", "/1/", subject, "care.risk.HIGH", reason, reason == null ? null : false,
                LocalDate.of(2026, 3, 9), OffsetDateTime.now(), null, null, null);
    }

    @Test
    void anOverdueVisitNamesTheKeyPersonAndHisGridForAReaderOfThePopulationRecords() {
        InboxViews.View zh = views().view(overdue("王五", "第2网格"), Locale.SIMPLIFIED_CHINESE, true);
        assertThat(zh.title()).isEqualTo("王五（第2网格）：重点人员走访已逾期（高风险），应于 2026-03-09 前走访");
        assertThat(zh.reason()).isNull();
        InboxViews.View en = views().view(overdue("王五", "第2网格"), Locale.ENGLISH, true);
        assertThat(en.title()).isEqualTo("王五 (第2网格): a key person visit is overdue (High risk), it was due by 2026-03-09");
    }

    @Test
    void aReaderWhoMayNotReadThePopulationRecordsSeesNoName() {
        InboxViews.View v = views().view(overdue("王五", "第2网格"), Locale.SIMPLIFIED_CHINESE, false);
        assertThat(v.title()).doesNotContain("王五").startsWith(InboxViews.HIDDEN + "（第2网格）");
        assertThat(v.reason()).isNull();
    }

    @Test
    void anEntryWrittenBeforeNamesTheGridAsItDid() {
        for (boolean sees : new boolean[] {true, false}) {
            InboxViews.View v = views().view(overdue("第2网格", null), Locale.SIMPLIFIED_CHINESE, sees);
            assertThat(v.title()).isEqualTo("第2网格：重点人员走访已逾期（高风险），应于 2026-03-09 前走访");
        }
    }
}
