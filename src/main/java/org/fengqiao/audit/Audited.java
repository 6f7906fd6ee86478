package org.fengqiao.audit;

/**
 * Something to write to the audit trail, published as an application event by the module that did it.
 * The actor and the remote address are taken from the current request; {@code actor} overrides the
 * actor name where there is no signed-in caller (a failed sign-in, a start-up job).
 *
 * @param action     one of {@link #ACTIONS}
 * @param recordType the kind of record, e.g. "grid", "staff", "person"
 * @param recordId   its id
 * @param unitPath   where it sits in the jurisdiction tree, so the trail can be read by subtree
 * @param before     the record before the change (any JSON-serialisable value), null for CREATE and READ
 * @param after      the record after the change, null for DELETE and READ
 */
public record Audited(String action, String recordType, String recordId, String unitPath, Object before, Object after,
        String actor) {

    /**
     * Every action the trail holds, in the order the audit page offers them. Each has its name in both languages
     * ({@code audit.action.<ACTION>}); a module that publishes a new action adds it here and names it there, which
     * {@code AuditActionNamesTests} checks against the code.
     */
    public static final java.util.List<String> ACTIONS = java.util.List.of("CREATE", "UPDATE", "DELETE", "READ",
            "REVEAL", "EXPORT", "IMPORT", "SIGN_IN", "SIGN_IN_FAILED", "VERIFY");

    public static Audited created(String type, Object id, String unitPath, Object after) {
        return new Audited("CREATE", type, String.valueOf(id), unitPath, null, after, null);
    }

    public static Audited updated(String type, Object id, String unitPath, Object before, Object after) {
        return new Audited("UPDATE", type, String.valueOf(id), unitPath, before, after, null);
    }

    public static Audited deleted(String type, Object id, String unitPath, Object before) {
        return new Audited("DELETE", type, String.valueOf(id), unitPath, before, null, null);
    }

    public static Audited read(String type, Object id, String unitPath) {
        return new Audited("READ", type, String.valueOf(id), unitPath, null, null, null);
    }

    public Audited by(String actorName) {
        return new Audited(action, recordType, recordId, unitPath, before, after, actorName);
    }
}
