package org.fengqiao.incident.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The incidents' part of the work figures: the items received in the period (by the time they came in) in the
 * subtree's grids, the 110 calls first, then every source and every category; the informants' clues and those of
 * them answered in the period; the residents' satisfaction rate as {@link SatisfactionReport} computes it. A report
 * merged into another as its duplicate still counts as a report received by its source and category, but not as a
 * second 110 call: the same call reported twice is one call, and the figure links to the list of exactly those calls
 * ({@code source=CALL_110}, which leaves the merged duplicates out too). The preventable cases
 * (可防性案件, seed 000's figure year over year) are the cases received whose {@link Offence} is preventable, and beside
 * them the cases not yet given an offence, which a chief sees to have classified; neither counts a report merged into
 * another as its duplicate: that is the same case reported twice.
 */
@Component
class IncidentFigures implements PeriodFigures {

    private final JdbcClient jdbc;
    private final SatisfactionReport satisfaction;

    IncidentFigures(JdbcClient jdbc, SatisfactionReport satisfaction) {
        this.jdbc = jdbc;
        this.satisfaction = satisfaction;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String heading() {
        return "figures.section.incidents";
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        Map<Source, Long> bySource = new EnumMap<>(Source.class);
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        long[] cases = new long[3]; // preventable, without an offence, 110 calls not merged into another
        jdbc.sql("""
                SELECT i.source, i.category, count(*),
                       count(*) FILTER (WHERE i.offence = ANY(CAST(:preventable AS text[])) AND i.merged_into IS NULL),
                       count(*) FILTER (WHERE i.category = 'CASE' AND i.offence IS NULL AND i.merged_into IS NULL),
                       count(*) FILTER (WHERE i.source = 'CALL_110' AND i.merged_into IS NULL)
                FROM incident i JOIN grid g ON g.id = i.grid_id
                JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND i.received_at >= :start AND i.received_at < :end
                GROUP BY i.source, i.category
                """)
                .param("scope", Period.patterns(unitPaths)).param("start", period.start()).param("end", period.end())
                .param("preventable", Incidents.PREVENTABLE)
                .query(rs -> {
                    long n = rs.getLong(3);
                    bySource.merge(Source.valueOf(rs.getString(1)), n, Long::sum);
                    byCategory.merge(Category.valueOf(rs.getString(2)), n, Long::sum);
                    cases[0] += rs.getLong(4);
                    cases[1] += rs.getLong(5);
                    cases[2] += rs.getLong(6);
                });
        long answeredClues = jdbc.sql("""
                SELECT count(*) FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND i.source = 'INFORMANT'
                  AND i.answered_at >= :start AND i.answered_at < :end AND i.merged_into IS NULL
                """)
                .param("scope", Period.patterns(unitPaths)).param("start", period.start()).param("end", period.end())
                .query(Long.class).single();
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.count("calls110", "figures.calls110", cases[2])
                .listedAt("/incidents?show=all&source=" + Source.CALL_110));
        figures.add(Figure.count("preventableCases", "figures.preventableCases", cases[0])
                .listedAt("/incidents?show=all&preventable=true"));
        figures.add(Figure.count("casesUnclassified", "figures.casesUnclassified", cases[1])
                .listedAt("/incidents?show=all&unclassified=true"));
        figures.add(Figure.count("incidents", "figures.incidents",
                bySource.values().stream().mapToLong(Long::longValue).sum()));
        for (Source s : Source.values()) {
            figures.add(Figure.count("source." + s, "figures.bySource", bySource.getOrDefault(s, 0L),
                    "incident.source." + s));
        }
        for (Category c : Category.values()) {
            figures.add(Figure.count("category." + c, "figures.byCategory", byCategory.getOrDefault(c, 0L),
                    "incident.category." + c));
        }
        figures.add(Figure.count("clues", "figures.clues", bySource.getOrDefault(Source.INFORMANT, 0L)));
        figures.add(Figure.count("cluesAnswered", "figures.cluesAnswered", answeredClues));
        // said under the figures where it comes from: the public review's rate, one section down, reads alike
        figures.add(Figure.rate("satisfaction", "figures.satisfaction",
                satisfaction.rate(unitPaths, period.start(), period.end())).noted("figures.satisfaction.about"));
        return figures;
    }

    /**
     * The cases received by their offence, both periods in one grouped query over the two periods' days (the index on
     * {@code received_at}, V98, finds them; the rest of the table is not read), a report merged into another as its
     * duplicate not counted; each offence linked to the list of its cases.
     */
    @Override
    public List<Breakdown> breakdowns(List<String> unitPaths, Period period, Period before) {
        Map<Offence, long[]> counts = new EnumMap<>(Offence.class);
        jdbc.sql("""
                SELECT i.offence,
                       count(*) FILTER (WHERE i.received_at >= :start AND i.received_at < :end),
                       count(*) FILTER (WHERE i.received_at >= :beforeStart AND i.received_at < :beforeEnd)
                FROM incident i JOIN grid g ON g.id = i.grid_id
                JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND i.offence IS NOT NULL AND i.merged_into IS NULL
                  AND ((i.received_at >= :start AND i.received_at < :end)
                    OR (i.received_at >= :beforeStart AND i.received_at < :beforeEnd))
                GROUP BY i.offence
                """)
                .param("scope", Period.patterns(unitPaths)).param("start", period.start()).param("end", period.end())
                .param("beforeStart", before.start()).param("beforeEnd", before.end())
                .query(rs -> {
                    counts.put(Offence.valueOf(rs.getString(1)), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        List<Part> parts = counts.entrySet().stream()
                .map(e -> new Part(e.getKey().name(), "incident.offence." + e.getKey(), e.getValue()[0],
                        e.getValue()[1], e.getKey().preventable() ? List.of("preventable") : List.of(),
                        "/incidents?show=all&offence=" + e.getKey()))
                .toList();
        return List.of(new Breakdown("offences", "figures.offences", parts));
    }
}
