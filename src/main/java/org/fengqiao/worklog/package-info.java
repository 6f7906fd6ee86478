/**
 * The work log (seed 004's 四有: 有日志、有分析、有督导、有总结): each officer's diary entries, weekly analyses and
 * monthly or quarterly summaries about a unit of his jurisdiction (an analysis or summary offered prefilled with the
 * period's work figures of that unit), kept with every earlier version an edit replaced; the review remarks (督导意见)
 * of the station chief and the bureau, which reach the author's inbox ({@link WorklogReviewed}), and who has not yet
 * submitted the period's analysis or summary; and the bureau's diary column (包村社民警日记专栏), where an author shares
 * an entry for every police member of his bureau to read, comment on and like.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Work log")
package org.fengqiao.worklog;
