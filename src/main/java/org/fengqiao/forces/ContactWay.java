package org.fengqiao.forces;

import org.fengqiao.platform.ChoiceNames;

/** How a handler was in contact with an informant: at the informant's home, met elsewhere, or by phone. */
@ChoiceNames("forces.contact.way.")
public enum ContactWay {
    VISIT, MEETING, PHONE;

    /** Whether the handler met him in person: what seed 000's weekly 走访一次治安信息员 asks. */
    public boolean inPerson() {
        return this != PHONE;
    }
}
