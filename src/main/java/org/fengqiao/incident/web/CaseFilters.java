package org.fengqiao.incident.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.fengqiao.incident.Offence;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;

/**
 * The incident list's filters a link from the work figures carries, on the page and in the API alike: the cases of
 * one offence (案由) or those without one yet (案由未定), received between two days (both included, China Standard
 * Time, as the figures count them) in one unit's subtree. A unit outside the caller's jurisdiction is not found (404),
 * as on every other page; an offence and "none yet" at once, or a first day after the last, are refused with the
 * reason and list nothing.
 *
 * @param unit null for the caller's whole jurisdiction
 */
record CaseFilters(Offence offence, boolean unclassified, LocalDate from, LocalDate to, Unit unit) {

    /**
     * @throws Invalid  for an offence with "none yet", or days reversed
     * @throws NotFound for a unit the caller may not see
     */
    static CaseFilters read(Offence offence, boolean unclassified, LocalDate from, LocalDate to, UUID unitId,
            Caller caller, Jurisdictions jurisdictions) {
        if (offence != null && unclassified) {
            throw Invalid.of("unclassified", "incident.list.offenceAndUnclassified");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw Invalid.of("from", "incident.list.daysReversed", from.toString(), to.toString());
        }
        Unit unit = unitId == null ? null
                : jurisdictions.visibleUnit(new UnitId(unitId), caller).orElseThrow(() -> new NotFound("unit", unitId));
        return new CaseFilters(offence, unclassified, from, to, unit);
    }

    /** The unit paths listed: the unit's subtree, or all the caller may see. */
    List<String> scope(Caller caller) {
        return unit == null ? caller.unitPaths() : List.of(unit.path());
    }

    /** The first moment of the first day, null for no bound. */
    OffsetDateTime receivedFrom() {
        return from == null ? null : from.atStartOfDay(PeriodFigures.ZONE).toOffsetDateTime();
    }

    /** The first moment after the last day, null for no bound. */
    OffsetDateTime receivedBefore() {
        return to == null ? null : to.plusDays(1).atStartOfDay(PeriodFigures.ZONE).toOffsetDateTime();
    }

    /**
     * These filters as query parameters to append to the list's other links (its tabs, its pages), each beginning
     * with {@code &}: empty when none is set. Codes, days and ids only, so nothing needs escaping.
     */
    public String query() {
        StringBuilder q = new StringBuilder();
        if (offence != null) {
            q.append("&offence=").append(offence.name());
        }
        if (unclassified) {
            q.append("&unclassified=true");
        }
        if (from != null) {
            q.append("&from=").append(from);
        }
        if (to != null) {
            q.append("&to=").append(to);
        }
        if (unit != null) {
            q.append("&unit=").append(unit.id().value());
        }
        return q.toString();
    }

    /** Whether any of these filters is set (the page then offers to clear them). */
    public boolean any() {
        return offence != null || unclassified || from != null || to != null || unit != null;
    }
}
