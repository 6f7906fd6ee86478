package org.fengqiao.audit.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of recomputing the hash chain: whole, or the first entry that no longer matches
 * ({@code reason} is "missing" for a gap in the numbering, "link" for a broken link to the entry
 * before, "content" for an entry whose fields were changed), and how many entries were checked. A chain whole in
 * itself is checked against the head the {@link AuditWitness} saw: "truncated" when the chain no longer reaches it,
 * "rewritten" when the entry at its number has another hash, both with the witnessed number and time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainCheck(boolean valid, Long brokenSeq, String reason, long checked, Long witnessedChainNo,
        Instant witnessedAt) {

    public static ChainCheck whole(long checked) {
        return new ChainCheck(true, null, null, checked, null, null);
    }

    public static ChainCheck broken(long seq, String reason, long checked) {
        return new ChainCheck(false, seq, reason, checked, null, null);
    }

    /** The chain ends before the witnessed head: its last entries are gone. */
    public static ChainCheck truncated(AuditWitness.Head witnessed, long checked) {
        return new ChainCheck(false, null, "truncated", checked, witnessed.chainNo(), witnessed.at());
    }

    /** The entry now at the witnessed head's number ({@code seq}) is not the one witnessed. */
    public static ChainCheck rewritten(AuditWitness.Head witnessed, long seq, long checked) {
        return new ChainCheck(false, seq, "rewritten", checked, witnessed.chainNo(), witnessed.at());
    }

    /** As written to the trail when a check is recorded. */
    public Map<String, Object> summary() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("valid", valid);
        if (!valid) {
            map.put("brokenSeq", brokenSeq);
            map.put("reason", reason);
        }
        if (witnessedChainNo != null) {
            map.put("witnessedChainNo", witnessedChainNo);
            map.put("witnessedAt", witnessedAt.toString());
        }
        map.put("checked", checked);
        return map;
    }
}
