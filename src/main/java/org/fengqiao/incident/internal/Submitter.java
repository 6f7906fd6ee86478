package org.fengqiao.incident.internal;

import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Caller;

/**
 * Who files or changes an incident: a signed-in person (scoped to his units) or a system such as the 110
 * centre (scoped to the unit its key belongs to), or the application itself (scope null: everything).
 * {@code reportPaths} are where he may file a report ({@link Caller#reportPaths()}); null: anywhere.
 */
public record Submitter(String key, UUID staffId, String name, List<String> scopePaths, List<String> reportPaths) {

    /** One who files where he reads. */
    public Submitter(String key, UUID staffId, String name, List<String> scopePaths) {
        this(key, staffId, name, scopePaths, scopePaths);
    }

    public static Submitter of(Caller caller) {
        if (caller.staffId() == null) {
            return new Submitter(caller.username(), null, caller.displayName(), caller.unitPaths(), caller.reportPaths());
        }
        return new Submitter("staff:" + caller.staffId(), caller.staffId(), caller.displayName(), caller.unitPaths(),
                caller.reportPaths());
    }

    /** Whether he may file a report in a grid at this unit path. */
    public boolean mayReportIn(String path) {
        return reportPaths == null || (path != null && reportPaths.stream().anyMatch(path::startsWith));
    }

    public static Submitter system(String name) {
        return new Submitter("system", null, name, null);
    }

    public boolean sees(String path) {
        return scopePaths == null || (path != null && scopePaths.stream().anyMatch(path::startsWith));
    }
}
