package org.fengqiao.figures.internal;

import java.util.Locale;
import org.fengqiao.figures.internal.WorkFigures.Row;
import org.fengqiao.figures.internal.WorkFigures.Share;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A figure's words and numbers in the reader's language, the same on the page and in the xlsx: its label with its
 * arguments named (a source's, a category's name), a rate as 98.2%, and the change as +33.3% (a rate's in percentage
 * points) or a dash when the year before had nothing to compare with; a breakdown's part (an offence) by its name
 * with its marks (可防性) apart.
 */
@Component("figureTexts")
public class FigureTexts {

    private final MessageSource messages;

    FigureTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String label(Row row, Locale locale) {
        Object[] args = row.args().stream().map(a -> messages.getMessage(a, null, a, locale)).toArray();
        return messages.getMessage(row.label(), args, locale);
    }

    /** The line about a figure (from when what it rates is kept), or null when it has none. */
    public String note(Row row, Locale locale) {
        return row.note() == null ? null : messages.getMessage(row.note(), row.noteArgs().toArray(), locale);
    }

    public String value(Row row, boolean before) {
        if (row.isRate()) {
            Double rate = before ? row.rateBefore() : row.rate();
            return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
        }
        return String.valueOf(before ? row.countBefore() : row.count());
    }

    public String change(Row row, Locale locale) {
        return change(row.change(), row.isRate(), locale);
    }

    /** A breakdown's part: its name, as its label names it. */
    public String label(Share share, Locale locale) {
        return messages.getMessage(share.label(), null, share.label(), locale);
    }

    /** What a breakdown's part is marked as (可防性), in the reader's words, or nothing. */
    public String marks(Share share, Locale locale) {
        return String.join(" ", share.marks().stream()
                .map(m -> messages.getMessage("figures.mark." + m, null, m, locale)).toList());
    }

    public String change(Share share, Locale locale) {
        return change(share.change(), false, locale);
    }

    private String change(Double change, boolean points, Locale locale) {
        if (change == null) {
            return "—";
        }
        String number = (change > 0 ? "+" : change < 0 ? "−" : "±") + String.format(Locale.ROOT, "%.1f", Math.abs(change));
        return messages.getMessage(points ? "figures.change.points" : "figures.change.percent",
                new Object[] {number}, locale);
    }
}
