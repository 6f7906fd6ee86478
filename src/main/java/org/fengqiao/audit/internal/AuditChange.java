package org.fengqiao.audit.internal;

/**
 * One field of an entry's record that the entry changed, as the reader reads it: {@code field} as stored,
 * {@code fieldName} in his language, old and new value in words (a role by its name, a unit by its name, an id as the
 * plain id, personal data as stored, that is masked); null where there was no value (a new or removed record).
 */
public record AuditChange(String field, String fieldName, String before, String after) {
}
