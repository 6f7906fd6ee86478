package org.fengqiao.population.internal;

import java.util.Arrays;

/**
 * The identity numbers already met in a file, each with the row that held it: an open-addressing map of
 * primitive longs (the first 17 digits of a number fit a long, the 18th is their check character), so a
 * million rows cost 32 MB instead of the 100+ MB of a HashMap of strings.
 */
final class ImportNumbers {

    private long[] keys = new long[1 << 12];
    private long[] rows = new long[1 << 12];
    private int size;

    /** Remembers a number's row; returns the row that held it first, or -1 when it is new. */
    long putIfAbsent(String idNumber, long row) {
        long key = Long.parseLong(idNumber.substring(0, 17)) + 1; // 0 marks an empty slot
        if (size * 2 >= keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return rows[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        rows[i] = row;
        size++;
        return -1;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = Long.hashCode(oldKeys[j] * 0x9E3779B97F4A7C15L) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                rows[i] = oldRows[j];
            }
        }
        Arrays.fill(oldKeys, 0);
    }
}
