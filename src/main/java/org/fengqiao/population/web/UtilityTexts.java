package org.fengqiao.population.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.population.internal.Utility;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The reason of a task in the reader's language: utility names translated, each amount with its unit. */
@Component("utilityTexts")
class UtilityTexts {

    private final MessageSource messages;

    UtilityTexts(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * Reasons whose leading numbers count residents or months: kept as text with the task, read back as numbers so
     * that the English text says "1 resident" and "3 months".
     */
    private static final Map<String, Integer> COUNTED = Map.of("utilities.reason.noUse", 2,
            "utilities.reason.hasResidents", 1);

    String reason(String key, List<String> args, Locale locale) {
        List<Object> shown = new ArrayList<>();
        String unit = "";
        int counted = COUNTED.getOrDefault(key, 0);
        for (String a : args) {
            Utility u = utility(a);
            if (shown.size() < counted && a != null && a.matches("\\d{1,9}")) {
                shown.add(Long.valueOf(a));
            } else if (u != null) {
                shown.add(messages.getMessage("utilities.utility." + u.name(), null, locale));
                unit = u.unit;
            } else {
                shown.add(a);
            }
        }
        shown.add(unit);
        return messages.getMessage(key, shown.toArray(), key, locale);
    }

    /** For templates: #{...} cannot call with a list, so pages call this bean. */
    public String reason(org.fengqiao.population.internal.VerificationTasks.Task task, Locale locale) {
        return reason(task.reasonKey(), task.reasonArgs(), locale);
    }

    /** A history line's detail: a resolution's finding in the reader's language, then the note. */
    public String eventDetail(org.fengqiao.population.internal.VerificationTasks.Event e, Locale locale) {
        String detail = e.detail() == null ? "" : e.detail();
        if (!"RESOLVED".equals(e.action())) {
            return detail;
        }
        int colon = detail.indexOf(": ");
        String finding = colon < 0 ? detail : detail.substring(0, colon);
        String shown = messages.getMessage("utilities.finding." + finding, null, finding, locale);
        return colon < 0 ? shown
                : messages.getMessage("text.labelled", new Object[] {shown, detail.substring(colon + 2)}, locale);
    }

    private static Utility utility(String arg) {
        for (Utility u : Utility.values()) {
            if (u.name().equals(arg)) {
                return u;
            }
        }
        return null;
    }
}
