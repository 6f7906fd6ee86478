package org.fengqiao.incident.internal;

import java.time.Duration;
import java.util.Set;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.ShortLived;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The short-lived caches of intake (bench/README.md: each report asked the database for its grid's roster,
 * the owning unit and the API key's holder). Every change of staff, rosters, units, communities and grids is
 * audited, so the audit event of such a change clears them on this instance, once when it is published and
 * again when its transaction ends (a report filed in between may have read the old state). Other instances
 * and changes by hand are seen within {@code fengqiao.incident.intake-cache} (default 5 s; 0 turns caching off).
 */
@Component
public class IntakeCaches {

    private static final Set<String> CLEARING = Set.of("staff", "grid_role", "unit", "community", "grid", "incident_api_key");

    final ShortLived<Object, Object> owners;
    final ShortLived<String, Object> keys;

    IntakeCaches(@Value("${fengqiao.incident.intake-cache:5s}") Duration ttl) {
        this.owners = new ShortLived<>(ttl, 10_000);
        this.keys = new ShortLived<>(ttl, 1_000);
    }

    @EventListener
    void changed(Audited event) {
        if (!CLEARING.contains(event.recordType())) {
            return;
        }
        ShortLived.clearNowAndAtTransactionEnd(this::clear);
    }

    public void clear() {
        owners.clear();
        keys.clear();
    }
}
