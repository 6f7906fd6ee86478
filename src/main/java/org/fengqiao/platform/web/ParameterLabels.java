package org.fengqiao.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A request parameter (a form field) as the page's form labels it, in the reader's language: under the controller's
 * {@link FieldLabels} prefixes, then among the shared {@code field.*} labels, each by the name and by the name less a
 * trailing {@code Id} (an amount in fen by its field in yuan), and a nested form's field by its own name; the name itself
 * when no label is found. Shared by the error page ({@link ProblemDetails}) and
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
        List<List<String>> names = new ArrayList<>(List.of(candidates(name)));
        int dot = Math.max(name.lastIndexOf('.'), name.lastIndexOf(']'));
        if (dot > 0 && dot < name.length() - 1) {
            // a field of a nested form (loss.description, parties[1].phone) as its own name labels it, when the whole
            // path labels nothing
            names.add(candidates(name.substring(dot + 1).replaceFirst("^\\.", "")));
        }
        for (List<String> candidates : names) {
            for (String prefix : prefixes) {
                for (String candidate : candidates) {
                    String label = messages.getMessage(prefix + candidate, null, null, locale);
                    if (label != null && !label.isBlank()) {
                        return withoutArguments(label);
                    }
                }
            }
        }
        return name;
    }

    /**
     * The name; the name less a trailing {@code Id}; and an amount kept in fen ({@code amountFen}) by the field the
     * forms type it into, in yuan ({@code amountYuan}).
     */
    private static List<String> candidates(String name) {
        List<String> names = new ArrayList<>(List.of(name));
        if (name.length() > 2 && name.endsWith("Id")) {
            names.add(name.substring(0, name.length() - 2));
        }
        if (name.length() > 3 && name.endsWith("Fen")) {
            names.add(name.substring(0, name.length() - 3) + "Yuan");
        }
        return names;
    }

    /**
     * A label whose form fills a value in (完成期限（最晚 {0}）, "Due on (at the latest {0})") without the bracket that
     * holds it: where a parameter is named, there is no value to put there.
     */
    private static String withoutArguments(String label) {
        return label.contains("{") ? label.replaceAll("\\s*[（(][^（()）]*\\{\\d+}[^（()）]*[）)]", "").strip() : label;
    }
}
