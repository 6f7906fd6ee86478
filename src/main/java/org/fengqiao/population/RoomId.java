package org.fengqiao.population;

import java.util.UUID;

public record RoomId(UUID value) {
    public RoomId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static RoomId of(String value) {
        return new RoomId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
