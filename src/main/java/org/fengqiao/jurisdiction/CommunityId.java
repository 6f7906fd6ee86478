package org.fengqiao.jurisdiction;

import java.util.UUID;

public record CommunityId(UUID value) {
    public CommunityId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static CommunityId of(String value) {
        return new CommunityId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
