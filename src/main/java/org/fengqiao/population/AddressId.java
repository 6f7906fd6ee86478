package org.fengqiao.population;

import java.util.UUID;

public record AddressId(UUID value) {
    public AddressId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static AddressId of(String value) {
        return new AddressId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
