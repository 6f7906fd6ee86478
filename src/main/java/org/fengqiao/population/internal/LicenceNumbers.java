package org.fengqiao.population.internal;

import java.util.Locale;

/**
 * Business licence numbers: the 18-character unified social credit code (统一社会信用代码,
 * GB 32100-2015) with its check character, or the 15-digit registration number of a licence
 * issued before 2015 that a small shop may still show.
 */
public final class LicenceNumbers {

    /** The 31 characters of the code: digits and capitals without I, O, S, V and Z. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private LicenceNumbers() {
    }

    /** The number in capitals without spaces when it is valid, else null. */
    public static String normalised(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.replace(" ", "").toUpperCase(Locale.ROOT);
        if (s.matches("[0-9]{15}")) {
            return s;
        }
        if (s.length() != 18) {
            return null;
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return null;
            }
        }
        return s.charAt(17) == checkCharacter(s.substring(0, 17)) ? s : null;
    }

    /** The check character of the first 17 characters of a unified social credit code. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }
}
