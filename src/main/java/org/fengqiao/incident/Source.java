package org.fengqiao.incident;

import org.fengqiao.platform.ChoiceNames;

/** Where an incident came from. */
@ChoiceNames("incident.source.")
public enum Source {
    /** pushed by the 110 command centre's system */
    CALL_110,
    /** reported by grid members, volunteers or officers from the field */
    FIELD,
    /** reported by a resident on the public page */
    RESIDENT,
    /** an informant's clue */
    INFORMANT,
    /** filed by an Open311 GeoReport v2 client with an API key (see open311 in the web package) */
    OPEN311
}
