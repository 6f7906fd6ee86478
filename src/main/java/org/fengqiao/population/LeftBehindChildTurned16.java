package org.fengqiao.population;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A left-behind child (留守儿童) turned 16 and is one no longer: the age sweep took the category away, the way an officer
 * takes it away by hand, and ended his care agreement in force. Published once per child, in the sweep's transaction,
 * for the grid chief of his grid. Modules that keep an inbox or send reminders listen for it.
 *
 * @param person           the child
 * @param name             his name, as the grid chief's lists show it (never an identity number or phone)
 * @param grid             his grid
 * @param gridName         the grid's name
 * @param unitPath         where the grid sits in the jurisdiction tree
 * @param turned16On       his sixteenth birthday
 * @param agreementEndedOn the day his care agreement in force ended, null when he had none
 * @param gridChiefs       the staff ids of the grid's current grid chiefs (网格长), usually one
 * @param at               when
 */
public record LeftBehindChildTurned16(PersonId person, String name, GridId grid, String gridName, String unitPath,
        LocalDate turned16On, LocalDate agreementEndedOn, List<UUID> gridChiefs, Instant at) {
}
