package org.fengqiao.population.internal;

import java.time.LocalDate;

/**
 * Who may be an elderly person living alone (独居老人): an elderly person is a citizen of 60 or older (the Law on the
 * Protection of the Rights and Interests of the Elderly, 老年人权益保障法, article 2). So the category is refused for a
 * person who is under 60 on the day it is given: a child or an adult living alone is not one, and marking him so
 * puts him among the old people the grid visits and the figures count. A person whose birth date is not known is
 * refused too, as a left-behind child is ({@link LeftBehindChildPolicy}): nothing would show his age, nor that he is
 * one at all, and the officer who marks him knows it or can ask for it (his birth date or identity number).
 */
public final class ElderlyAlonePolicy {

    /** The age from which a person is elderly. */
    public static final int AGE = 60;

    /** What the policy says, with the day the person turns (or turned) 60, for the message; null when not known. */
    public record Decision(boolean allowed, LocalDate turns60On) {

        /** Refused because nobody knows how old he is: the officer gives his birth date or identity number. */
        public boolean ageUnknown() {
            return turns60On == null;
        }
    }

    private ElderlyAlonePolicy() {
    }

    /** Whether a person born on {@code birthDate} may be an elderly person living alone on {@code today}. */
    public static Decision on(LocalDate birthDate, LocalDate today) {
        if (birthDate == null) {
            return new Decision(false, null);
        }
        LocalDate turns60 = turns60On(birthDate);
        return new Decision(!today.isBefore(turns60), turns60);
    }

    /** The day a person born on {@code birthDate} turns 60 (one born on 29 February: 28 February of a common year). */
    public static LocalDate turns60On(LocalDate birthDate) {
        return birthDate.plusYears(AGE);
    }
}
