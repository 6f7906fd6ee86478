package org.fengqiao.supervision;

import java.time.Instant;
import java.util.UUID;

/**
 * The inspector held a person to account (追究责任) for a supervision notice; published in the transaction that
 * recorded it, so that the person learns of it from the system and not only if someone tells him. {@code personId}:
 * the staff id of the responsible leader or officer held to account; {@code measure}: the measure's name
 * (CRITICISM, ADMONITION, SELF_EXAMINATION, REMOVAL), read as {@code supervision.measure.<measure>};
 * {@code reason}: the inspector's words.
 */
public record SupervisionAccountabilityRecorded(UUID noticeId, String number, String unitPath, UUID personId,
        String measure, String reason, Instant at) {
}
