package org.fengqiao.jurisdiction;

import java.util.UUID;

public record GridId(UUID value) {
    public GridId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static GridId of(String value) {
        return new GridId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
