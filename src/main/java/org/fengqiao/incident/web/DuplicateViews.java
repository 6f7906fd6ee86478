package org.fengqiao.incident.web;

import java.util.List;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.internal.Duplicates;
import org.fengqiao.incident.internal.Reach;
import org.fengqiao.incident.internal.Incidents.Incident;
import org.fengqiao.incident.internal.Incidents.Status;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Texts;
import org.springframework.stereotype.Component;

/**
 * The duplicates part of an incident as staff see it: the possible duplicates offered (either way round), the
 * primary it was merged into and the reports merged into it, each only if the viewer's scope sees it. Without a
 * signed-in caller (a resident's page) it is empty: one reporter never learns of another's report.
 */
@Component
public class DuplicateViews {

    /** A possible duplicate: distance in metres (null when matched by grid and address), minutes apart. */
    public record Candidate(UUID id, String trackingCode, Category category, Status status, boolean open,
            String description, String gridName, Long distanceMetres, long minutesApart, long secondsApart,
            boolean newer) {
    }

    public record Link(UUID id, String trackingCode, Category category, Status status) {
    }

    public record Panel(List<Candidate> candidates, Link mergedInto, List<Link> merged) {

        public boolean isEmpty() {
            return candidates.isEmpty() && mergedInto == null && merged.isEmpty();
        }
    }

    static final Panel NONE = new Panel(List.of(), null, List.of());

    private final Duplicates duplicates;

    DuplicateViews(Duplicates duplicates) {
        this.duplicates = duplicates;
    }

    /**
     * The panel of a report being filed, from the offers just made: nothing read back, and no merges looked up (it
     * can have none yet).
     */
    public Panel justFiled(List<Duplicates.Shown> offers) {
        Reach scope = scope();
        return scope == null ? NONE : new Panel(candidates(duplicates.offeredJustNow(offers, scope)), null, List.of());
    }

    /** The panel of an incident: the offers either way round, and the merges into it and of it. */
    public Panel panel(Incident i) {
        Reach scope = scope();
        if (scope == null) {
            return NONE;
        }
        Link into = duplicates.mergedInto(i.id(), scope).map(DuplicateViews::link).orElse(null);
        // the primary it was merged into is shown as such, not offered again beside it
        List<Candidate> candidates = candidates(duplicates.offered(i.id(), scope).stream()
                .filter(o -> into == null || !o.id().equals(into.id())).toList());
        List<Link> merged = duplicates.merged(i.id(), scope).stream().map(DuplicateViews::link).toList();
        return new Panel(candidates, into, merged);
    }

    /**
     * The merge steps of an incident's timeline with the report at their other end, that report only if the viewer's
     * scope sees it; none without a signed-in caller.
     */
    public java.util.Map<Long, Duplicates.MergeLink> mergeLinks(Incident i) {
        Reach scope = scope();
        return scope == null ? java.util.Map.of() : duplicates.mergeLinks(i.id(), scope);
    }

    /** The report at the other end of a merge's step, as a link; null for none or one the viewer does not see. */
    static Link linked(Duplicates.MergeLink merge) {
        return merge == null || merge.report() == null ? null : link(merge.report());
    }

    /** What the caller reads, or null for nobody signed in with a scope (the panel is then empty). */
    private static Reach scope() {
        Caller caller = Callers.current().orElse(null);
        return caller == null || caller.unitPaths() == null || caller.unitPaths().isEmpty() ? null : Reach.of(caller);
    }

    private static List<Candidate> candidates(List<Duplicates.Offered> offered) {
        return offered.stream()
                .map(o -> new Candidate(o.id(), o.trackingCode(), o.category(), o.status(), o.status().open(),
                        Texts.line(o.description(), 60), o.gridName(),
                        o.distanceMetres() == null ? null : Math.round(o.distanceMetres()),
                        Math.round(o.secondsApart() / 60.0), o.secondsApart(), o.newer()))
                .toList();
    }

    private static Link link(Duplicates.Linked l) {
        return new Link(l.id(), l.trackingCode(), l.category(), l.status());
    }
}
