package org.fengqiao.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A request parameter (a form field) as the page's form labels it, in the reader's language: under the controller's
 * {@link FieldLabels} prefixes, then among the shared {@code field.*} labels, each by the name and by the name less a
 * trailing {@code Id}; the name itself when no label is found. Shared by the error page ({@link ProblemDetails}) and
 * the refusals a form comes back with ({@link FormAnswers}).
 */
final class ParameterLabels {

    private ParameterLabels() {
    }

    static String label(MessageSource messages, Locale locale, Class<?> controller, String name) {
        List<String> prefixes = new ArrayList<>();
        FieldLabels labels = controller == null ? null : controller.getAnnotation(FieldLabels.class);
        if (labels != null) {
            prefixes.addAll(List.of(labels.value()));
        }
        prefixes.add("field.");
        String bare = name.length() > 2 && name.endsWith("Id") ? name.substring(0, name.length() - 2) : null;
        for (String prefix : prefixes) {
            for (String candidate : bare == null ? List.of(name) : List.of(name, bare)) {
                String label = messages.getMessage(prefix + candidate, null, null, locale);
                if (label != null && !label.isBlank()) {
                    return withoutArguments(label);
                }
            }
        }
        return name;
    }

    /**
     * A label whose form fills a value in (完成期限（最晚 {0}）, "Due on (at the latest {0})") without the bracket that
     * holds it: where a parameter is named, there is no value to put there.
     */
    private static String withoutArguments(String label) {
        return label.contains("{") ? label.replaceAll("\\s*[（(][^（()）]*\\{\\d+}[^（()）]*[）)]", "").strip() : label;
    }
}
