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

    /**
     * Every kind of record the trail holds, in the order the audit page offers them (grouped by module). Each has its
     * name in both languages ({@code audit.recordType.<type>}); a module that publishes a new record type adds it here
     * and names it there, which {@code AuditRecordTypeNamesTests} checks against the code. The trail stores and the
     * filter matches the code; the page shows the name.
     */
    public static final java.util.List<String> RECORD_TYPES = java.util.List.of(
            // jurisdiction and accounts
            "unit", "community", "grid", "grouping", "grid_role", "staff",
            // population, housing, places
            "person", "person-search", "person-export", "person-batch", "import-job", "household", "building", "room",
            "address", "visit", "key-person-list", "helped-person-list", "key-person-risk", "care-agreement",
            "helper_membership",
            "rental", "rental-list", "organisation", "organisation-list", "organisation-export", "fire-inspection", "utility-import",
            "utility-reading", "utility-reading-batch", "verification-task",
            // incidents and notifications
            "incident", "incident_rating", "incident_api_key", "webhook", "webhook_delivery",
            // mediation, hard cases, recovery
            "dispute", "dispute-screening", "claim", "claim_item", "recovery-file", "recovery-suspect", "recovery-event",
            "recovery-victim",
            // the work log
            "worklog_entry", "worklog_remark", "worklog_comment", "worklog_like",
            // community forces
            "force_team", "force_team_member", "force_member", "force_training", "informant_contact", "force_post",
            "force_shift", "force_roster", "security_company",
            // duty checklist
            "duty-record",
            // residents' review of their officers
            "review", "review_card",
            // points
            "points_award", "points_entry", "points_holder", "points_activists", "points_voucher", "store_item",
            "fund_account",
            // police work supplies (警务保障)
            "supply_kind", "supply_entry",
            // supervision (督察通报)
            "supervision_notice",
            // the trail itself
            "audit",
            // the platform itself
            "backup");

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

    /**
     * Several reads published at once, written to the trail in one statement, one entry each, in their order: what one
     * view reads of many records (a household page and each of its members) costs one round trip, not one per record;
     * outside a transaction with the asynchronous commit a single read has. Reads only: the listeners that watch
     * changes of a kind of record (the caches cleared on a change) see changes as single {@link Audited} events.
     */
    public record Reads(java.util.List<Audited> entries) {

        public Reads {
            entries = java.util.List.copyOf(entries);
            if (entries.stream().anyMatch(e -> !"READ".equals(e.action()))) {
                throw new IllegalArgumentException("only reads are published together");
            }
        }
    }

    public static Reads reads(java.util.List<Audited> entries) {
        return new Reads(entries);
    }
}
