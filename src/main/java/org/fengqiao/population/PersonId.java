package org.fengqiao.population;

import java.util.UUID;

public record PersonId(UUID value) {
    public PersonId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static PersonId of(String value) {
        return new PersonId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
