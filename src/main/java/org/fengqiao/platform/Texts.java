package org.fengqiao.platform;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text as lists and entries show it, and what typed text may hold. */
public final class Texts {

    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)\\s+");
    private static final Pattern RUN = Pattern.compile("[0-9]+|[^0-9]+");
    /** An identity number in free text: 18 characters, the last a digit or X, not inside a longer run. */
    private static final Pattern IDENTITY = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])");
    /** A mobile number in free text, also written 139 1234 5678 or 139-1234-5678. */
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])");

    private Texts() {
    }

    /**
     * Words as one line of at most {@code max} characters: every run of white space (line breaks, the ideographic
     * space) as one space, and where they are cut an ellipsis, never inside a character; null for none.
     */
    public static String line(String words, int max) {
        if (words == null) {
            return null;
        }
        String one = WHITE_SPACE.matcher(words).replaceAll(" ").strip();
        if (one.isEmpty()) {
            return null;
        }
        if (one.codePointCount(0, one.length()) <= max) {
            return one;
        }
        return one.substring(0, one.offsetByCodePoints(0, max - 1)).stripTrailing() + "…";
    }

    /**
     * Whether the text holds a control character other than tab and line breaks: nobody types them (they come pasted
     * from another program), and XML (Open311, the xlsx exports) cannot carry them. A form's or a client's text with
     * one is refused as bad input.
     */
    public static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r');
    }

    /**
     * Free text a person typed (a resident's comment) with the identity and mobile numbers in it masked as lists show
     * them: 320722********1234, 139****5678; digits typed full width (on a Chinese keyboard) are found too. Null for
     * null.
     */
    public static String maskedNumbers(String text) {
        if (text == null) {
            return null;
        }
        String folded = folded(text);
        StringBuilder out = new StringBuilder(folded);
        Matcher id = IDENTITY.matcher(folded);
        while (id.find()) {
            for (int i = id.start() + 6; i < id.end() - 4; i++) {
                out.setCharAt(i, '*');
            }
        }
        Matcher mobile = MOBILE.matcher(out);
        StringBuilder masked = new StringBuilder();
        while (mobile.find()) {
            String digits = mobile.group().replaceAll("[ -]", "");
            mobile.appendReplacement(masked, digits.substring(0, 3) + "****" + digits.substring(7));
        }
        mobile.appendTail(masked);
        return masked.toString();
    }

    /** Full-width digits folded one for one, so that a match's place is its place in the text as typed. */
    private static String folded(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.chars().forEach(c -> folded.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０'))
                : c == 'Ｘ' || c == 'ｘ' ? 'X' : (char) c));
        return folded.toString();
    }

    /**
     * Whether free text holds an identity or a mobile number (as {@link #maskedNumbers} finds them, full-width digits
     * too): a text that others read whole, such as a note on an award, is refused with one rather than stored.
     */
    public static boolean holdsPersonalNumber(String text) {
        if (text == null) {
            return false;
        }
        String folded = folded(text);
        return IDENTITY.matcher(folded).find() || MOBILE.matcher(folded).find();
    }

    /**
     * Names in the order people count them: a run of digits compares by its number, so 第2网格 comes before 第10网格
     * (as text, 第10网格 came first); the rest by code point. Null sorts first.
     */
    public static final Comparator<String> NATURAL = Texts::compareNaturally;

    private static int compareNaturally(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        Matcher x = RUN.matcher(a);
        Matcher y = RUN.matcher(b);
        while (x.find()) {
            if (!y.find()) {
                return 1;
            }
            String p = x.group();
            String q = y.group();
            int c;
            if (Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))) {
                c = new BigInteger(p).compareTo(new BigInteger(q));
                if (c == 0) {
                    c = Integer.compare(p.length(), q.length());
                }
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return y.find() ? -1 : 0;
    }
}
