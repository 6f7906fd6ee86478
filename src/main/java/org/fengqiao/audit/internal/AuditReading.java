package org.fengqiao.audit.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit administrator's reading of the trail, for the API and the page alike. Reading the
 * trail is itself written to the trail, in the same transaction: a read that cannot be recorded
 * answers with an error instead of the entries.
 */
@Service
public class AuditReading {

    private final AuditEntries entries;
    private final ActorNames actors;
    private final AuditChanges changes;
    private final ApplicationEventPublisher events;
    private final AuditSealer sealer;

    AuditReading(AuditEntries entries, ActorNames actors, AuditChanges changes, ApplicationEventPublisher events,
            AuditSealer sealer) {
        this.sealer = sealer;
        this.entries = entries;
        this.actors = actors;
        this.changes = changes;
        this.events = events;
    }

    /**
     * The entries as stored, each actor also named in the reader's language ({@code actorName}) and each change read
     * as the fields it changed ({@code changes}).
     */
    @Transactional
    public AuditPage search(AuditQuery query, Locale locale) {
        Caller caller = Callers.require();
        AuditPage page = entries.search(query, caller);
        AuditChanges.Reading reading = changes.reading(caller, locale);
        // What was looked for goes into "after", so the trail shows what the auditor searched for.
        events.publishEvent(new Audited("READ", "audit", null, null, null, filters(query, page), null));
        return new AuditPage(page.items().stream().map(e -> e.read(actors.shown(e, locale), reading.of(e))).toList(), page.page(),
                page.size(), page.total(), page.upTo());
    }

    /**
     * Entries of a reading from an offset for an export, each read as {@link #search} reads it (the actor named, the
     * changes in words). Not recorded entry by entry: the export is recorded once, whole ({@link #exported}).
     */
    public AuditPage slice(AuditQuery query, Locale locale, int limit, long offset) {
        Caller caller = Callers.require();
        AuditPage page = entries.slice(query, caller, limit, offset);
        AuditChanges.Reading reading = changes.reading(caller, locale);
        return new AuditPage(page.items().stream().map(e -> e.read(actors.shown(e, locale), reading.of(e))).toList(),
                page.page(), page.size(), page.total(), page.upTo());
    }

    /**
     * Chains every entry committed so far, as verification does: an export then carries each entry's hash, also of
     * those written in the last half second.
     */
    public void sealCommitted() {
        sealer.sealAll();
    }

    /** An export of the trail, in the trail: what was looked for, the newest entry it reached and how many it holds. */
    public void exported(AuditQuery query, long upTo, int rows) {
        Map<String, Object> map = new LinkedHashMap<>();
        putIfSet(map, "actor", query.actor());
        putIfSet(map, "action", query.action());
        putIfSet(map, "recordType", query.recordType());
        putIfSet(map, "recordId", query.recordId());
        putIfSet(map, "from", query.from() == null ? null : query.from().toString());
        putIfSet(map, "to", query.to() == null ? null : query.to().toString());
        map.put("upTo", upTo);
        map.put("rows", rows);
        events.publishEvent(new Audited("EXPORT", "audit", null, null, null, map, null));
    }

    @Transactional
    public ChainCheck verify() {
        ChainCheck check = entries.verify();
        events.publishEvent(new Audited("VERIFY", "audit", null, null, null, check.summary(), null));
        return check;
    }

    private static Map<String, Object> filters(AuditQuery q, AuditPage page) {
        Map<String, Object> map = new LinkedHashMap<>();
        putIfSet(map, "actor", q.actor());
        putIfSet(map, "action", q.action());
        putIfSet(map, "recordType", q.recordType());
        putIfSet(map, "recordId", q.recordId());
        putIfSet(map, "from", q.from() == null ? null : q.from().toString());
        putIfSet(map, "to", q.to() == null ? null : q.to().toString());
        map.put("upTo", page.upTo());
        map.put("page", q.page());
        map.put("size", q.size());
        map.put("total", page.total());
        return map;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
