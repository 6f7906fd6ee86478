package org.fengqiao.worklog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The author edited a work log entry that supervisors had remarked on: each of them is told, once per edit, since his
 * remark now answers a text that is no longer there (the entry's page marks it written before the change, but he
 * would have to open it to see).
 *
 * @param entryId    the entry
 * @param unitPath   the path of the unit the entry is about
 * @param reviewers  the supervisors who remarked on it before this edit (not its author), who are told
 * @param kind       the entry's kind (DAILY, WEEKLY_ANALYSIS, MONTHLY_SUMMARY, QUARTERLY_SUMMARY)
 * @param title      the entry's title after the edit
 * @param authorName the author's name
 * @param version    the entry's version the edit made
 */
public record WorklogEdited(UUID entryId, String unitPath, List<UUID> reviewers, String kind, String title,
        String authorName, long version, Instant at) {
}
