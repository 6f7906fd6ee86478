package org.fengqiao.worklog.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An analysis or summary offered prefilled (有分析、有总结): a title naming the unit and the period, and a text that
 * opens with the period's work figures of the unit's subtree as the platform counts them (visits, contact cards,
 * disputes, incidents: each module's {@link PeriodFigures}), up to today for a period still running, followed by the
 * headings the author writes under; a figure of nought (nothing of that done) or a rate of nothing is left out. The
 * author edits it before he submits it; nothing is saved here.
 */
@Component
public class Drafts {

    private final List<PeriodFigures> modules;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;

    Drafts(List<PeriodFigures> modules, Jurisdictions jurisdictions, MessageSource messages) {
        this.modules = modules.stream().sorted(Comparator.comparingInt(PeriodFigures::order)).toList();
        this.jurisdictions = jurisdictions;
        this.messages = messages;
    }

    /** A prefilled entry: its kind, its period's days, the unit, a title and a text. */
    public record Draft(WorklogKind kind, LocalDate first, LocalDate last, UUID unitId, String title, String body) {
    }

    /** The draft of {@code kind} about the period holding {@code day} for a unit the caller sees (404 otherwise). */
    public Draft draft(WorklogKind kind, LocalDate day, UUID unitId, LocalDate today, Caller who, Locale locale) {
        if (kind == null) {
            throw Invalid.of("kind", "error.field.required");
        }
        LocalDate d = day == null ? today : day;
        if (d.isAfter(today)) {
            throw Invalid.of("day", "worklog.error.future");
        }
        Unit unit = jurisdictions.visibleUnit(new UnitId(unitId), who)
                .orElseThrow(() -> new org.fengqiao.platform.NotFound("unit", unitId));
        LocalDate first = kind.start(d);
        LocalDate end = kind.end(first);
        LocalDate last = end.isAfter(today) ? today : end;
        String kindName = messages.getMessage("worklog.kind." + kind.name(), null, locale);
        String period = first.equals(last) ? first.toString() : first + " — " + last;
        String title = messages.getMessage("worklog.draft.title", new Object[] {unit.name(), period, kindName}, locale);
        if (!kind.periodic()) {
            return new Draft(kind, first, last, unit.id().value(), title, "");
        }
        // several modules count under one heading (警务工作: the duties, the forces, the supervision): each heading
        // once, its figures in the modules' order
        Map<String, List<String>> sections = new LinkedHashMap<>();
        PeriodFigures.Period p = new PeriodFigures.Period(first, last);
        for (PeriodFigures module : modules) {
            // what the unit did not do in the period is no figure of his analysis: only counts above nought
            List<PeriodFigures.Figure> figures = module.count(List.of(unit.path()), p).stream()
                    .filter(f -> f.isRate() ? f.rate() != null : f.count() != null && f.count() > 0).toList();
            for (PeriodFigures.Figure f : figures) {
                sections.computeIfAbsent(module.heading(), h -> new ArrayList<>()).add(messages.getMessage(
                        "worklog.draft.figure", new Object[] {label(f, locale), value(f)}, locale));
            }
        }
        List<String> lines = new ArrayList<>();
        sections.forEach((heading, figures) -> {
            lines.add(messages.getMessage(heading, null, heading, locale));
            lines.addAll(figures);
        });
        String body = messages.getMessage("worklog.draft.body", new Object[] {unit.name(), period,
            lines.isEmpty() ? messages.getMessage("worklog.draft.noFigures", null, locale) : String.join("\n", lines)},
                locale);
        return new Draft(kind, first, last, unit.id().value(), title, body);
    }

    private String label(PeriodFigures.Figure f, Locale locale) {
        Object[] args = f.args().stream().map(a -> messages.getMessage(a, null, a, locale)).toArray();
        return messages.getMessage(f.label(), args, f.label(), locale);
    }

    private static String value(PeriodFigures.Figure f) {
        if (f.isRate()) {
            return f.rate() == null ? "—" : String.format(Locale.ROOT, "%.1f%%", f.rate() * 100);
        }
        return String.valueOf(f.count());
    }
}
