package org.fengqiao.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.fengqiao.incident.internal.Ratings;
import org.fengqiao.platform.Callers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Seed 002's satisfaction rate (满意率): how the reporters rated the answers, per grid of the caller's scope. */
@RestController
@RequestMapping("/api/v1/incidents")
class SatisfactionController {

    record Satisfaction(OffsetDateTime from, OffsetDateTime to, List<Ratings.GridSatisfaction> grids) {
    }

    private final Ratings ratings;
    private final Clock clock;

    SatisfactionController(Ratings ratings, Clock clock) {
        this.ratings = ratings;
        this.clock = clock;
    }

    @GetMapping("/satisfaction")
    @PreAuthorize("hasAuthority('INCIDENT_READ')")
    @Operation(summary = "Reporters' ratings per grid: count, mean and the share of 4 and 5 (满意率)",
            description = "Ratings given in [from, to) (default: the last 30 days), one per report (the latest).")
    Satisfaction satisfaction(@RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to) {
        OffsetDateTime end = to != null ? to : OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusSeconds(1);
        OffsetDateTime start = from != null ? from : end.minusDays(30);
        return new Satisfaction(start, end, ratings.byGrid(Callers.require().unitPaths(), start, end));
    }
}
