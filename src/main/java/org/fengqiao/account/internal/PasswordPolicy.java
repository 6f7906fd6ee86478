package org.fengqiao.account.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A password is accepted when it has at least {@link #MIN_LENGTH} characters drawn from at least {@link #MIN_KINDS} of
 * the {@link #KINDS} kinds (lower case, upper case, digits, symbols) and does not contain the user name. Every text
 * that tells the rules (the hint under a password field, the messages of a refusal) takes its numbers from here.
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

    /**
     * The numbers a broken rule's message names, so that it says the limits {@link #check} applies and no copy of them
     * (the message of {@code account.password.tooShort} takes {@link #MIN_LENGTH}, and so on).
     */
    public static Object[] arguments(String key) {
        return switch (key) {
            case "account.password.tooShort" -> new Object[] {MIN_LENGTH};
            case "account.password.tooLong" -> new Object[] {MAX_LENGTH};
            case "account.password.tooFewKinds" -> new Object[] {MIN_KINDS, KINDS};
            default -> new Object[0];
        };
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
