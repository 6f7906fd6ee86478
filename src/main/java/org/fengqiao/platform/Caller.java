package org.fengqiao.platform;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking: the signed-in staff member, the role, and the materialised paths of the units
 * whose subtrees the caller may see. Every scoped query takes {@link #unitPaths()} as its
 * prefix list, so the scope is applied inside the database query itself.
 */
public record Caller(
        UUID staffId,
        String username,
        String displayName,
        String role,
        List<String> unitPaths,
        Set<String> permissions) implements Serializable {

    public boolean may(String permission) {
        return permissions.contains(permission);
    }

    /** The SQL LIKE patterns of the visible subtrees, for {@code path LIKE ANY(:scope)}. */
    public String[] scopePatterns() {
        return unitPaths.stream().map(p -> p + "%").toArray(String[]::new);
    }

    public boolean sees(String path) {
        return path != null && unitPaths.stream().anyMatch(path::startsWith);
    }
}
