package org.fengqiao.population;

import java.util.UUID;

public record VisitId(UUID value) {
    public VisitId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static VisitId of(String value) {
        return new VisitId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
