package org.fengqiao.population;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A key person's visit is overdue: published once per overdue period (a period runs from the day the
 * rhythm counts from, the last visit, until the next visit) by the overdue sweep, for the grid chief of
 * the person's grid. Modules that keep an inbox or send reminders listen for it.
 *
 * @param person      the key person
 * @param name        his name, as the grid chief's lists show it (never an identity number or phone)
 * @param grid        the person's grid
 * @param unitPath    where the grid sits in the jurisdiction tree
 * @param risk        the risk level that set the rhythm
 * @param countedFrom the day the rhythm counted from (the later of the last visit and the day the person became a
 *                    key person)
 * @param dueOn       the last day the visit was due
 * @param gridChiefs  the staff ids of the grid's current grid chiefs (网格长), usually one
 */
public record KeyPersonVisitOverdue(PersonId person, String name, GridId grid, String unitPath, Risk risk, LocalDate countedFrom,
        LocalDate dueOn, List<UUID> gridChiefs) {
}
