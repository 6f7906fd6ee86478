package org.fengqiao.account;

import java.util.UUID;

public record StaffId(UUID value) {
    public StaffId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static StaffId of(String value) {
        return new StaffId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
