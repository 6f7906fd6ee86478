package org.fengqiao.jurisdiction.internal;

import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.UnitNames;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.springframework.stereotype.Component;

/** Names the units in the audit trail's changes, within the reader's scope as every reading of a unit is. */
@Component
class AuditedUnitNames implements UnitNames {

    private final Jurisdictions jurisdictions;

    AuditedUnitNames(Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    @Override
    public Optional<String> name(UUID unitId, Caller reader) {
        return jurisdictions.visibleUnit(new UnitId(unitId), reader).map(Unit::name);
    }
}
