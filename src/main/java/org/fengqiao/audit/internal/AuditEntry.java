package org.fengqiao.audit.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One line of the trail as it is stored; before and after are the stored JSON, passed on untouched. {@code actorName}
 * is not stored: the actor as the reader names it ({@link ActorNames}), a system's name in his language; nor is
 * {@code changes}: the fields the entry changed, read from before and after in the reader's words ({@link AuditChanges}).
 */
public record AuditEntry(long seq, Instant at, UUID actorId, String actor, String actorName, String actorRole,
        String remoteAddr, String action, String recordType, String recordId, String unitPath,
        @JsonRawValue String before, @JsonRawValue String after, String prevHash, String hash,
        List<AuditChange> changes) {

    AuditEntry read(String name, List<AuditChange> changes) {
        return new AuditEntry(seq, at, actorId, actor, name, actorRole, remoteAddr, action, recordType, recordId,
                unitPath, before, after, prevHash, hash, changes);
    }
}
