package org.fengqiao.population;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A staff member recorded a door-to-door visit (走访) to a household, by the household's visit form or a key-person
 * visit (which is his household's too). Published in the visit's transaction, with what the visit day made of the
 * household: whether it lives in a rental (a registered rental of its room or address let that day, a room marked
 * 出租 by hand, or a member then a tenant of a rental) and whether a member is a floating resident (暂住/流动), so
 * the duty checklist can tick the visitor's 流动人口和出租房屋排查 without reading the population records. It names
 * no person.
 *
 * @param visit     the visit record
 * @param household the household visited
 * @param grid      the household's grid
 * @param unitPath  where the grid sits in the jurisdiction tree
 * @param visitedBy the staff member who visited and recorded it
 * @param visitedAt when the visit took place, as recorded
 * @param rental    the household lived in a rental on the visit day
 * @param floating  a member of the household is a floating resident
 */
public record HouseholdVisited(VisitId visit, HouseholdId household, GridId grid, String unitPath, UUID visitedBy,
        OffsetDateTime visitedAt, boolean rental, boolean floating) {
}
