package org.fengqiao.audit.internal;

import java.time.Instant;

/**
 * What the audit administrator looks for. Every filter is optional; {@code from} is inclusive and
 * {@code to} exclusive, so consecutive periods neither overlap nor leave a gap. {@code upTo} is the newest entry
 * (its sequence number) the pages are counted from, as the first page found it: the entries written since, the
 * reader's own reads among them, do not push the later pages down, which would show an entry twice. Null: the newest
 * there is now.
 */
public record AuditQuery(String actor, String action, String recordType, String recordId, Instant from, Instant to,
        Long upTo, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public AuditQuery {
        actor = blankToNull(actor);
        action = blankToNull(action);
        recordType = blankToNull(recordType);
        recordId = blankToNull(recordId);
        page = Math.max(page, 0);
        size = size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
