package org.fengqiao.jurisdiction;

import java.util.UUID;

public record GroupingId(UUID value) {
    public GroupingId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static GroupingId of(String value) {
        return new GroupingId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
