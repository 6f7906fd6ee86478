package org.fengqiao.mediation;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A grid's dispute screening (矛盾纠纷排查) was recorded, with the cases it opened, in its transaction: the duty
 * checklist ticks the screener's weekly 矛盾纠纷排查化解. It names no party.
 *
 * @param screening     the screening record
 * @param grid          the grid screened
 * @param unitPath      where the grid sits in the jurisdiction tree
 * @param screenedOn    the day of the screening
 * @param screenedBy    the staff member who screened and recorded it (null: recorded by the application)
 * @param disputesFound how many disputes it found (each opened as a case)
 */
public record DisputesScreened(UUID screening, GridId grid, String unitPath, LocalDate screenedOn, UUID screenedBy,
        int disputesFound) {
}
