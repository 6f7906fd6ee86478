package org.fengqiao.supplies.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;

/**
 * Who records a line: a signed-in person scoped to his units with his permissions, or the application itself (scope
 * and permissions null: everything), as the demo loader is.
 */
public record Actor(UUID staffId, String name, List<String> scopePaths, Set<String> permissions) {

    public static Actor of(Caller caller) {
        return new Actor(caller.staffId(), caller.displayName(), caller.unitPaths(), caller.permissions());
    }

    public static Actor system(String name) {
        return new Actor(null, name, null, null);
    }

    boolean may(String permission) {
        return permissions == null || permissions.contains(permission);
    }
}
