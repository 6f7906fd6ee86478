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
}
