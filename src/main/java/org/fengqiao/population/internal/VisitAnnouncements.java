package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import java.util.function.BiFunction;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.population.HouseholdId;
import org.fengqiao.population.HouseholdVisited;
import org.fengqiao.population.KeyPersonVisited;
import org.fengqiao.population.KeyPersonsReached;
import org.fengqiao.population.PersonId;
import org.fengqiao.population.VisitId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Announces a visit just recorded, for both ways a visit is made (a key-person visit, a visit to a household): the
 * household visited as {@link HouseholdVisited}, with whether it lived in a rental and has a floating resident that
 * day; and the key persons it reached as {@link KeyPersonVisited}, so an overdue reminder closes whichever way the
 * officer went: only those for whom the visit is the latest, since a visit entered late for a day before the last one
 * restarts nothing; and, once per visit, that it reached key persons at all ({@link KeyPersonsReached}: a visit
 * entered late is the visitor's talk with them all the same). All name the visit and its visitor.
 */
@Component
class VisitAnnouncements {

    /** A visit as it was written: who made it, when, to which household (none for a key person without one). */
    record Recorded(UUID visit, UUID householdId, UUID gridId, String unitPath, UUID visitedBy,
            OffsetDateTime visitedAt) {
    }

    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BiFunction<UUID, LocalDate, VisitLog.HouseholdOn> households;

    @Autowired
    VisitAnnouncements(ApplicationEventPublisher events, Clock clock, VisitLog log) {
        this(events, clock, log::householdOn);
    }

    VisitAnnouncements(ApplicationEventPublisher events, Clock clock,
            BiFunction<UUID, LocalDate, VisitLog.HouseholdOn> households) {
        this.events = events;
        this.clock = clock;
        this.households = households;
    }

    /** {@code reached}: the key persons as they stood before the visit was written, with their last visit then. */
    void announce(Recorded v, Collection<KeyPersons.Row> reached) {
        if (v.householdId() != null) {
            VisitLog.HouseholdOn on = households.apply(v.householdId(),
                    v.visitedAt().atZoneSameInstant(KeyPersons.LOCAL).toLocalDate());
            events.publishEvent(new HouseholdVisited(new VisitId(v.visit()), new HouseholdId(v.householdId()),
                    new GridId(v.gridId()), v.unitPath(), v.visitedBy(), v.visitedAt(), on.rental(), on.floating()));
        }
        if (!reached.isEmpty()) {
            events.publishEvent(new KeyPersonsReached(new VisitId(v.visit()), new GridId(v.gridId()), v.unitPath(),
                    v.visitedBy(), v.visitedAt(), reached.size()));
        }
        for (KeyPersons.Row p : reached) {
            if (p.lastVisitAt() == null || !v.visitedAt().isBefore(p.lastVisitAt())) {
                events.publishEvent(new KeyPersonVisited(new PersonId(p.id()), new GridId(p.gridId()), p.unitPath(),
                        v.visitedAt(), clock.instant(), new VisitId(v.visit()), v.visitedBy()));
            }
        }
    }
}
