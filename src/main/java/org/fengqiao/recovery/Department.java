package org.fengqiao.recovery;

import org.fengqiao.platform.ChoiceNames;

/** The investigating department that verifies a recovery file: 刑侦, 经侦, 网安. */
@ChoiceNames("recovery.department.")
public enum Department {
    CRIMINAL, ECONOMIC, CYBER
}
