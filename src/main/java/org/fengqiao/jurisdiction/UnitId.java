package org.fengqiao.jurisdiction;

import java.util.UUID;

public record UnitId(UUID value) {
    public UnitId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static UnitId of(String value) {
        return new UnitId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
