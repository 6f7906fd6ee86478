package org.fengqiao.account;

import java.time.LocalDate;
import org.fengqiao.jurisdiction.GridId;

/**
 * A grid's chief changes on a day: a grid chief was appointed from {@code on} (the predecessor's term ending that
 * day) or a chief's term was ended on {@code on}; published in the roster change's transaction. The modules whose
 * work waits for the grid chief's decision hand it to whoever decides it now (when the change is effective today).
 */
public record GridChiefChanged(GridId grid, String unitPath, LocalDate on) {
}
