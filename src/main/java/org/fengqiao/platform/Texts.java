package org.fengqiao.platform;

import java.util.regex.Pattern;

/** Text as lists and entries show it. */
public final class Texts {

    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)\\s+");

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
}
