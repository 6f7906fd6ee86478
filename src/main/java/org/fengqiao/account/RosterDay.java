package org.fengqiao.account;

import java.time.LocalDate;
import org.fengqiao.platform.web.LocalTimes;

/**
 * The one definition of who holds a grid role on a day, for every module that asks who the grid chief (or anyone on
 * a grid's roster) is. A term covers the days from its first ({@code started_on}) up to, not including, the day it
 * ended ({@code ended_on}): a single-holder role changes hands by ending the old term on the day the new one starts,
 * so on the handover day the successor holds it and never both; a term the station chief ended today no longer covers
 * today (the roster page lists it among the past ones), and a term appointed from a later day does not cover today.
 */
public final class RosterDay {

    private RosterDay() {
    }

    /** Whether a term from {@code startedOn} to {@code endedOn} (null: open) covers {@code day}. */
    public static boolean covers(LocalDate startedOn, LocalDate endedOn, LocalDate day) {
        return !startedOn.isAfter(day) && (endedOn == null || endedOn.isAfter(day));
    }

    /**
     * The same as an SQL condition on the {@code grid_role} row {@code alias} and a date expression {@code day}, for
     * the one statement that must stay one (the inbox entries of a routed report, written per report under load).
     */
    public static String covers(String alias, String day) {
        return "(%1$s.started_on <= %2$s AND (%1$s.ended_on IS NULL OR %1$s.ended_on > %2$s))".formatted(alias, day);
    }

    /**
     * {@link #covers(String, String)} for today in China, read by the database: who serves a grid now. A term
     * appointed from a later day does not serve yet, and a term ended beforehand from a later day still does; an
     * open term ({@code ended_on IS NULL}) alone is neither.
     */
    public static String coversToday(String alias) {
        return covers(alias, "CAST(now() AT TIME ZONE '" + LocalTimes.ZONE.getId() + "' AS date)");
    }
}
