package org.fengqiao.audit.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/** One line of the trail as it is stored; before and after are the stored JSON, passed on untouched. */
public record AuditEntry(long seq, Instant at, UUID actorId, String actor, String actorRole, String remoteAddr,
        String action, String recordType, String recordId, String unitPath,
        @JsonRawValue String before, @JsonRawValue String after, String prevHash, String hash) {
}
