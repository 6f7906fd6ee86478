package org.fengqiao.incident.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.context.MessageSource;

/**
 * The days a page of figures is counted over, as its period form sends them (the response times' and the
 * satisfaction's pages): the last day as typed or today, the first as typed or {@code days} back from the last, both
 * included (China Standard Time). Figures are read about what has happened, so a day typed after today is refused,
 * as are a date that is no date and a first day after the last (said only when nothing else is wrong: the others
 * make it moot). Each refusal is a line in the reader's language under the page's own keys ({@code page}: the prefix
 * of {@code .field.from}, {@code .field.to}, {@code .period.format}, {@code .period.dayAfterToday} and
 * {@code .period.datesReversed}), so each page says in its own words why it counts only days that have come.
 *
 * @param first    the first day, null when it could not be read
 * @param last     the last day, null when it could not be read
 * @param problems the lines saying why the days are no period; empty when they are one
 */
record ChosenDays(LocalDate first, LocalDate last, List<String> problems) {

    static ChosenDays read(String from, String to, int days, LocalDate today, String page, MessageSource messages,
            Locale locale) {
        List<String> problems = new ArrayList<>();
        Wording wording = new Wording(page, messages, locale);
        LocalDate last = blank(to) ? today : wording.date(to, "to", problems);
        LocalDate first = blank(from)
                ? (last == null ? null : last.minusDays(days - 1L))
                : wording.date(from, "from", problems);
        // only the days typed: one counted back from a typed day is not the reader's to put right
        wording.notAfter(today, "from", blank(from) ? null : first, problems);
        wording.notAfter(today, "to", blank(to) ? null : last, problems);
        if (problems.isEmpty() && first.isAfter(last)) {
            problems.add(messages.getMessage(page + ".period.datesReversed", null, locale));
        }
        return new ChosenDays(first, last, List.copyOf(problems));
    }

    boolean period() {
        return problems.isEmpty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private record Wording(String page, MessageSource messages, Locale locale) {

        LocalDate date(String text, String field, List<String> problems) {
            LocalDate day;
            try {
                day = LocalDate.parse(text.trim());
            } catch (DateTimeParseException e) {
                problems.add(messages.getMessage(page + ".period.format", new Object[] {name(field), text}, locale));
                return null;
            }
            // a day of the year 1 is a mistyped year, which counted every case ever as the period's (a day to come
            // is refused as such below)
            if (day.isBefore(PeriodFigures.Period.EARLIEST)) {
                // named by its field as the form labels it, as the other refusals here are (起始日期“…”)
                problems.add(messages.getMessage("error.parameter", new Object[] {name(field),
                        messages.getMessage("error.field.dayOutOfRange", new Object[] {day.toString(),
                                PeriodFigures.Period.EARLIEST.toString(), PeriodFigures.Period.LATEST.toString()},
                                locale)}, locale));
                return null;
            }
            return day;
        }

        void notAfter(LocalDate today, String field, LocalDate day, List<String> problems) {
            if (day != null && day.isAfter(today)) {
                problems.add(messages.getMessage(page + ".period.dayAfterToday",
                        new Object[] {name(field), day.toString(), today.toString()}, locale));
            }
        }

        private String name(String field) {
            return messages.getMessage(page + ".field." + field, null, locale);
        }
    }
}
