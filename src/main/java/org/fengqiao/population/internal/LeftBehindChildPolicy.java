package org.fengqiao.population.internal;

import java.time.LocalDate;

/**
 * Who may be a left-behind child (留守儿童): a child under 16 whose parents both work away, or one does and the other
 * cannot care for him (the State Council's 2016 opinions on caring for rural left-behind children). So the category is
 * refused for a person who is 16 or older on the day it is given, and it goes on the day a child turns 16
 * ({@link LeftBehindAgeSweep}): his care agreement ends then, for that reason. A child is one by his age, so a person
 * whose birth date is not known (given, or read from his identity number) is refused until the officer gives it: allowed
 * without it, he would stay a left-behind child for ever, the sweep never reaching him.
 */
public final class LeftBehindChildPolicy {

    /** The age at which nobody is a left-behind child any more. */
    public static final int AGE = 16;

    /** What the policy says, with the day the person turns (or turned) 16, for the message; null when not known. */
    public record Decision(boolean allowed, LocalDate turns16On) {

        /** Refused because nobody knows how old he is: the officer gives his birth date or identity number. */
        public boolean ageUnknown() {
            return turns16On == null;
        }
    }

    private LeftBehindChildPolicy() {
    }

    /** Whether a person born on {@code birthDate} may be a left-behind child on {@code today}. */
    public static Decision on(LocalDate birthDate, LocalDate today) {
        if (birthDate == null) {
            return new Decision(false, null);
        }
        LocalDate turns16 = turns16On(birthDate);
        return new Decision(today.isBefore(turns16), turns16);
    }

    /** The day a person born on {@code birthDate} turns 16 (one born on 29 February, on 28 February of a common year). */
    public static LocalDate turns16On(LocalDate birthDate) {
        return birthDate.plusYears(AGE);
    }

    /** The latest birth date of a person who is 16 or older on {@code today}: who the sweep takes the category from. */
    public static LocalDate bornOnOrBefore(LocalDate today) {
        return today.minusYears(AGE);
    }
}
