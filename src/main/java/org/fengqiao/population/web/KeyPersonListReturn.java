package org.fengqiao.population.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The way back from a key person's page to the list the officer came from, with the list's filters (我负责的网格,
 * 只看逾期, one grid). The list hands its query string to each person's link; the page turns it back into a link only
 * to the list itself: the path is fixed, and of the query only the list's own parameters with values of their kind
 * are kept, rewritten from what was parsed. Whatever else is sent (another site, another path, a script, a parameter
 * the list does not know) is dropped, so the link can never lead anywhere but the list.
 */
final class KeyPersonListReturn {

    static final String LIST = "/key-persons";

    private KeyPersonListReturn() {
    }

    /** The list's filters in {@code query} (its query string, or its path and query), as a query; "" for none. */
    static String query(String query) {
        if (query == null || query.isBlank()) {
            return "";
        }
        String q = query.strip();
        if (q.startsWith(LIST + "?")) {
            q = q.substring(LIST.length() + 1);
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = decoded(pair.substring(0, eq));
            String value = decoded(pair.substring(eq + 1));
            String canonical = name == null || value == null ? null : switch (name) {
                case "mine", "overdue" -> "true".equals(value) || "false".equals(value) ? value : null;
                case "gridId" -> uuid(value);
                default -> null;
            };
            if (canonical != null) {
                kept.putIfAbsent(name, canonical);
            }
        }
        return kept.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /** The link back to the list with the filters of {@code query} kept: {@code /key-persons} and a valid query. */
    static String link(String query) {
        String kept = query(query);
        return kept.isEmpty() ? LIST : LIST + "?" + kept;
    }

    private static String decoded(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String uuid(String s) {
        try {
            return UUID.fromString(s).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
