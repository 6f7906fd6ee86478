package org.fengqiao.audit;

import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;

/**
 * The names of the jurisdiction's units as the audit page shows them in an entry's change. Implemented by the
 * jurisdiction module over its public API: the audit module cannot call that module itself, as the jurisdiction
 * module publishes {@link Audited} events and a call back would make the modules depend on each other.
 */
public interface UnitNames {

    /** The unit's name if the reader may see the unit; a unit outside his subtree, or gone, has none. */
    Optional<String> name(UUID unitId, Caller reader);
}
