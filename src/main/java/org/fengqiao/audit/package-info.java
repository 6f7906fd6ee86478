/**
 * The append-only audit trail: every change (who, when, from which address, which record, before
 * and after) and every read of a person's record, chained by SHA-256 so that tampering shows.
 * Other modules publish {@link org.fengqiao.audit.Audited} events; they are written in the same
 * transaction as the change they describe, so no change commits without its entry.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package org.fengqiao.audit;
