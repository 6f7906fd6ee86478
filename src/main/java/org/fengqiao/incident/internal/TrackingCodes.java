package org.fengqiao.incident.internal;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The tracking codes residents are given: "FQ" and ten characters drawn from digits and capital letters without those
 * read as one another on a slip or a phone's screen (0 and O, 1, I and L). Since no code holds one of those, a code
 * typed with one is mistyped for sure, and the tracking page can say which character to look at again, as it can say
 * that a code is too short or too long; a code of the right shape that names no report is only "not found", so the
 * page tells nothing about which codes exist.
 */
public final class TrackingCodes {

    static final String PREFIX = "FQ";
    static final int RANDOM_PART = 10;
    /** The characters after the prefix. */
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    /** The length of a whole code, prefix included. */
    public static final int LENGTH = PREFIX.length() + RANDOM_PART;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingCodes() {
    }

    /** A new code: about 8 × 10^14 of them, so that nobody finds another's report by trying codes. */
    static String next() {
        StringBuilder code = new StringBuilder(PREFIX);
        for (int k = 0; k < RANDOM_PART; k++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * What a resident typed, as a code to look up: capitals, nothing but letters and digits (the spaces and dashes of a
     * code copied or written in groups go), and with the prefix put back when he left it out (ten characters, the
     * part of the code after it).
     */
    public static String normalized(String typed) {
        String letters = typed == null ? "" : typed.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
        if (letters.length() == RANDOM_PART && !letters.startsWith(PREFIX)) {
            return PREFIX + letters;
        }
        return letters;
    }

    /** Why a code typed cannot be anyone's code, for the resident to correct it; none when its shape is right. */
    public sealed interface Fault {
    }

    /** Too short or too long: it has {@code length} characters. */
    public record WrongLength(int length) implements Fault {
    }

    /** It does not begin with the prefix every code has. */
    public record WrongStart() implements Fault {
    }

    /** It holds characters no code has (in the order typed, each once). */
    public record NotInCodes(String characters) implements Fault {
    }

    /** The fault of a normalized code ({@link #normalized}), if its shape is not that of a code. */
    public static Optional<Fault> fault(String code) {
        if (code.length() != LENGTH) {
            return Optional.of(new WrongLength(code.length()));
        }
        if (!code.startsWith(PREFIX)) {
            return Optional.of(new WrongStart());
        }
        StringBuilder foreign = new StringBuilder();
        TreeSet<Character> seen = new TreeSet<>();
        for (char c : code.substring(PREFIX.length()).toCharArray()) {
            if (ALPHABET.indexOf(c) < 0 && seen.add(c)) {
                foreign.append(c);
            }
        }
        return foreign.isEmpty() ? Optional.empty() : Optional.of(new NotInCodes(foreign.toString()));
    }
}
