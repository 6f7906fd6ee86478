package org.fengqiao.audit;

import java.util.List;

/**
 * The actors of the trail that are no person: what a publisher names with {@link Audited#by} (or the trail writes
 * when nobody is signed in and nobody was named). They are stored exactly as here, in every entry ever written (the
 * entries are chained and never rewritten), and the trail shows each in the reader's language
 * ({@code audit.actor.<name>}) and finds it by that name too.
 */
public final class SystemActor {

    /** Nobody signed in and no actor named: start-up, a job. */
    public static final String SYSTEM = "system";
    /** A resident on the public pages, who has no account: the same mark as on the incident's timeline. */
    public static final String RESIDENT = "群众";
    /** The demo district's loader. */
    public static final String DEMO = "demo";
    /** The sweep that escalates overdue incidents. */
    public static final String INCIDENT_ESCALATION_SWEEP = "incident-escalation-sweep";
    /** The daily job that marks supervision notices past their last day overdue (逾期未整改). */
    public static final String SUPERVISION_OVERDUE = "supervision-overdue";
    /** The points module when it awards by its own rules (an event heard after the fact, nobody signed in). */
    public static final String POINTS = "points";
    /** The job that ends hard-case claims past their deadline and returns the case to the board. */
    public static final String CLAIMS_EXPIRY = "claims-expiry";
    /** The job that closes the patrol shifts checked in and never checked out, at their booked end. */
    public static final String FORCES_SHIFT_CLOSE = "forces-shift-close";
    /** The watch that records finished import jobs. */
    public static final String IMPORT_JOB_WATCH = "import-job-watch";

    /** The server's operator, from the command line ({@code ./run reset-password}). */
    public static final String OPERATOR = "operator";

    /** Every one of them, as stored. */
    public static final List<String> ALL = List.of(SYSTEM, RESIDENT, DEMO, INCIDENT_ESCALATION_SWEEP, IMPORT_JOB_WATCH,
            OPERATOR, SUPERVISION_OVERDUE, POINTS, CLAIMS_EXPIRY, FORCES_SHIFT_CLOSE);

    private SystemActor() {
    }
}
