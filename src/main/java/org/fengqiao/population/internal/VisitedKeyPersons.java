package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.population.KeyPersonVisited;
import org.fengqiao.population.PersonId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Announces the key persons a visit reached as {@link KeyPersonVisited}, for both ways a visit reaches one (his own
 * key-person visit, a visit to his household), so an overdue reminder closes whichever way the officer went: only
 * those for whom the visit is the latest, since a visit entered late for a day before the last one restarts nothing.
 */
@Component
class VisitedKeyPersons {

    private final ApplicationEventPublisher events;
    private final Clock clock;

    VisitedKeyPersons(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** {@code reached}: the key persons as they stood before the visit was written, with their last visit then. */
    void announce(Collection<KeyPersons.Row> reached, OffsetDateTime visitedAt) {
        for (KeyPersons.Row p : reached) {
            if (p.lastVisitAt() == null || !visitedAt.isBefore(p.lastVisitAt())) {
                events.publishEvent(new KeyPersonVisited(new PersonId(p.id()), new GridId(p.gridId()), p.unitPath(),
                        visitedAt, clock.instant()));
            }
        }
    }
}
