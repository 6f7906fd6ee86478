package org.fengqiao.population;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A visit just recorded reached one or more key persons (a key-person visit, or a visit to a household with key
 * persons), whether or not it is their latest: the duty checklist ticks the visitor's key-person talk for it, once per
 * visit. A visit entered late for a day before a person's last one restarts no rhythm ({@link KeyPersonVisited} is
 * not published for it) but is his talk with the person all the same. It names no person.
 *
 * @param visit      the visit record
 * @param grid       the grid of the household or person visited
 * @param unitPath   where the grid sits in the jurisdiction tree
 * @param visitedBy  the staff member who visited and recorded it
 * @param visitedAt  when the visit took place, as recorded
 * @param keyPersons how many key persons it reached
 */
public record KeyPersonsReached(VisitId visit, GridId grid, String unitPath, UUID visitedBy, OffsetDateTime visitedAt,
        int keyPersons) {
}
