package org.fengqiao.worklog;

import java.time.Instant;
import java.util.UUID;

/**
 * A supervisor wrote a review remark (督导意见) on a work log entry: its author is told.
 *
 * @param entryId  the entry
 * @param unitPath the path of the unit the entry is about
 * @param authorId the entry's author, who is told
 * @param kind     the entry's kind (DAILY, WEEKLY_ANALYSIS, MONTHLY_SUMMARY, QUARTERLY_SUMMARY)
 * @param title    the entry's title
 * @param remark   the reviewer's words
 * @param reviewerId the supervisor who wrote it: his own notice that the entry was edited is answered by it
 */
public record WorklogReviewed(UUID entryId, String unitPath, UUID authorId, String kind, String title, String remark,
        Instant at, UUID reviewerId) {
}
