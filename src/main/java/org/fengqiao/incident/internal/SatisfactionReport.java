package org.fengqiao.incident.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.stereotype.Service;

/**
 * Seed 002's satisfaction rate (群众满意率) as a station chief reads it: over a period, per unit, grid and officer,
 * how many residents rated the answers and the share of 4 and 5, with the low ratings and their words. The caller's
 * whole scope, or one unit of it (404 for a unit outside it, as for every record). The API and the page read the
 * same report, so they never disagree.
 */
@Service
public class SatisfactionReport {

    /** The low ratings listed at most; the figures count them all. */
    public static final int LOW_LISTED = 100;

    public record Report(OffsetDateTime from, OffsetDateTime to, Unit unit, List<Ratings.Figures> units,
            List<Ratings.GridSatisfaction> grids, List<Ratings.Figures> officers, List<Ratings.LowRating> low) {

        /** Every rating of the period in the scope: each sits in exactly one unit. */
        public long ratings() {
            return units.stream().mapToLong(Ratings.Figures::ratings).sum();
        }

        public long satisfied() {
            return units.stream().mapToLong(Ratings.Figures::satisfied).sum();
        }

        /** The share of 4 and 5 over the whole scope, to three decimals; null without ratings. */
        public Double satisfactionRate() {
            long n = ratings();
            return n == 0 ? null : Math.round(satisfied() * 1000.0 / n) / 1000.0;
        }

        /** How many low ratings the period holds (the list stops at {@link #LOW_LISTED}). */
        public long lowCount() {
            return grids.stream().mapToLong(g -> g.ratings() - g.satisfied()).sum();
        }
    }

    private final Ratings ratings;
    private final Jurisdictions jurisdictions;

    SatisfactionReport(Ratings ratings, Jurisdictions jurisdictions) {
        this.ratings = ratings;
        this.jurisdictions = jurisdictions;
    }

    /**
     * The ratings given from {@code from} (inclusive) to {@code to} (exclusive) within the caller's scope, or
     * within {@code unitId}'s subtree when given.
     *
     * @throws Invalid   when the period is empty or reversed (field {@code to})
     * @throws NotFound  when the unit does not exist or lies outside the caller's scope
     */
    public Report of(Caller caller, UUID unitId, OffsetDateTime from, OffsetDateTime to) {
        if (!from.isBefore(to)) {
            throw Invalid.of("to", "incident.satisfaction.period.reversed");
        }
        List<String> scope = caller.unitPaths();
        Unit unit = null;
        if (unitId != null) {
            unit = jurisdictions.visibleUnit(new UnitId(unitId), caller).orElseThrow(() -> new NotFound("unit", unitId));
            scope = List.of(unit.path());
        }
        return new Report(from, to, unit, ratings.byUnit(scope, from, to), ratings.byGrid(scope, from, to),
                ratings.byOfficer(scope, from, to), ratings.low(scope, from, to, LOW_LISTED));
    }

    /**
     * The satisfaction rate over {@code from} (inclusive) to {@code to} (exclusive) in the subtrees of
     * {@code scopePaths} (already checked against the caller's scope), the report's own {@link Report#satisfactionRate()}
     * so that the work figures and this report never disagree; null without ratings.
     */
    public Double rate(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return new Report(from, to, null, ratings.byUnit(scopePaths, from, to), List.of(), List.of(), List.of())
                .satisfactionRate();
    }
}
