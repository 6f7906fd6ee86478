package org.fengqiao.incident.internal;

import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Invalid;

/**
 * An idempotency key already used by this submitter for a different report: nothing is filed. The API
 * answers 422 (incident.web.IdempotencyErrors); as an {@link Invalid}, a page shows it like any bad input.
 */
public class IdempotencyKeyReused extends Invalid {

    private final UUID firstIncident;

    public IdempotencyKeyReused(UUID firstIncident) {
        super("incident.idempotency.reusedTitle",
                List.of(new Invalid.Problem("idempotencyKey", "incident.idempotency.reused", new Object[0])));
        this.firstIncident = firstIncident;
    }

    /** The incident filed under the key the first time (not shown to the caller: he may no longer see it). */
    public UUID firstIncident() {
        return firstIncident;
    }
}
