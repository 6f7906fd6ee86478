package org.fengqiao.population;

import java.util.UUID;

public record HouseholdId(UUID value) {
    public HouseholdId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static HouseholdId of(String value) {
        return new HouseholdId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
