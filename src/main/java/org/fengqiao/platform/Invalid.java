package org.fengqiao.platform;

import java.util.List;

/**
 * Bad input, with every problem found. Each problem carries a message key and its arguments,
 * resolved in the caller's language when the error leaves as a problem detail.
 * Thrown before anything is saved, so nothing changes.
 */
public class Invalid extends RuntimeException {

    private final String titleKey;
    private final List<Problem> problems;

    public Invalid(String titleKey, List<Problem> problems) {
        super(titleKey + " " + problems);
        this.titleKey = titleKey;
        this.problems = List.copyOf(problems);
    }

    public static Invalid of(String field, String key, Object... args) {
        return new Invalid("error.invalid", List.of(new Problem(field, key, args)));
    }

    public String titleKey() {
        return titleKey;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The same problems under the field names of another door to the same check (an API's own names for them). */
    public Invalid renamed(java.util.Map<String, String> fields) {
        return new Invalid(titleKey, problems.stream()
                .map(p -> new Problem(fields.getOrDefault(p.field(), p.field()), p.key(), p.args())).toList());
    }

    /** Every problem as a sentence in the given language, for a page that shows them above its form. */
    public List<String> texts(org.springframework.context.MessageSource messages, java.util.Locale locale) {
        return problems.stream().map(p -> messages.getMessage(p.key(), p.args(), p.key(), locale)).toList();
    }

    /** One problem: the field (or record) it concerns, a message key and its arguments. */
    public record Problem(String field, String key, Object[] args) {
        @Override
        public String toString() {
            return field + ":" + key;
        }
    }
}
