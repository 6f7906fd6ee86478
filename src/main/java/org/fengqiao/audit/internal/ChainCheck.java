package org.fengqiao.audit.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of recomputing the hash chain: whole, or the first entry that no longer matches
 * ({@code reason} is "missing" for a gap in the numbering, "link" for a broken link to the entry
 * before, "content" for an entry whose fields were changed), and how many entries were checked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainCheck(boolean valid, Long brokenSeq, String reason, long checked) {

    public static ChainCheck whole(long checked) {
        return new ChainCheck(true, null, null, checked);
    }

    public static ChainCheck broken(long seq, String reason, long checked) {
        return new ChainCheck(false, seq, reason, checked);
    }

    /** As written to the trail when a check is recorded. */
    public Map<String, Object> summary() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("valid", valid);
        if (!valid) {
            map.put("brokenSeq", brokenSeq);
            map.put("reason", reason);
        }
        map.put("checked", checked);
        return map;
    }
}
