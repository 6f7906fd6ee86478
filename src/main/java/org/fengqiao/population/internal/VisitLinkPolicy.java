package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.web.LocalTimes;

/**
 * Which visit (走访) a change may be linked to. The changes listed under a visit are the record of what it achieved,
 * and visits count in the officer's assessment: so only the staff member who recorded the visit links changes to it,
 * and only on the day it was made (the jurisdiction's day, as on the household page that offers "the visit you are
 * making": your own, of today). A visit of another grid, or none at all, is unknown, whoever asks. Pure but for the
 * clock, which tests set.
 */
public record VisitLinkPolicy(Clock clock) {

    /** Why a change may not be linked to the visit named, each with its message key. */
    public enum Refusal {
        /** No such visit, or one of another grid (another station's among them). */
        UNKNOWN("housing.visit.unknown"),
        /** Another staff member recorded it. */
        NOT_YOURS("housing.visit.notYours"),
        /** Recorded on an earlier day (or dated a later one). */
        CLOSED("housing.visit.closed");

        private final String key;

        Refusal(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * Why {@code staffId} may not link a change of a record in {@code gridId} to {@code visit} (empty: no such visit);
     * empty when he may.
     */
    public Optional<Refusal> refusal(Optional<VisitLog.Visit> visit, UUID gridId, UUID staffId) {
        if (visit.isEmpty() || !visit.get().gridId().equals(gridId)) {
            return Optional.of(Refusal.UNKNOWN);
        }
        VisitLog.Visit v = visit.get();
        if (staffId == null || !staffId.equals(v.visitedBy())) {
            return Optional.of(Refusal.NOT_YOURS);
        }
        LocalDate today = LocalDate.now(clock.withZone(LocalTimes.ZONE));
        if (!v.visitedAt().atZoneSameInstant(LocalTimes.ZONE).toLocalDate().equals(today)) {
            return Optional.of(Refusal.CLOSED);
        }
        return Optional.empty();
    }

    /** Whether {@code staffId} may link changes to the visit now: his own, of today (whatever its grid). */
    public boolean open(VisitLog.Visit visit, UUID staffId) {
        return refusal(Optional.of(visit), visit.gridId(), staffId).isEmpty();
    }
}
