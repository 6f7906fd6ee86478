package org.fengqiao.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.incident.internal.Merges;
import org.fengqiao.incident.internal.StepPolicy;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents")
class DuplicateController {

    private final Merges merges;
    private final IncidentViews views;

    DuplicateController(Merges merges, IncidentViews views) {
        this.merges = merges;
        this.views = views;
    }

    /** The primary by id or by tracking code; acrossCategories must be true to merge reports of two categories. */
    record MergeForm(UUID primaryId, String trackingCode, Boolean acrossCategories, String reason) {
    }

    @PostMapping("/{id}/merge")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "Merge this report into a primary as its duplicate",
            description = "The duplicate is closed as MERGED and its reporter is answered when the primary is. "
                    + "Merging into a merged report merges into its primary. 404 when either is outside the caller's "
                    + "subtree; 400 into itself or across categories without acrossCategories=true; 409 when either "
                    + "is closed.")
    IncidentViews.Detail merge(@PathVariable UUID id, @RequestBody(required = false) MergeForm form, Locale locale) {
        MergeForm f = form == null ? new MergeForm(null, null, null, null) : form;
        var merged = merges.merge(id, new Merges.Into(f.primaryId(), f.trackingCode(),
                Boolean.TRUE.equals(f.acrossCategories()), f.reason()), merger());
        return views.detail(merged, locale);
    }

    /** Merging is one of an item's steps: refused (403) for those who only report and follow what they filed. */
    private static Submitter merger() {
        Caller caller = Callers.require();
        StepPolicy.require(caller);
        return Submitter.of(caller);
    }
}
