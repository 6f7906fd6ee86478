package org.fengqiao.incident;

/**
 * How staff outside the incident's handling (the hard-cases board, the points ledger) name an incident: {@code SJ-}
 * and eight digits (more once there are more), easy to tell apart and to say over the phone. Never the tracking code:
 * that is the resident's key to his report's public page ({@code /track/{code}}), where anyone holding it reads the
 * timeline and photos, rates the answer and reopens it. The number is drawn for the incident the first time it is
 * named ({@link IncidentFacts#reference}), and names no other: a number derived from the id (as before V166) was
 * shared by two reports among some ten thousand.
 */
public final class IncidentReference {

    private IncidentReference() {
    }

    public static String of(long number) {
        return "SJ-%08d".formatted(number);
    }
}
