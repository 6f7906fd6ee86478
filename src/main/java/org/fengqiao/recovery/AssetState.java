package org.fengqiao.recovery;

import java.util.Set;
import org.fengqiao.platform.ChoiceNames;

/** Where an asset stands: traced, then seized or frozen (recovered), then returned to victims or confiscated. */
@ChoiceNames("recovery.state.")
public enum AssetState {
    TRACED, SEIZED, FROZEN, RETURNED, CONFISCATED;

    /** Seized, frozen or returned: counted as recovered, and the only states a return may come from. */
    public boolean recovered() {
        return this == SEIZED || this == FROZEN || this == RETURNED;
    }

    /** The states an officer may move an asset to from this one; RETURNED follows from the returns themselves. */
    public Set<AssetState> next() {
        return switch (this) {
            case TRACED -> Set.of(SEIZED, FROZEN);
            case SEIZED -> Set.of(FROZEN, CONFISCATED);
            case FROZEN -> Set.of(SEIZED, CONFISCATED);
            case RETURNED, CONFISCATED -> Set.of();
        };
    }
}
