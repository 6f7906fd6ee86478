package org.fengqiao.recovery;

import org.fengqiao.platform.ChoiceNames;

/**
 * How a recovery file ended when it was closed (结档结论): the victims' losses recovered in full, in part, nothing
 * recoverable (the money spent, the suspect without means), or the case handed to another unit. Chosen by the
 * officer who closes the file, with a note of why; the rates alone cannot tell "nothing left to recover" from
 * "given up".
 */
@ChoiceNames("recovery.outcome.")
public enum Outcome {
    RECOVERED_IN_FULL, RECOVERED_IN_PART, NOTHING_RECOVERABLE, TRANSFERRED
}
