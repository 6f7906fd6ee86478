package org.fengqiao.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A step on a supervision notice after its issue, published in the transaction of the step: {@code kind} ANSWERED
 * (the unit's rectification waits for the inspector: {@code recipients} are the issuer), SENT_BACK (the inspector
 * sent it back: the unit's people), OVERDUE (the deadline passed without rectification: the unit's people and the
 * issuer), ACCEPTED (rectification complete: nobody is asked anything more). {@code words}: the person's words of the
 * step (what was done, why it was sent back), null for none.
 */
public record SupervisionNoticeChanged(UUID noticeId, String number, String unitPath, String kind,
        List<UUID> recipients, String words, LocalDate dueOn, Instant at) {

    public SupervisionNoticeChanged {
        recipients = List.copyOf(recipients);
    }
}
