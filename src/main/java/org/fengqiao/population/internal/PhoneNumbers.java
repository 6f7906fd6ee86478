package org.fengqiao.population.internal;

import java.util.regex.Pattern;

/** Mainland mobile (11 digits from 1) and fixed-line numbers (area code, dash, 7–8 digits). */
public final class PhoneNumbers {

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern FIXED = Pattern.compile("0[0-9]{2,3}-?[0-9]{7,8}");

    private PhoneNumbers() {
    }

    /** The number without spaces, or null when it is neither a mobile nor a fixed-line number. */
    public static String normalised(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replace(" ", "").replace("+86", "");
        return MOBILE.matcher(digits).matches() || FIXED.matcher(digits).matches() ? digits : null;
    }

    /** 138****5678: the first three and last four digits. */
    public static String masked(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone == null ? null : "****";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
