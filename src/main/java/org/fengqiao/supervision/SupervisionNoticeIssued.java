package org.fengqiao.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A supervision notice (督察通报) was issued to a unit; published in the transaction that issued it.
 * {@code recipients}: the staff ids of the unit's chiefs and the responsible leader and officer, who rectify it;
 * {@code number}: as printed (督通〔2026〕12号); {@code finding}: what the inspector found; {@code dueOn}: the last day
 * of rectification.
 */
public record SupervisionNoticeIssued(UUID noticeId, String number, String unitPath, List<UUID> recipients,
        String finding, LocalDate dueOn, Instant at) {

    public SupervisionNoticeIssued {
        recipients = List.copyOf(recipients);
    }
}
