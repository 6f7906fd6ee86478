package org.fengqiao.figures.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.PeriodFigures.Figure;
import org.fengqiao.platform.PeriodFigures.Period;
import org.springframework.stereotype.Service;

/**
 * The work figures of a period in one unit's subtree (the caller's whole scope when none is named; 404 for a unit
 * outside it, as for every record): each module's {@link PeriodFigures} asked for the period and for the same days
 * a year before, in the modules' order; modules that give the same heading share one section. The page, the API
 * and the xlsx read this one report, so they never disagree.
 */
@Service
public class WorkFigures {

    /**
     * One figure in both periods; {@code list} the link to the list of what it counts, over the same days in the same
     * unit (null when there is none), and {@code apiList} the same list in the API; {@code note} a line about it
     * (a message key with {@code noteArgs}, from either period's figure), null for none.
     */
    public record Row(String key, String label, List<String> args, boolean isRate, Long count, Long countBefore,
            Double rate, Double rateBefore, String list, String apiList, String note, List<String> noteArgs) {

        /**
         * The change from the year before: for a count in percent of the year before's (-25.0 when it fell by a
         * quarter), for a rate in percentage points; null when the year before had nothing to compare with.
         */
        public Double change() {
            if (isRate) {
                return rate == null || rateBefore == null ? null : tenths((rate - rateBefore) * 1000.0);
            }
            return changeOf(count, countBefore);
        }
    }

    /**
     * One part of a breakdown in both periods (an offence's cases), with its marks (preventable) and the link to the
     * list of what it counts, over the same days in the same unit, on the page and in the API.
     */
    public record Share(String key, String label, long count, long countBefore, List<String> marks, String list,
            String apiList) {

        /** As {@link Row#change()} for a count. */
        public Double change() {
            return changeOf(count, countBefore);
        }
    }

    /** A breakdown's parts, the most counted in the period first (then the most the year before). */
    public record Breakdown(String key, String heading, List<Share> shares) {
    }

    public record Section(String heading, List<Row> rows, List<Breakdown> breakdowns) {
    }

    /** The figures; {@code unit} is null when the caller's whole scope was counted. */
    public record Report(Unit unit, Period period, Period yearBefore, List<Section> sections) {
    }

    private static final Comparator<Share> MOST_FIRST = Comparator.comparingLong(Share::count).reversed()
            .thenComparing(Comparator.comparingLong(Share::countBefore).reversed());

    private final List<PeriodFigures> modules;
    private final Jurisdictions jurisdictions;

    WorkFigures(List<PeriodFigures> modules, Jurisdictions jurisdictions) {
        this.modules = modules.stream().sorted(Comparator.comparingInt(PeriodFigures::order)).toList();
        this.jurisdictions = jurisdictions;
    }

    /**
     * @throws NotFound when the unit does not exist or lies outside the caller's scope
     */
    public Report of(Caller caller, UUID unitId, Period period) {
        List<String> scope = caller.unitPaths();
        Unit unit = null;
        if (unitId != null) {
            unit = jurisdictions.visibleUnit(new UnitId(unitId), caller).orElseThrow(() -> new NotFound("unit", unitId));
            scope = List.of(unit.path());
        }
        Period before = period.yearBefore();
        // modules sharing a heading make one section (警务工作: the duties, the supplies, the notices), where the
        // first of them stands
        Map<String, List<Row>> rowsOf = new LinkedHashMap<>();
        Map<String, List<Breakdown>> breakdownsOf = new LinkedHashMap<>();
        for (PeriodFigures module : modules) {
            List<Figure> now = module.count(scope, period);
            List<Figure> then = module.count(scope, before);
            List<Row> rows = rowsOf.computeIfAbsent(module.heading(), h -> new ArrayList<>());
            for (int i = 0; i < now.size(); i++) {
                Figure f = now.get(i);
                Figure b = then.get(i);
                Figure noted = f.note() != null ? f : b;
                rows.add(new Row(f.key(), f.label(), f.args(), f.isRate(), f.count(), b.count(), f.rate(), b.rate(),
                        link(f.list(), unit, period, false), link(f.apiList(), unit, period, true), noted.note(),
                        noted.noteArgs()));
            }
            List<Breakdown> breakdowns = breakdownsOf.computeIfAbsent(module.heading(), h -> new ArrayList<>());
            for (PeriodFigures.Breakdown d : module.breakdowns(scope, period, before)) {
                List<Share> shares = new ArrayList<>();
                for (PeriodFigures.Part p : d.parts()) {
                    shares.add(new Share(p.key(), p.label(), p.count(), p.countBefore(), p.marks(),
                            link(p.list(), unit, period, false),
                            link(p.list() == null ? null : "/api/v1" + p.list(), unit, period, true)));
                }
                shares.sort(MOST_FIRST);
                breakdowns.add(new Breakdown(d.key(), d.heading(), List.copyOf(shares)));
            }
        }
        List<Section> sections = rowsOf.keySet().stream()
                .map(h -> new Section(h, List.copyOf(rowsOf.get(h)), List.copyOf(breakdownsOf.get(h)))).toList();
        return new Report(unit, period, before, sections);
    }

    /**
     * A list's path with the period's days and the unit counted, so it lists what the figure counts: the page's, or
     * the API's, which takes the page's filters but names the unit {@code unitId} (as
     * {@link PeriodFigures.Figure#list()} promises). The one place both links are written, so they never differ.
     */
    private static String link(String list, Unit unit, Period period, boolean api) {
        if (list == null) {
            return null;
        }
        return list + (list.contains("?") ? "&" : "?") + "from=" + period.first()
                + "&to=" + period.last() + (unit == null ? "" : (api ? "&unitId=" : "&unit=") + unit.id().value());
    }

    /** The change of a count in percent of the year before's, one decimal; null when the year before had none. */
    static Double changeOf(long count, long countBefore) {
        return countBefore == 0 ? null : tenths((count - countBefore) * 1000.0 / countBefore);
    }

    /**
     * Tenths counted in {@code v}, as one decimal, a half rounded away from nothing: Math.round rounds a half up, so
     * a fall of 62.5 tenths read −6.2% where the same rise read +6.3%.
     */
    private static double tenths(double v) {
        long r = Math.round(Math.abs(v));
        return (v < 0 ? -r : r) / 10.0;
    }
}
