package org.fengqiao.incident.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.internal.Reach;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The incident list's filters a link from the work figures carries, on the page and in the API alike: the cases of
 * one offence (案由), those without one yet (案由未定) or the preventable ones (可防性案件), received between two days
 * (both included, China Standard Time, as the figures count them) in one unit's subtree. A unit outside the caller's
 * jurisdiction is not found (404), as on every other page. Filters that could only list nothing are refused with the
 * reason and list nothing: an offence and "none yet" at once, "preventable" with "none yet", "preventable" with an
 * offence that is not preventable, a first day after the last. "Preventable" with a preventable offence narrows the
 * preventable cases to that offence's, which the offence alone lists too, so it is allowed: the chief who came from
 * the figure keeps the box ticked while he picks one offence of them. The 110 calls (a source) are listed as the
 * figures count them too: a report merged into another as its duplicate is the same call, not a second one.
 *
 * @param unit null for the caller's whole jurisdiction
 * @param source null for any
 */
record CaseFilters(Offence offence, boolean unclassified, boolean preventable, LocalDate from, LocalDate to,
        Unit unit, Source source) {

    /**
     * @throws Invalid  for an offence with "none yet", "preventable" with "none yet" or with an offence that is not
     *                  preventable, or days reversed
     * @throws NotFound for a unit the caller may not see
     */
    static CaseFilters read(Offence offence, boolean unclassified, boolean preventable, LocalDate from, LocalDate to,
            UUID unitId, Source source, Caller caller, Jurisdictions jurisdictions) {
        if (offence != null && unclassified) {
            throw Invalid.of("unclassified", "incident.list.offenceAndUnclassified");
        }
        if (preventable && unclassified) {
            throw Invalid.of("preventable", "incident.list.preventableAndUnclassified");
        }
        if (preventable && offence != null && !offence.preventable()) {
            throw Invalid.of("preventable", "incident.list.offenceNotPreventable");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw Invalid.of("from", "incident.list.daysReversed", from.toString(), to.toString());
        }
        Unit unit = unitId == null ? null
                : jurisdictions.visibleUnit(new UnitId(unitId), caller).orElseThrow(() -> new NotFound("unit", unitId));
        return new CaseFilters(offence, unclassified, preventable, from, to, unit, source);
    }

    /** What is listed: all the caller reaches, or what he reaches of the unit's subtree. */
    Reach scope(Caller caller) {
        Reach reach = Reach.of(caller);
        return unit == null ? reach : reach.narrowedTo(List.of(unit.path()));
    }

    /** The first moment of the first day, null for no bound. */
    OffsetDateTime receivedFrom() {
        return from == null ? null : from.atStartOfDay(PeriodFigures.ZONE).toOffsetDateTime();
    }

    /** The first moment after the last day, null for no bound. */
    OffsetDateTime receivedBefore() {
        return to == null ? null : to.plusDays(1).atStartOfDay(PeriodFigures.ZONE).toOffsetDateTime();
    }

    /** Adds these filters to a link to the list page, those set only. Codes, days and ids only. */
    void addTo(UriComponentsBuilder link) {
        addTo(link, "unit");
    }

    /** Adds these filters to a link, the unit under the name given (the API's {@code unitId}). */
    void addTo(UriComponentsBuilder link, String unitParameter) {
        if (offence != null) {
            link.queryParam("offence", offence.name());
        }
        if (unclassified) {
            link.queryParam("unclassified", true);
        }
        if (preventable) {
            link.queryParam("preventable", true);
        }
        if (from != null) {
            link.queryParam("from", from);
        }
        if (to != null) {
            link.queryParam("to", to);
        }
        if (unit != null) {
            link.queryParam(unitParameter, unit.id().value());
        }
        if (source != null) {
            link.queryParam("source", source.name());
        }
    }

    /** Whether any of these filters is set. */
    public boolean any() {
        return count() > 0;
    }

    /** How many of these filters are set. */
    public int count() {
        int set = 0;
        for (boolean on : new boolean[] {offence != null, unclassified, preventable, from != null, to != null,
                unit != null, source != null}) {
            set += on ? 1 : 0;
        }
        return set;
    }
}
