package org.fengqiao.account.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A password is accepted when it has at least 8 characters drawn from at least 3 of the 4 kinds
 * (lower case, upper case, digits, symbols) and does not contain the user name.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    /** Of the {@link #KINDS} kinds of character, how many a password must draw from. */
    public static final int MIN_KINDS = 3;
    public static final int KINDS = 4;

    private PasswordPolicy() {
    }

    /** The message keys of every rule the password breaks; empty when it is acceptable. */
    public static List<String> check(String password, String username) {
        List<String> broken = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            broken.add("account.password.tooShort");
        }
        if (password != null && password.length() > MAX_LENGTH) {
            broken.add("account.password.tooLong");
        }
        if (password != null && kinds(password) < MIN_KINDS) {
            broken.add("account.password.tooFewKinds");
        }
        if (password != null && username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            broken.add("account.password.containsUsername");
        }
        return broken;
    }

    static int kinds(String password) {
        boolean lower = false, upper = false, digit = false, symbol = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                symbol = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
