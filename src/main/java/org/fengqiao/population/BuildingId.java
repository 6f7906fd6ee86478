package org.fengqiao.population;

import java.util.UUID;

public record BuildingId(UUID value) {
    public BuildingId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static BuildingId of(String value) {
        return new BuildingId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
