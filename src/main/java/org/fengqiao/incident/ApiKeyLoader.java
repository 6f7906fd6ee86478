package org.fengqiao.incident;

import org.fengqiao.incident.internal.ApiKeys;
import org.fengqiao.jurisdiction.UnitId;
import org.springframework.stereotype.Service;

/** Registers a known API key for a unit (the demo's Open311 key); a key already there stays as it is. */
@Service
public class ApiKeyLoader {

    private final ApiKeys keys;

    ApiKeyLoader(ApiKeys keys) {
        this.keys = keys;
    }

    public void registerOpen311Key(UnitId unit, String name, String key) {
        keys.register(unit.value(), name, key, ApiKeys.Purpose.OPEN311);
    }
}
