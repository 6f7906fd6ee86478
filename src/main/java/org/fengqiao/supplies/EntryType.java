package org.fengqiao.supplies;

import org.fengqiao.platform.ChoiceNames;

/**
 * What a line of a unit's supplies ledger records: issued to the unit, transferred in or out (the two lines of one
 * transfer), used up, lost, or the reversal of an earlier line (a correction: lines are never changed).
 */
@ChoiceNames("supplies.entryType.")
public enum EntryType {
    ISSUED, TRANSFERRED_IN, TRANSFERRED_OUT, USED, LOST, REVERSAL;

    /** Whether the line counts only once the unit's officer confirmed he received it. */
    public boolean needsReceipt() {
        return this == ISSUED || this == TRANSFERRED_IN;
    }
}
