package org.fengqiao.platform.database;

import java.nio.file.Path;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start on a data directory another running Fengqiao holds ({@link EmbeddedPostgresServer#refuseWhileInUse}). The
 * operator reads why as the start-up failure's description, not among the causes of a stack trace.
 */
public class DataDirectoryInUse extends IllegalStateException {

    private final transient Path dir;

    DataDirectoryInUse(Path dir) {
        super("The data directory " + dir + " is in use by another running Fengqiao (its embedded PostgreSQL): stop "
                + "that one first, or give this one a data directory of its own (FENGQIAO_DATA_DIR)");
        this.dir = dir;
    }

    /** Says it as the failure's description and what to do, registered in META-INF/spring.factories. */
    public static class Analyzer extends AbstractFailureAnalyzer<DataDirectoryInUse> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUse cause) {
            return new FailureAnalysis(cause.getMessage(), "Stop the platform running on " + cause.dir
                    + " (Ctrl-C in its terminal), then run this again; the running one was left as it was.", cause);
        }
    }
}
