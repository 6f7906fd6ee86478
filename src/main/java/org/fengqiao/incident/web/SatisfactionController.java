package org.fengqiao.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.fengqiao.incident.internal.Ratings;
import org.fengqiao.incident.internal.SatisfactionReport;
import org.fengqiao.platform.Callers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 002's satisfaction rate (满意率): how the reporters rated the answers, per unit, grid and officer of the
 * caller's scope, with the low ratings and their comments.
 */
@RestController
@RequestMapping("/api/v1/incidents")
class SatisfactionController {

    record Satisfaction(OffsetDateTime from, OffsetDateTime to, UUID unitId, long ratings, long satisfied,
            Double satisfactionRate, List<Ratings.Figures> units, List<Ratings.GridSatisfaction> grids,
            List<Ratings.Figures> officers, long lowRatings, List<Ratings.LowRating> low) {
    }

    private final SatisfactionReport report;
    private final Clock clock;

    SatisfactionController(SatisfactionReport report, Clock clock) {
        this.report = report;
        this.clock = clock;
    }

    @GetMapping("/satisfaction")
    @PreAuthorize("hasAuthority('INCIDENT_STATS')")
    @Operation(summary = "Reporters' ratings per unit, grid and officer: count, mean and the share of 4 and 5 (满意率)",
            description = "Ratings given in [from, to) (default: the last 30 days), one per report (the latest), in the "
                    + "caller's scope or in the subtree of unitId (404 outside the scope). Units are the units holding "
                    + "the items' grids; officers the items' owners. low: the ratings of 1 to 3 with their comments, "
                    + "newest first, at most 100 (lowRatings counts them all). 400 when from is not before to.")
    Satisfaction satisfaction(@RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to, @RequestParam(required = false) UUID unitId) {
        OffsetDateTime end = to != null ? to : OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusSeconds(1);
        OffsetDateTime start = from != null ? from : end.minusDays(30);
        SatisfactionReport.Report r = report.of(Callers.require(), unitId, start, end);
        return new Satisfaction(r.from(), r.to(), unitId, r.ratings(), r.satisfied(), r.satisfactionRate(), r.units(),
                r.grids(), r.officers(), r.lowCount(), r.low());
    }
}
