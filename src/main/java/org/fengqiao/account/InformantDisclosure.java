package org.fengqiao.account;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;

/**
 * Which of the people a roster names are informants the reader may not know (issue 4: an informant's identity shows
 * only to his handler and the station chief). The rule and the handler link belong to the forces module, which
 * depends on this one; it implements this so that the roster asks without depending on it in turn.
 */
public interface InformantDisclosure {

    /** Those of {@code people} (staff ids) who are informants the caller may not know, in one look-up for them all. */
    Set<UUID> hiddenFrom(Caller caller, Collection<UUID> people);

    /**
     * The informants the caller may know, for a query that lists people page by page and counts them (the staff
     * directory): every informant, or only these (those he handles, and himself). One look-up, none for one who
     * may know every informant.
     */
    Known knownTo(Caller caller);

    /** Every informant ({@code all}), or only {@code informants}. */
    record Known(boolean all, Set<UUID> informants) {

        public static final Known ALL = new Known(true, Set.of());

        public Known {
            informants = Set.copyOf(informants);
        }

        /** Only oneself (who may be an informant): what is known without the forces module to ask. */
        public static Known himself(Caller caller) {
            return new Known(false, caller.staffId() == null ? Set.of() : Set.of(caller.staffId()));
        }

        public boolean knows(UUID informant) {
            return all || informants.contains(informant);
        }
    }
}
