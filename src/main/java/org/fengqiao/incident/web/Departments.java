package org.fengqiao.incident.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The departments an incident names (its department, a referral's), which are stored as the words they were given in
 * (城管 from an Open311 service, City management from the English report form). A department the bundles know
 * ({@code incident.department.name.*}) is shown in the reader's language, whichever language it was stored in; any
 * other stays as stored.
 */
@Component
class Departments {

    static final List<String> KNOWN = List.of("COMPREHENSIVE", "URBAN", "MARKET", "ENVIRONMENT", "POWER", "WATER",
            "HOUSING", "TRANSPORT");
    private static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    private final MessageSource messages;
    /** Each known department's name in every language, to its code. */
    private volatile Map<String, String> byName;

    Departments(MessageSource messages) {
        this.messages = messages;
    }

    String shown(String stored, Locale locale) {
        if (stored == null) {
            return null;
        }
        String code = names().get(stored.strip().toLowerCase(Locale.ROOT));
        return code == null ? stored : messages.getMessage(key(code), null, stored, locale);
    }

    private Map<String, String> names() {
        Map<String, String> names = byName;
        if (names == null) {
            names = new HashMap<>();
            for (String code : KNOWN) {
                for (Locale language : LANGUAGES) {
                    names.put(messages.getMessage(key(code), null, code, language).strip().toLowerCase(Locale.ROOT), code);
                }
            }
            byName = names;
        }
        return names;
    }

    private static String key(String code) {
        return "incident.department.name." + code;
    }
}
