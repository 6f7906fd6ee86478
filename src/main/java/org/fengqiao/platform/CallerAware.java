package org.fengqiao.platform;

/** Implemented by the security principal, so the platform can find the caller without knowing accounts. */
public interface CallerAware {
    Caller caller();
}
