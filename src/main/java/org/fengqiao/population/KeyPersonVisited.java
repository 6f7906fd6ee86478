package org.fengqiao.population;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A key person was visited, by a key-person visit or a visit to his household, and the visit is now his latest: his
 * rhythm counts from it, so a {@link KeyPersonVisitOverdue} announced before it is answered. Published in the visit's
 * transaction; modules that keep reminders of the overdue visit close them. (The duty checklist hears of every visit
 * that reached a key person, the latest or not, by {@link KeyPersonsReached}.)
 *
 * @param person    the key person
 * @param grid      his grid
 * @param unitPath  where the grid sits in the jurisdiction tree
 * @param visitedAt when the visit took place, as recorded
 * @param at        when it was recorded
 * @param visit     the visit record
 * @param visitedBy the staff member who visited and recorded it
 */
public record KeyPersonVisited(PersonId person, GridId grid, String unitPath, OffsetDateTime visitedAt, Instant at,
        VisitId visit, UUID visitedBy) {
}
