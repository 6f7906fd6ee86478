package org.fengqiao.worklog.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a text shared with the whole bureau must not hold: a resident's identity number (18 characters, the last a
 * digit or X) or a mobile number (11 digits from 13 to 19, also written 138 0518 0001). The column's entries and
 * comments are free text read by every police member of the bureau, so a person is named there at most by name, never
 * by a number that identifies him; numbers of other lengths (a case number, a date, a count) pass. Digits run together
 * with others are not these numbers: a longer run of digits is something else.
 */
public final class PersonalNumbers {

    private static final Pattern IDENTITY = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])");

    private PersonalNumbers() {
    }

    /** The message key saying what the text holds that it must not, or nothing when it holds none. */
    public static Optional<String> found(String text) {
        if (text == null) {
            return Optional.empty();
        }
        // full-width digits typed on a Chinese keyboard are the same numbers
        String t = fold(text);
        if (IDENTITY.matcher(t).find()) {
            return Optional.of("worklog.error.identityNumber");
        }
        if (MOBILE.matcher(t).find()) {
            return Optional.of("worklog.error.mobile");
        }
        return Optional.empty();
    }

    private static String fold(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= '０' && c <= '９') {
                b.append((char) ('0' + (c - '０')));
            } else if (c == 'Ｘ' || c == 'ｘ') {
                b.append('X');
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
