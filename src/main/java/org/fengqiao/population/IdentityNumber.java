package org.fengqiao.population;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Set;
import org.fengqiao.platform.Invalid;

/**
 * A citizen identity number (公民身份号码, GB 11643-1999) in its 18-character form: a six-digit
 * division code, the birth date as yyyyMMdd, a three-digit sequence whose last digit is odd for
 * men and even for women, and an ISO 7064 MOD 11-2 check character (0–9 or X).
 * Old 15-digit numbers (issued before 1999, birth year without its century) are converted.
 */
public record IdentityNumber(String value) {

    /** First two digits of the province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao). */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15",
            "21", "22", "23",
            "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46",
            "50", "51", "52", "53", "54",
            "61", "62", "63", "64", "65",
            "71", "81", "82");

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final String FIELD = "idNumber";

    /** Only {@link #parse(String)} produces a number known to be valid; this checks the bare shape. */
    public IdentityNumber {
        if (value == null || value.length() != 18) {
            throw Invalid.of(FIELD, "population.idNumber.length");
        }
    }

    /** Parses with today's date (in the jurisdiction's time) as the limit for the birth date. */
    public static IdentityNumber parse(String raw) {
        return parse(raw, LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE));
    }

    /**
     * Parses what a person typed: surrounding blanks are ignored and a lower-case x is read as X.
     * Every rule failing throws {@link Invalid} on the field {@code idNumber} with its own key.
     */
    public static IdentityNumber parse(String raw, LocalDate today) {
        String text = raw == null ? "" : raw.strip();
        if (text.length() == 15) {
            if (!allDigits(text, 15)) {
                throw Invalid.of(FIELD, "population.idNumber.characters");
            }
            String body = text.substring(0, 6) + "19" + text.substring(6);
            return checked(body + checkCharacter(body), today);
        }
        if (text.length() != 18) {
            throw Invalid.of(FIELD, "population.idNumber.length");
        }
        text = text.substring(0, 17) + Character.toUpperCase(text.charAt(17));
        char last = text.charAt(17);
        if (!allDigits(text, 17) || !(last >= '0' && last <= '9' || last == 'X')) {
            throw Invalid.of(FIELD, "population.idNumber.characters");
        }
        char expected = checkCharacter(text.substring(0, 17));
        if (last != expected) {
            throw Invalid.of(FIELD, "population.idNumber.checkDigit", String.valueOf(expected));
        }
        return checked(text, today);
    }

    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (Invalid e) {
            return false;
        }
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS[sum % 11];
    }

    private static IdentityNumber checked(String value, LocalDate today) {
        if (!PROVINCES.contains(value.substring(0, 2))) {
            throw Invalid.of(FIELD, "population.idNumber.region", value.substring(0, 6));
        }
        LocalDate birth;
        try {
            birth = birthDateOf(value);
        } catch (DateTimeException e) {
            throw Invalid.of(FIELD, "population.idNumber.birthDate", value.substring(6, 14));
        }
        if (birth.isBefore(EARLIEST_BIRTH)) {
            throw Invalid.of(FIELD, "population.idNumber.birthDate", value.substring(6, 14));
        }
        if (birth.isAfter(today)) {
            throw Invalid.of(FIELD, "population.idNumber.future", birth.toString());
        }
        return new IdentityNumber(value);
    }

    private static LocalDate birthDateOf(String value) {
        return LocalDate.of(
                Integer.parseInt(value.substring(6, 10)),
                Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    private static boolean allDigits(String text, int count) {
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses a birth date or sex entered beside the number that disagrees with it; what was not
     * entered (null) is taken from the number and needs no check.
     */
    public static void checkAgainst(IdentityNumber id, LocalDate enteredBirthDate, Sex enteredSex) {
        // both disagreements at once: the officer corrects the form once, not once for each
        boolean birthDiffers = enteredBirthDate != null && !enteredBirthDate.equals(id.birthDate());
        boolean sexDiffers = enteredSex != null && enteredSex != id.sex();
        if (!birthDiffers && !sexDiffers) {
            return;
        }
        java.util.List<Invalid.Problem> problems = new java.util.ArrayList<>(2);
        if (birthDiffers) {
            problems.add(new Invalid.Problem(FIELD, "population.idNumber.birthDateMismatch",
                    new Object[] {id.birthDate().toString()}));
        }
        if (sexDiffers) {
            problems.add(new Invalid.Problem(FIELD, "population.idNumber.sexMismatch", new Object[0]));
        }
        throw new Invalid("error.invalid", problems);
    }

    public LocalDate birthDate() {
        return birthDateOf(value);
    }

    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** The division code of the place where the number was first issued (GB/T 2260). */
    public String divisionCode() {
        return value.substring(0, 6);
    }

    public String last4() {
        return value.substring(14);
    }

    public String last6() {
        return value.substring(12);
    }

    /** What lists show: the division code and the last four, the birth date hidden. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    /** Age in completed years on the given day. */
    public int ageOn(LocalDate day) {
        return Period.between(birthDate(), day).getYears();
    }

    /** Never the full number, so it does not end up whole in logs. */
    @Override
    public String toString() {
        return masked();
    }
}
