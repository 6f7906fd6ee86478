package org.fengqiao.population.internal;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The room an address's one-line text names, as {@link StandardAddress} writes it and as people type it: the text
 * ends with the room (301室), after the unit (2单元) and, when typed, the floor (3层); what comes before ends with the
 * building's name (…阳光小区7号楼). Pure: which building of the grid, and which of its rooms, is for the caller to
 * find ({@link #building}). A text without a room names none, and is not read any further.
 */
final class RoomAddress {

    /** The room number is all the digits before 室: 1501室 is room 1501, never building 1's room 501. */
    private static final Pattern ROOM = Pattern.compile(
            "^(.+?)(?:([0-9]{1,2})单元)?(?:([0-9]{1,3})层)?(?<![0-9])([0-9]{1,6})室$");
    /** What a building's number is written with: 17号楼 is not 7号楼, 十七号楼 not 七号楼, BA座 not A座. */
    private static final Pattern NUMBERING = Pattern.compile("[0-9A-Za-z０-９Ａ-Ｚａ-ｚ〇零一二三四五六七八九十百千两]");

    /** A room named by a text: the text before the unit (ending with the building), the unit and floor when given. */
    record Named(String before, Integer unit, Integer floor, String number) {
    }

    private RoomAddress() {
    }

    /** The room the text names, if it names one: it ends with a room number followed by 室. */
    static Optional<Named> of(String text) {
        if (text == null || !text.endsWith("室")) {
            return Optional.empty();
        }
        Matcher m = ROOM.matcher(text.replaceAll("\\s+", ""));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Named(m.group(1), m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                m.group(3) == null ? null : Integer.valueOf(m.group(3)), m.group(4)));
    }

    /**
     * The name of the building the text before the unit ends with, of the given names (a grid's buildings, whose
     * names are unique in it): the longest, so 二期7号楼 is not taken for 7号楼 when the grid has both; and a whole
     * name, so 17号楼 is not taken for 7号楼 when the grid has only that one.
     */
    static Optional<String> building(Named named, Collection<String> names) {
        String before = named.before();
        String found = null;
        for (String name : names) {
            if (!name.isEmpty() && before.endsWith(name) && whole(before, before.length() - name.length(), name)
                    && (found == null || name.length() > found.length())) {
                found = name;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code name}, found at {@code at} in {@code text}, does not continue a number or letters before it. */
    private static boolean whole(String text, int at, String name) {
        return at == 0 || !NUMBERING.matcher(name.substring(0, 1)).matches()
                || !NUMBERING.matcher(text.substring(at - 1, at)).matches();
    }
}
