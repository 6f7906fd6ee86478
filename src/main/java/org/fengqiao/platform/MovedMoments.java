package org.fengqiao.platform;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The moments a record's steps were set back from and to, for the demo's backdated records: read its steps' moments
 * before and after the change, and the entries that announced them (dated as the steps were written) can be moved
 * with them (the inbox's {@code redate}).
 */
public final class MovedMoments {

    private MovedMoments() {
    }

    /** Each moment a step had before that it no longer has, to the one it has now (the first step's, when two shared it). */
    public static <K> Map<Instant, Instant> between(Map<K, Instant> before, Map<K, Instant> after) {
        Map<Instant, Instant> moved = new HashMap<>();
        after.forEach((step, at) -> {
            Instant was = before.get(step);
            if (was != null && !was.equals(at)) {
                moved.putIfAbsent(was, at);
            }
        });
        return moved;
    }
}
