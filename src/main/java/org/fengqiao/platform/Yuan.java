package org.fengqiao.platform;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Yuan as people type them on a form, as fen: up to two decimals, with thousands separators if they like (10,000 or
 * 10，000 with the full-width comma of a Chinese keyboard); never through a float. Shared by the modules whose forms
 * take money (recovery's losses and assets, the points store's costs and fund income), so that an amount typed
 * alike is read alike everywhere.
 */
public final class Yuan {

    /**
     * Digits, grouped by threes when separated, and at most two decimals: what an officer types for an amount.
     * BigDecimal alone reads far more ("1e3" as a thousand, "-0", "+5", digits of any script) and a slip of the
     * finger must not turn into a sum nobody meant. Only ASCII digits: full-width ones are folded to them first.
     */
    private static final Pattern AMOUNT = Pattern.compile("(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]{1,2})?");

    private Yuan() {
    }

    /**
     * The fen of {@code yuan}, or null when left blank; anything else than yuan with at most two decimals is refused
     * on {@code field} with the module's message {@code key}.
     */
    public static Long fen(String yuan, String field, String key) {
        if (yuan == null || yuan.isBlank()) {
            return null;
        }
        String typed = halfWidth(yuan.strip());
        if (!AMOUNT.matcher(typed).matches()) {
            throw Invalid.of(field, key);
        }
        try {
            return new BigDecimal(typed.replace(",", "")).movePointRight(2).longValueExact();
        } catch (ArithmeticException e) { // more fen than a long holds
            throw Invalid.of(field, key);
        }
    }

    /** Full-width digits, comma and point (a Chinese keyboard in full-width mode) as their ASCII twins. */
    private static String halfWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '０' && c <= '９') {
                b.append((char) (c - '０' + '0'));
            } else if (c == '，') {
                b.append(',');
            } else if (c == '．') {
                b.append('.');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
