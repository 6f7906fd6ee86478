package org.fengqiao.recovery.internal;

import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Caller;

/** Who acts on a recovery file: a signed-in person scoped to his units, or the application itself (scope null: everything). */
public record Actor(UUID staffId, String name, List<String> scopePaths) {

    public static Actor of(Caller caller) {
        return new Actor(caller.staffId(), caller.displayName(), caller.unitPaths());
    }

    public static Actor system(String name) {
        return new Actor(null, name, null);
    }

    public boolean sees(String path) {
        return scopePaths == null || (path != null && scopePaths.stream().anyMatch(path::startsWith));
    }
}
