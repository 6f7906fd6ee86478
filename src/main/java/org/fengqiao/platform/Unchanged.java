package org.fengqiao.platform;

/**
 * A change that would change nothing (the kind a case already has, the same team again): nothing is written and
 * nothing audited, and whoever sent it is told so rather than "saved" — a page says 未作改动, an API endpoint answers
 * the record as it stands. Not an error: thrown only so that the caller learns it without a second return type.
 */
public class Unchanged extends RuntimeException {

    public Unchanged() {
        super("unchanged", null, false, false);
    }
}
