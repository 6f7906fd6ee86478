package org.fengqiao.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.fengqiao.platform.Invalid;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * How the lists the work figures link to answer (the duties done, the duty results, the defence people, the persons
 * held to account, the persons helped): a page of what was counted over the days asked, under the filter form of
 * {@code templates/fragments/period-filter.html}. Days the figures page refuses ({@code PeriodFigures.Period.asked}:
 * a last day to come, a first day after the last or before 1900) and the list's own bad filters are said above the
 * form, which keeps what was sent, with 400 and nothing else read (so nothing audited); a page past the last goes to
 * the last. The form's fields are on the model as {@code unitId}, {@code from}, {@code to} and the list's own names.
 */
@Component
public class PeriodLists {

    private final FormAnswers answers;

    PeriodLists(FormAnswers answers) {
        this.answers = answers;
    }

    /**
     * A day of a list's filter as the address sends it, null when left blank: read by the list itself rather than
     * bound as a date, so that what is no date (typed by hand, cut short, a month 13) is refused on the list's page
     * with its form ({@link #page}), not on the error page.
     *
     * @throws Invalid naming the field, for text that is no date
     */
    public static LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Invalid.of(field, "error.field.date");
        }
    }

    /** A page of a list from an offset; may refuse its filters ({@link Invalid}). */
    @FunctionalInterface
    public interface Read<T> {
        T page(int limit, int offset);
    }

    /**
     * A list's filters as its form shows them: the unit, the days (a day, or the text sent for one as it was typed),
     * and the list's own by their model names.
     */
    public record Filters(UUID unit, Object from, Object to, Map<String, Object> more) {

        public static Filters of(UUID unit, LocalDate from, LocalDate to) {
            return new Filters(unit, from, to, Map.of());
        }

        /**
         * The filters as sent, each day as it was typed (blank as none): a form whose days are refused keeps what was
         * typed in it, text that is no date ({@link #day}) too, to be put right rather than typed again.
         */
        public static Filters typed(UUID unit, String from, String to) {
            return new Filters(unit, from == null || from.isBlank() ? null : from.strip(),
                    to == null || to.isBlank() ? null : to.strip(), Map.of());
        }

        /** The same with one more of the list's own. */
        public Filters and(String name, Object value) {
            Map<String, Object> all = new LinkedHashMap<>(more);
            all.put(name, value);
            return new Filters(unit, from, to, all);
        }
    }

    /**
     * Answers a list page: {@code view} with the page read as {@code name}, its filters as listed ({@code shown}),
     * {@code page} and {@code pages} of {@code size}; or the same view with the refusal and the filters {@code sent}.
     *
     * @param total how many the list holds in all, of what was read
     */
    public <T> String page(String view, String name, int page, int size, Filters sent, Read<T> read,
            ToLongFunction<T> total, Function<T, Filters> shown, Model model, Locale locale,
            HttpServletResponse response) {
        int n = Math.max(1, page);
        T found;
        try {
            found = read.page(size, Paging.offset(n, size));
        } catch (Invalid e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            filters(model, sent);
            return view;
        }
        long pages = Math.max(1, (total.applyAsLong(found) + size - 1) / size);
        String pastTheEnd = Paging.lastPageIfPast(n, pages).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute(name, found);
        filters(model, shown.apply(found));
        model.addAttribute("page", n);
        model.addAttribute("pages", pages);
        return view;
    }

    private static void filters(Model model, Filters f) {
        model.addAttribute("unitId", f.unit());
        model.addAttribute("from", f.from());
        model.addAttribute("to", f.to());
        f.more().forEach(model::addAttribute);
    }
}
