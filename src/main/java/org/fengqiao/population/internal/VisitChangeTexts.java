package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What changed during a visit, in the reader's language. A change is stored as a message key of the housing
 * bundle with its arguments; an argument that is itself a message key (a yes or no, a verification finding) is
 * stored with a leading {@code @} and said in the reader's language too, a literal one that starts with {@code @}
 * gets a second one. Rows written before V120 carry only English text of a few fixed shapes, which are read back
 * into a key and arguments here (the rows themselves are never rewritten); any other text shows as stored.
 */
@Component
public class VisitChangeTexts {

    private static final List<Legacy> LEGACY = List.of(
            new Legacy(Pattern.compile("contact card handed over (\\d{4}-\\d{2}-\\d{2})"), "housing.change.contactCard"),
            new Legacy(Pattern.compile("trusted=(true|false), inDifficulty=(true|false)"), "housing.change.household"),
            new Legacy(Pattern.compile("room (.+): vacant=(true|false), rental=(true|false)"), "housing.change.room"),
            new Legacy(Pattern.compile("residence LEFT on (\\d{4}-\\d{2}-\\d{2})"), "housing.change.residenceLeft"),
            new Legacy(Pattern.compile("verification task resolved: (TENANTS_REGISTERED|VACANT|RESIDENTS_LEFT|NO_ISSUE)"),
                    "housing.change.verification"));

    private record Legacy(Pattern shape, String key) {
    }

    private final MessageSource messages;

    VisitChangeTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** An argument said as it is. */
    public static String literal(Object value) {
        String s = String.valueOf(value);
        return s.startsWith("@") ? "@" + s : s;
    }

    /** An argument that is a message key, said in the reader's language. */
    public static String message(String key) {
        return "@" + key;
    }

    /** A yes or a no, in the reader's language. */
    public static String yesNo(boolean value) {
        return message(value ? "housing.yes" : "housing.no");
    }

    /** The visit with each of its changes in the reader's language. */
    public VisitLog.Visit shown(VisitLog.Visit visit, Locale locale) {
        return visit.withChanges(visit.changes().stream().map(c -> c.withSummary(text(c, locale))).toList());
    }

    public List<VisitLog.Visit> shown(List<VisitLog.Visit> visits, Locale locale) {
        return visits.stream().map(v -> shown(v, locale)).toList();
    }

    public String text(VisitLog.Change change, Locale locale) {
        if (change.messageKey() != null) {
            return render(change.messageKey(), change.args() == null ? List.of() : change.args(), locale);
        }
        String stored = change.summary() == null ? "" : change.summary().strip();
        for (Legacy l : LEGACY) {
            Matcher m = l.shape().matcher(stored);
            if (m.matches()) {
                List<String> args = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    args.add(legacyArg(m.group(i), l.key()));
                }
                return render(l.key(), args, locale);
            }
        }
        return change.summary();
    }

    /** The text of a key and arguments in a language: English text is what the summary column keeps. */
    public String render(String key, List<String> args, Locale locale) {
        Object[] said = args.stream().map(a -> (Object) arg(a, locale)).toArray();
        return messages.getMessage(key, said, key + " " + String.join(", ", args), locale);
    }

    private String arg(String a, Locale locale) {
        if (a == null) {
            return "";
        }
        if (a.startsWith("@@")) {
            return a.substring(1);
        }
        return a.startsWith("@") ? messages.getMessage(a.substring(1), null, a.substring(1), locale) : a;
    }

    private static String legacyArg(String value, String key) {
        if ("true".equals(value) || "false".equals(value)) {
            return yesNo(Boolean.parseBoolean(value));
        }
        if (key.equals("housing.change.verification")) {
            return message("utilities.finding." + value);
        }
        return literal(value);
    }
}
