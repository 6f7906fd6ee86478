package org.fengqiao.population.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.fengqiao.platform.ChoiceNames;

/**
 * When utility use at a place calls for a door-to-door check (seed 000: 一旦发现异常，立即入户核查).
 * Pure: it is given a place's monthly readings and how many residents are registered there now, and
 * answers one {@link Decision} per rule, each with the reason (a message key and its arguments) that
 * the task and the tests show.
 *
 * <ul>
 * <li>UNREGISTERED_USE (有用无人): in the latest month with readings, some utility was used above
 * its "occupied" threshold, and nobody is registered there (no member of a household of the place
 * with residence PERMANENT or FLOATING), nor was anyone until that month began (a resident who left
 * during or after it lived there then). Only the latest month is judged, since registration is known
 * as it is now, not as it was months ago.</li>
 * <li>REGISTERED_NO_USE (有人无用): residents are registered, and in each of the last idleMonths
 * months up to the latest ended month with readings, the place has a water or power reading and every
 * reading of that month is at or below its "idle" threshold. A month without a water or power reading
 * leaves the question open: gas alone says nothing, since many homes do not cook with gas. Nor do months
 * before the residents registered (the first of those months must not begin before the earliest of them).</li>
 * </ul>
 *
 * <p>{@link #plan} then decides what an anomaly does to the place's tasks: open one, extend the one
 * still unresolved, or nothing when the period was already verified.
 */
public final class UtilityAnomalyPolicy {

    @ChoiceNames("utilities.kind.")
    public enum Kind { UNREGISTERED_USE, REGISTERED_NO_USE }

    /** One month's use of one utility at the place. */
    public record Use(Utility utility, YearMonth month, BigDecimal consumption) {
        public Use {
            Objects.requireNonNull(utility, "utility");
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(consumption, "consumption");
        }
    }

    /** The outcome of one rule: an anomaly over [from, to] or none, and why. */
    public record Decision(Kind kind, boolean anomaly, YearMonth from, YearMonth to, String reason, List<String> args) {
    }

    /** A task of the place already there; hold is what its "no issue" finding holds against (null for none). */
    public record Existing(UUID id, Kind kind, boolean resolved, YearMonth from, YearMonth to, Hold hold) {
        public Existing(UUID id, Kind kind, boolean resolved, YearMonth from, YearMonth to) {
            this(id, kind, resolved, from, to, null);
        }
    }

    /**
     * A "use without residents" task resolved as "no issue" (a shop's meter, an owner who comes by now and then) holds
     * for its place: a later month's use opens no new task while nobody has left the place since the day it was resolved
     * ({@code since}), the month is not after {@code until} (null: no month limit, the officer chose none) and no
     * utility's use is above the limit stated for it when the task was resolved ({@code above}).
     */
    public record Hold(LocalDate since, YearMonth until, Map<Utility, BigDecimal> above) {
    }

    public enum Step { OPEN, EXTEND, NOTHING }

    /** What an anomaly does to the tasks: open [from, to], extend task to `to`, or nothing, and why. */
    public record Plan(Step step, UUID task, YearMonth from, YearMonth to, String reason) {
    }

    private final UtilityProperties limits;

    public UtilityAnomalyPolicy(UtilityProperties limits) {
        this.limits = limits;
    }

    /** Both rules for one place, UNREGISTERED_USE first, every month taken as ended. */
    public List<Decision> evaluate(int registeredResidents, List<Use> uses) {
        return evaluate(registeredResidents, null, null, uses, null);
    }

    /**
     * Both rules for one place, UNREGISTERED_USE first. Readings of the current month (and later) cover only
     * part of it: use above the threshold there is use all the same, but little use says nothing yet, so
     * REGISTERED_NO_USE judges only months that have ended. lastLeft is the latest day a former resident of the
     * place left it (null when none did): use in a month someone lived there until is his, not a stranger's.
     * registeredSince is the day the earliest of the residents registered now registered (null when unknown):
     * months before it without use are not theirs to explain.
     */
    public List<Decision> evaluate(int registeredResidents, LocalDate lastLeft, LocalDate registeredSince,
            List<Use> uses, YearMonth current) {
        TreeMap<YearMonth, Map<Utility, BigDecimal>> months = new TreeMap<>();
        for (Use u : uses) {
            months.computeIfAbsent(u.month(), m -> new EnumMap<>(Utility.class)).put(u.utility(), u.consumption());
        }
        TreeMap<YearMonth, Map<Utility, BigDecimal>> ended = current == null ? months
                : new TreeMap<>(months.headMap(current, false));
        return List.of(unregisteredUse(registeredResidents, lastLeft, months),
                registeredNoUse(registeredResidents, registeredSince, ended));
    }

    /**
     * A task's rule judged again on every month of its period [from, to], each as the rule saw it when that month was
     * the latest (its readings up to that month): the latest month still anomalous gives the task its reason, and only
     * when none is does the task hear that nothing is wrong, in the words of its last month. Judged on its last month
     * alone, a task opened in one month and extended over two more told its grid member "nothing above the threshold"
     * once the last month was corrected, over two months of use nobody had explained.
     */
    public Decision judgeOver(Kind kind, YearMonth from, YearMonth to, int registeredResidents, LocalDate lastLeft,
            LocalDate registeredSince, List<Use> uses, YearMonth current) {
        Decision last = null;
        for (YearMonth m = to; !m.isBefore(from); m = m.minusMonths(1)) {
            YearMonth upTo = m;
            List<Use> then = uses.stream().filter(u -> !u.month().isAfter(upTo)).toList();
            Decision d = evaluate(registeredResidents, lastLeft, registeredSince, then, current).get(kind.ordinal());
            if (d.anomaly() && !d.to().isBefore(from)) {
                return d;
            }
            if (last == null) {
                last = d;
            }
        }
        return last;
    }

    Decision unregisteredUse(int registered, LocalDate lastLeft,
            TreeMap<YearMonth, Map<Utility, BigDecimal>> months) {
        Kind kind = Kind.UNREGISTERED_USE;
        if (months.isEmpty()) {
            return none(kind, "utilities.reason.noReadings");
        }
        if (registered > 0) {
            return none(kind, "utilities.reason.hasResidents", String.valueOf(registered));
        }
        YearMonth latest = months.lastKey();
        if (lastLeft != null && !lastLeft.isBefore(latest.atDay(1))) {
            return none(kind, "utilities.reason.leftDuring", lastLeft.toString());
        }
        Utility most = null;
        BigDecimal ratio = BigDecimal.ZERO;
        for (Map.Entry<Utility, BigDecimal> e : months.get(latest).entrySet()) {
            BigDecimal threshold = limits.occupied().of(e.getKey());
            if (e.getValue().compareTo(threshold) > 0) {
                BigDecimal r = threshold.signum() == 0 ? e.getValue()
                        : e.getValue().divide(threshold, 6, java.math.RoundingMode.HALF_UP);
                if (most == null || r.compareTo(ratio) > 0) {
                    most = e.getKey();
                    ratio = r;
                }
            }
        }
        if (most == null) {
            return none(kind, "utilities.reason.belowOccupied", latest.toString());
        }
        return new Decision(kind, true, latest, latest, "utilities.reason.useWithoutResidents",
                List.of(latest.toString(), most.name(), plain(months.get(latest).get(most)),
                        plain(limits.occupied().of(most))));
    }

    Decision registeredNoUse(int registered, LocalDate registeredSince,
            TreeMap<YearMonth, Map<Utility, BigDecimal>> months) {
        Kind kind = Kind.REGISTERED_NO_USE;
        if (months.isEmpty()) {
            return none(kind, "utilities.reason.noReadings");
        }
        if (registered <= 0) {
            return none(kind, "utilities.reason.nobodyRegistered");
        }
        YearMonth latest = months.lastKey();
        YearMonth first = latest.minusMonths(limits.idleMonths() - 1L);
        if (registeredSince != null && registeredSince.isAfter(first.atDay(1))) {
            return none(kind, "utilities.reason.registeredSince", registeredSince.toString());
        }
        for (YearMonth m = first; !m.isAfter(latest); m = m.plusMonths(1)) {
            Map<Utility, BigDecimal> use = months.get(m);
            if (use == null || !(use.containsKey(Utility.WATER) || use.containsKey(Utility.POWER))) {
                return none(kind, "utilities.reason.monthMissing", m.toString());
            }
            for (Map.Entry<Utility, BigDecimal> e : use.entrySet()) {
                if (e.getValue().compareTo(limits.idle().of(e.getKey())) > 0) {
                    return none(kind, "utilities.reason.inUse", m.toString(), e.getKey().name(), plain(e.getValue()));
                }
            }
        }
        return new Decision(kind, true, first, latest, "utilities.reason.noUse",
                List.of(String.valueOf(registered), String.valueOf(limits.idleMonths()), first.toString(),
                        latest.toString()));
    }

    /**
     * What an anomaly does, given the place's tasks of the same kind: a task still unresolved is
     * extended to the anomaly's last month (or left alone when it covers it); otherwise a new task opens
     * for the anomaly's period, unless that period begins within one a resolved task covered. A month once
     * verified counts no more: residents found at home at the end of three idle months made a new task the
     * next idle month, over a window two thirds of which the grid member had just checked, and again every
     * month after; now the question comes back after idleMonths idle months all of them after the check.
     */
    public Plan plan(Decision anomaly, List<Existing> tasks) {
        return plan(anomaly, tasks, Map.of(), null);
    }

    /**
     * {@link #plan(Decision, List)} with what a resolved task's hold ({@link Hold}) is judged on: the use of the
     * anomaly's last month and the latest day a resident left the place. An unresolved task also takes in an earlier
     * month not yet verified (months imported out of order): its period reaches back to it.
     */
    public Plan plan(Decision anomaly, List<Existing> tasks, Map<Utility, BigDecimal> monthUse, LocalDate lastLeft) {
        if (!anomaly.anomaly()) {
            throw new IllegalArgumentException("not an anomaly: " + anomaly);
        }
        YearMonth verifiedUpTo = null;
        Existing lastResolved = null;
        Existing open = null;
        for (Existing t : tasks) {
            if (t.kind() != anomaly.kind()) {
                continue;
            }
            if (!t.resolved()) {
                open = t;
            } else if (verifiedUpTo == null || t.to().isAfter(verifiedUpTo)) {
                verifiedUpTo = t.to();
                lastResolved = t;
            }
        }
        if (open != null) {
            if (anomaly.to().isAfter(open.to())) {
                return new Plan(Step.EXTEND, open.id(), open.from(), anomaly.to(), "utilities.plan.extend");
            }
            if (anomaly.from().isBefore(open.from()) && (verifiedUpTo == null || anomaly.from().isAfter(verifiedUpTo))) {
                return new Plan(Step.EXTEND, open.id(), anomaly.from(), open.to(), "utilities.plan.extendBack");
            }
            return new Plan(Step.NOTHING, open.id(), open.from(), open.to(), "utilities.plan.alreadyOpen");
        }
        if (verifiedUpTo != null && !anomaly.from().isAfter(verifiedUpTo)) {
            return new Plan(Step.NOTHING, null, anomaly.from(), anomaly.to(), "utilities.plan.alreadyVerified");
        }
        if (lastResolved != null && lastResolved.hold() != null
                && holds(lastResolved.hold(), anomaly.to(), monthUse, lastLeft)) {
            return new Plan(Step.NOTHING, lastResolved.id(), anomaly.from(), anomaly.to(), "utilities.plan.held");
        }
        return new Plan(Step.OPEN, null, anomaly.from(), anomaly.to(), "utilities.plan.open");
    }

    /**
     * Whether a "no issue" finding still holds for a month: not past its last month, nobody left the place on or after
     * the day it was made (someone moved in and out again, or the residents who were there then left), and no utility
     * used above the limit stated for it.
     */
    public static boolean holds(Hold hold, YearMonth month, Map<Utility, BigDecimal> use, LocalDate lastLeft) {
        if (hold.until() != null && month.isAfter(hold.until())) {
            return false;
        }
        if (lastLeft != null && !lastLeft.isBefore(hold.since())) {
            return false;
        }
        for (Map.Entry<Utility, BigDecimal> e : use.entrySet()) {
            BigDecimal limit = hold.above().get(e.getKey());
            if (limit != null && e.getValue().compareTo(limit) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The limit a "no issue" finding holds to for each utility unless the officer states another: twice the highest
     * monthly use of the task's period, and never below the occupied threshold.
     */
    public Map<Utility, BigDecimal> holdLimits(List<Use> uses, YearMonth from, YearMonth to) {
        Map<Utility, BigDecimal> limits = new EnumMap<>(Utility.class);
        for (Utility u : Utility.values()) {
            BigDecimal most = BigDecimal.ZERO;
            for (Use use : uses) {
                if (use.utility() == u && !use.month().isBefore(from) && !use.month().isAfter(to)
                        && use.consumption().compareTo(most) > 0) {
                    most = use.consumption();
                }
            }
            BigDecimal twice = most.multiply(BigDecimal.valueOf(2));
            BigDecimal occupied = this.limits.occupied().of(u);
            limits.put(u, new BigDecimal(plain(twice.max(occupied))));
        }
        return limits;
    }

    private static Decision none(Kind kind, String reason, String... args) {
        return new Decision(kind, false, null, null, reason, List.of(args));
    }

    static String plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }
}
