package org.fengqiao.incident.web;

import java.util.Locale;
import org.fengqiao.platform.Invalid;

/**
 * The incident list's tabs ({@code show}), on the page and in the API alike: the open items the caller owns (mine),
 * the open ones, the overdue ones, all, and the reports he filed himself. A value that is none of them (a mistyped or
 * stale link) is refused with the tabs there are, never read as "all": a chief who followed it would otherwise be
 * shown everything without knowing.
 */
enum ListTab {
    MINE, OPEN, OVERDUE, ALL, FILED;

    /** The longest part of an unknown value repeated in the refusal. */
    private static final int SHOWN = 40;

    /** As the links and the API write it: {@code mine}, {@code open}... */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The tab {@code show} names, {@code absent} when it names none (missing or blank); any case, as a hand-typed
     * link may have it.
     *
     * @throws Invalid for a value that is none of the tabs
     */
    static ListTab read(String show, ListTab absent) {
        if (show == null || show.isBlank()) {
            return absent;
        }
        for (ListTab tab : values()) {
            if (tab.code().equalsIgnoreCase(show.trim())) {
                return tab;
            }
        }
        String shown = show.length() > SHOWN ? show.substring(0, SHOWN) + "…" : show;
        throw Invalid.of("show", "incident.list.unknownTab", shown);
    }

    /** TRUE for the tabs of open items only, null for no condition. */
    Boolean open() {
        return this == OPEN || this == MINE ? Boolean.TRUE : null;
    }

    /** TRUE for the overdue tab, null for no condition. */
    Boolean overdue() {
        return this == OVERDUE ? Boolean.TRUE : null;
    }

    /** Whether the tab lists the items the caller owns. */
    boolean mine() {
        return this == MINE;
    }

    /** Whether the tab lists the reports the caller filed. */
    boolean filed() {
        return this == FILED;
    }
}
