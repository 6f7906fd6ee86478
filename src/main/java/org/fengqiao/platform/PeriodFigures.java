package org.fengqiao.platform;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * What a module counts of its own records for the work figures (工作统计): how much of its work was done in a subtree
 * of the jurisdiction over a period. Each module's bean counts its own tables with the subtree's prefix inside the
 * SQL; the figures page (which depends on none of them) asks each for the period and for the same days a year
 * before, and shows them in {@link #order()}. Nothing personal leaves: only counts and rates.
 */
public interface PeriodFigures {

    /** The jurisdiction's own time zone, in which a period's days begin and end (China Standard Time). */
    ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * The heading of the police work (警务工作) the duty, forces, supplies and supervision modules count for together:
     * the community officer's basic tasks and what keeps them done (seed 004).
     */
    String POLICE_WORK = "figures.section.duty";

    /** Where this module's figures stand on the page, lowest first. */
    int order();

    /**
     * The message key of the heading over this module's figures; modules giving the same heading share one section
     * (its key's last part names it in the API), their figures in {@link #order()}.
     */
    String heading();

    /**
     * The figures counted in the subtrees of {@code unitPaths} (materialised paths the caller may see, already
     * checked) over {@code period}.
     */
    List<Figure> count(List<String> unitPaths, Period period);

    /**
     * The breakdowns of this module's figures (the cases by offence) in the subtrees of {@code unitPaths} over
     * {@code period} and {@code before} at once, each part with both counts: a module answers each with one grouped
     * query, however many parts it has. None by default.
     */
    default List<Breakdown> breakdowns(List<String> unitPaths, Period period, Period before) {
        return List.of();
    }

    /**
     * The days counted, both included, in {@link #ZONE}.
     */
    record Period(LocalDate first, LocalDate last) {

        public Period {
            if (first.isAfter(last)) {
                throw new IllegalArgumentException("first day after last: " + first + " > " + last);
            }
        }

        /** The first moment of the first day. */
        public OffsetDateTime start() {
            return first.atStartOfDay(ZONE).toOffsetDateTime();
        }

        /** The first moment after the last day (exclusive end). */
        public OffsetDateTime end() {
            return last.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
        }

        /** The day after the last: the exclusive end for date columns. */
        public LocalDate after() {
            return last.plusDays(1);
        }

        /**
         * The same days a year before (29 February becomes the 28th). A period ending on its month's last day ends on
         * that month's last day a year before, where that day is not itself in the period: February 2025 is set
         * beside the whole of February 2024, whose 29th "the 28th a year before" left out of the comparison.
         */
        public Period yearBefore() {
            LocalDate last = this.last.minusYears(1);
            if (this.last.getDayOfMonth() == this.last.lengthOfMonth()) {
                LocalDate monthEnd = last.withDayOfMonth(last.lengthOfMonth());
                // a year of days to 28 February 2025 from 29 February 2024 keeps its year before apart from it
                if (monthEnd.isBefore(first)) {
                    last = monthEnd;
                }
            }
            return new Period(first.minusYears(1), last);
        }

        /** The first day a period may begin on, on the figures page and the lists it links to. */
        public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
        /** The last day a filter takes: the last of the years the filters take (1900 to 2099). */
        public static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

        /**
         * A day a filter was given, held to the years the filters take: a day of the year 1 or 9999 is a mistyped
         * year, not a day anyone worked or planned, and answered as such rather than as a day nothing happened on.
         *
         * @throws Invalid naming the field, the day and the days taken, for a day before 1900 or after 2099
         */
        public static LocalDate held(String field, LocalDate day) {
            if (day != null && (day.isBefore(EARLIEST) || day.isAfter(LATEST))) {
                throw Invalid.of(field, "error.field.dayOutOfRange", day.toString(), EARLIEST.toString(),
                        LATEST.toString());
            }
            return day;
        }

        /**
         * The days a list a figure links to shows: those asked, both included; by default the month of the last day
         * up to it, the last day today by default. Refused as the figures page refuses them, with its messages (400
         * naming the field): a last day after today (the list would show today's members or nothing for days that
         * have not come, where the figure counts none), a first day after the last, a first day before 1900.
         */
        public static Period asked(LocalDate from, LocalDate to, LocalDate today) {
            LocalDate last = to != null ? to : today;
            LocalDate first = from != null ? from : last.withDayOfMonth(1);
            if (last.isAfter(today)) {
                throw Invalid.of("to", "figures.period.future", last.toString(), today.toString());
            }
            if (first.isAfter(last)) {
                throw Invalid.of("from", "figures.period.reversed", first.toString(), last.toString());
            }
            if (first.isBefore(EARLIEST)) {
                throw Invalid.of("from", "figures.period.tooEarly", first.toString(), EARLIEST.toString());
            }
            return new Period(first, last);
        }

        /** The SQL LIKE patterns of the subtrees, for {@code path LIKE ANY(:scope)}. */
        public static String[] patterns(List<String> unitPaths) {
            return unitPaths.stream().map(p -> p + "%").toArray(String[]::new);
        }
    }

    /**
     * One figure: a count, or a rate (a share between 0 and 1, null when there was nothing to rate).
     *
     * @param key   its stable name (the JSON's and the message key's last part)
     * @param label the message key of its label
     * @param args  the label's arguments, themselves message keys (a source's or a category's name), may be empty
     * @param count the count (null for a rate)
     * @param rate  the rate (null for a count, or when nothing was rated)
     * @param list  the path of the list page of what was counted (with its own filters), to which the figures page
     *              adds the period's days ({@code from}, {@code to}) and the unit ({@code unit}); null when there is
     *              none. The list's API must answer the same path under {@code /api/v1} with the same filters (the
     *              unit named {@code unitId} there): the figures API links to it for a client to drill down.
     * @param apiList the path of that list in the API, with the same filters, when it is not {@code list} under
     *              {@code /api/v1} (the supervision notices are listed at {@code /api/v1/supervision/notices})
     * @param note  the message key of a line the page shows under the figures about this one (from when what it
     *              rates is kept), null for none; {@code noteArgs} its arguments, as they are (a day)
     */
    record Figure(String key, String label, List<String> args, Long count, Double rate, boolean isRate, String list,
            String apiList, String note, List<String> noteArgs) {

        public static Figure count(String key, String label, long count, String... args) {
            return new Figure(key, label, List.of(args), count, null, false, null, null, null, List.of());
        }

        public static Figure rate(String key, String label, Double rate) {
            return new Figure(key, label, List.of(), null, rate, true, null, null, null, List.of());
        }

        /** The same figure with a line about it under the figures (see {@code note}). */
        public Figure noted(String key, String... values) {
            return new Figure(this.key, label, args, count, rate, isRate, list, apiList, key, List.of(values));
        }

        /** The same figure, linked to the list of what it counts (see {@code list}). */
        public Figure listedAt(String path) {
            return listedAt(path, "/api/v1" + path);
        }

        /** The same figure, linked to the list of what it counts on the page and in the API. */
        public Figure listedAt(String path, String apiPath) {
            return new Figure(key, label, args, count, rate, isRate, path, apiPath, note, noteArgs);
        }
    }

    /**
     * A figure broken down by a kind (the cases received by their offence), in the module's order; only the parts
     * counted in either period.
     *
     * @param key     its stable name (the JSON's)
     * @param heading the message key of its heading
     * @param parts   each kind's counts
     */
    record Breakdown(String key, String heading, List<Part> parts) {
    }

    /**
     * One kind's count in the period and the year before.
     *
     * @param key    its stable name (the offence's code)
     * @param label  the message key of its name
     * @param marks  what it is marked as, stable names whose labels are {@code figures.mark.<name>} (preventable)
     * @param list   as {@link Figure#list()}
     */
    record Part(String key, String label, long count, long countBefore, List<String> marks, String list) {
    }
}
