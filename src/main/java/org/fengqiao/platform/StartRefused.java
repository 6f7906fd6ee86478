package org.fengqiao.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * The platform will not start as configured (a personal-data key that is no key, another key than the data's, a
 * nightly backup time that is no time): the operator reads why, and what to do, as the start-up failure's description
 * instead of the last cause of a stack trace many screens long.
 */
public class StartRefused extends IllegalStateException {

    private final String action;

    /** {@code why}: what is wrong, naming the setting; {@code action}: what the operator does about it. */
    public StartRefused(String why, String action) {
        super(why);
        this.action = action;
    }

    public String action() {
        return action;
    }

    /**
     * Says it as the failure's description, registered in META-INF/spring.factories; first among the analyzers, so
     * a refusal met while binding a setting is said in its own words rather than as a binding failure.
     */
    public static class Analyzer extends AbstractFailureAnalyzer<StartRefused> implements Ordered {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, StartRefused cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
