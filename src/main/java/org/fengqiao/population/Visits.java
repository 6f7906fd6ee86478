package org.fengqiao.population;

import java.util.Objects;
import java.util.UUID;
import org.fengqiao.population.internal.VisitLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public face of door-to-door visits (走访): code that changes a record during a visit links the
 * change to it here, so the visit shows everything the officer did at the door.
 */
@Service
public class Visits {

    private final VisitLog log;

    Visits(VisitLog log) {
        this.log = log;
    }

    /**
     * Links a change to the visit during which it was made. Joins the caller's transaction, so the
     * link is written together with the change or not at all.
     */
    @Transactional
    public void recordChange(VisitId visit, String recordType, UUID recordId, String summary) {
        Objects.requireNonNull(visit, "visit");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordId, "recordId");
        log.recordChange(visit.value(), recordType, recordId, summary == null ? "" : summary);
    }
}
