package org.fengqiao.incident.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.incident.internal.ApiKeys.Purpose;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API keys a station chief or the bureau gives out to other systems (the 110 centre, Open311 clients):
 * listed, created and revoked for the units of the caller's scope only (a key elsewhere is not found), every
 * change audited. A new key is answered once and stored as its hash only.
 */
@Service
public class ApiKeyDesk {

    private final ApiKeys keys;
    private final Jurisdictions jurisdictions;
    private final ApplicationEventPublisher events;

    ApiKeyDesk(ApiKeys keys, Jurisdictions jurisdictions, ApplicationEventPublisher events) {
        this.keys = keys;
        this.jurisdictions = jurisdictions;
        this.events = events;
    }

    public List<ApiKeys.Key> list(Caller caller) {
        return keys.list(caller.scopePatterns());
    }

    @Transactional
    public ApiKeys.Created create(UUID unitId, String name, Purpose purpose, Caller caller) {
        List<Invalid.Problem> problems = new ArrayList<>();
        Unit unit = unitId == null ? null : jurisdictions.visibleUnit(new UnitId(unitId), caller).orElse(null);
        if (unit == null) {
            problems.add(new Invalid.Problem("unitId", unitId == null ? "error.field.required" : "incident.apiKeys.unit.unknown",
                    new Object[0]));
        }
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            problems.add(new Invalid.Problem("name", "error.field.required", new Object[0]));
        } else if (trimmed.length() > 100) {
            problems.add(new Invalid.Problem("name", "incident.apiKeys.name.tooLong", new Object[0]));
        }
        if (purpose == null) {
            problems.add(new Invalid.Problem("purpose", "error.field.required", new Object[0]));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        ApiKeys.Created created = keys.create(unit.id().value(), trimmed, purpose, caller.staffId());
        ApiKeys.Key key = keys.findVisible(created.id(), caller.scopePatterns()).orElseThrow();
        events.publishEvent(Audited.created("incident_api_key", created.id(), unit.path(), snapshot(key))
                .by(caller.displayName()));
        return created;
    }

    @Transactional
    public ApiKeys.Key revoke(UUID id, Caller caller) {
        ApiKeys.Key before = keys.findVisible(id, caller.scopePatterns()).orElseThrow(() -> new NotFound("apiKey", id));
        if (!keys.revoke(id, caller.staffId())) {
            return before;
        }
        ApiKeys.Key after = keys.findVisible(id, caller.scopePatterns()).orElseThrow();
        events.publishEvent(Audited.updated("incident_api_key", id, before.unitPath(), snapshot(before), snapshot(after))
                .by(caller.displayName()));
        return after;
    }

    private static Map<String, Object> snapshot(ApiKeys.Key k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", k.name());
        m.put("purpose", k.purpose().name());
        m.put("unit", k.unitName());
        m.put("revokedAt", String.valueOf(k.revokedAt()));
        return m;
    }
}
