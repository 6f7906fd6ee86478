package org.fengqiao.population;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A staff member recorded a fire-safety inspection (消防安全检查) of an organisation (实有单位, the nine small places
 * among them), published in its transaction: the duty checklist ticks his 行业安全大检查. It names no person.
 *
 * @param inspection   the inspection record
 * @param organisation the organisation inspected
 * @param grid         the organisation's grid
 * @param unitPath     where the grid sits in the jurisdiction tree
 * @param inspectedOn  the day of the inspection
 * @param recordedBy   the staff member who recorded it (the inspector named on it defaults to him)
 */
public record FireSafetyInspected(UUID inspection, UUID organisation, GridId grid, String unitPath,
        LocalDate inspectedOn, UUID recordedBy) {
}
