package org.fengqiao.duty.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fengqiao.duty.DutyPeriod;

/**
 * Whether each duty of the rhythm is done: in the period holding the day (DONE, or DUE while the period runs), and in
 * the last closed period (DONE or MISSED). A duty counts done once a record not withdrawn falls in the period, however
 * many do; a withdrawn record counts for nothing. A period that began before the officer took up his duties
 * ({@code since}) is not owed, done or not: one who comes on a Friday is not held to the week's five, nor one who
 * comes on the 28th to the month's four, as a chief would not hold him; the checklist's missed list and the results
 * kept when periods close (DutyResultSweep) follow this one rule. Decides from plain values, without Spring or the
 * database.
 */
public final class ChecklistPolicy {

    public enum State { DONE, DUE, MISSED }

    /** A day recorded done for an item; {@code withdrawn} ones are kept on the list and count for nothing. */
    public record Done(String item, LocalDate on, boolean withdrawn) {
    }

    /**
     * One item's decision for one period, with the reason as a message key of the duty bundle and how many records
     * (not withdrawn) fell in the period.
     */
    public record Decision(DutyProperties.Item item, LocalDate start, LocalDate end, State state, int records,
            String reason) {
    }

    private final List<DutyProperties.Item> rhythm;

    public ChecklistPolicy(List<DutyProperties.Item> rhythm) {
        this.rhythm = List.copyOf(rhythm);
    }

    /** Each item in the period holding {@code day}: DONE or DUE. */
    public List<Decision> current(LocalDate day, List<Done> done) {
        return current(day, null, done);
    }

    /**
     * Each item in the period holding {@code day}: DONE or DUE; one not done of a period that began before
     * {@code since} says it is not owed (he may record it all the same).
     */
    public List<Decision> current(LocalDate day, LocalDate since, List<Done> done) {
        List<Decision> decisions = new ArrayList<>();
        for (DutyProperties.Item item : rhythm) {
            LocalDate start = item.period().start(day);
            LocalDate end = item.period().end(day);
            int n = count(item, start, end, done);
            decisions.add(new Decision(item, start, end, n > 0 ? State.DONE : State.DUE, n,
                    n > 0 ? "duty.reason.done" : owed(start, since) ? "duty.reason.due" : "duty.reason.notOwed"));
        }
        return decisions;
    }

    /** Whether a period beginning on {@code start} is owed by an officer on duty from {@code since}. */
    static boolean owed(LocalDate start, LocalDate since) {
        return since == null || !start.isBefore(since);
    }

    /**
     * Each item in the last closed period before the one holding {@code day}: DONE or MISSED; none for a period that
     * began before {@code since} (the officer was not yet on duty when it began).
     */
    public List<Decision> lastClosed(LocalDate day, LocalDate since, List<Done> done) {
        List<Decision> decisions = new ArrayList<>();
        for (DutyProperties.Item item : rhythm) {
            LocalDate start = item.period().previous(day);
            LocalDate end = item.period().end(start);
            if (!owed(start, since)) {
                continue;
            }
            int n = count(item, start, end, done);
            decisions.add(new Decision(item, start, end, n > 0 ? State.DONE : State.MISSED, n,
                    n > 0 ? "duty.reason.done" : "duty.reason.missed"));
        }
        return decisions;
    }

    /**
     * Each item whose period ends on {@code day} (every day's duties, a week's on a Sunday, a month's on its last
     * day, a quarter's on the quarter's last day): DONE or MISSED, by the records in that period; none when the period
     * began before {@code since} (the officer was not yet on duty when it began), as for {@link #lastClosed}.
     */
    public List<Decision> closingOn(LocalDate day, LocalDate since, List<Done> done) {
        List<Decision> decisions = new ArrayList<>();
        for (DutyProperties.Item item : rhythm) {
            if (!item.period().end(day).equals(day)) {
                continue;
            }
            LocalDate start = item.period().start(day);
            if (!owed(start, since)) {
                continue;
            }
            int n = count(item, start, day, done);
            decisions.add(new Decision(item, start, day, n > 0 ? State.DONE : State.MISSED, n,
                    n > 0 ? "duty.reason.done" : "duty.reason.missed"));
        }
        return decisions;
    }

    /** The items whose period ends on {@code day}. */
    public List<DutyProperties.Item> closing(LocalDate day) {
        return rhythm.stream().filter(i -> i.period().end(day).equals(day)).toList();
    }

    /** The first day whose records the two decisions above may need: the start of the longest last closed period. */
    public LocalDate earliestNeeded(LocalDate day) {
        LocalDate earliest = day;
        for (DutyPeriod p : DutyPeriod.values()) {
            LocalDate start = p.previous(day);
            if (start.isBefore(earliest)) {
                earliest = start;
            }
        }
        return earliest;
    }

    private static int count(DutyProperties.Item item, LocalDate start, LocalDate end, List<Done> done) {
        int n = 0;
        for (Done d : done) {
            if (!d.withdrawn() && d.item().equals(item.code()) && !d.on().isBefore(start) && !d.on().isAfter(end)) {
                n++;
            }
        }
        return n;
    }
}
