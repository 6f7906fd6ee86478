package org.fengqiao.platform;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text as lists and entries show it, and what typed text may hold. */
public final class Texts {

    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)\\s+");
    private static final Pattern RUN = Pattern.compile("[0-9]+|[^0-9]+");

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
