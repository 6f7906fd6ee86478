package org.fengqiao.population.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format, written straight into UTF-8 bytes: tab between columns, a line
 * per row, {@code \N} for null, backslash escapes for backslash, tab, newline and carriage return, bytea
 * as {@code \\x} and hex. A bulk import writes millions of values, so no String is made per value.
 */
final class CopyText {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;
    private boolean rowStarted;

    CopyText(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    int length() {
        return length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    CopyText text(String value) {
        if (value == null) {
            return nul();
        }
        separate();
        escaped(value, false);
        return this;
    }

    /** A uuid in its canonical form (8-4-4-4-12 lower-case hex digits), without making its String. */
    CopyText uuid(UUID value) {
        if (value == null) {
            return nul();
        }
        separate();
        ensure(36);
        long high = value.getMostSignificantBits();
        long low = value.getLeastSignificantBits();
        hex(high >>> 32, 8);
        bytes[length++] = '-';
        hex(high >>> 16, 4);
        bytes[length++] = '-';
        hex(high, 4);
        bytes[length++] = '-';
        hex(low >>> 48, 4);
        bytes[length++] = '-';
        hex(low, 12);
        return this;
    }

    private void hex(long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            bytes[length + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        length += digits;
    }

    /** Clears the rows written, keeping the buffer, for a writer that makes one row after another. */
    CopyText reset() {
        length = 0;
        rowStarted = false;
        return this;
    }

    CopyText date(LocalDate value) {
        return value == null ? nul() : text(value.toString());
    }

    /** A bytea in hex form; the backslash of {@code \x} is itself escaped for the text format. */
    CopyText bytea(byte[] value) {
        if (value == null) {
            return nul();
        }
        separate();
        ensure(3 + value.length * 2);
        bytes[length++] = '\\';
        bytes[length++] = '\\';
        bytes[length++] = 'x';
        for (byte b : value) {
            bytes[length++] = HEX[(b >> 4) & 0xF];
            bytes[length++] = HEX[b & 0xF];
        }
        return this;
    }

    /** A text[] literal: every element double-quoted, its quotes and backslashes escaped for the array and for COPY. */
    CopyText array(String[] values) {
        if (values == null) {
            return nul();
        }
        separate();
        put('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put(',');
            }
            put('"');
            escaped(values[i], true);
            put('"');
        }
        put('}');
        return this;
    }

    CopyText nul() {
        separate();
        ensure(2);
        bytes[length++] = '\\';
        bytes[length++] = 'N';
        return this;
    }

    CopyText endRow() {
        put('\n');
        rowStarted = false;
        return this;
    }

    private void separate() {
        if (rowStarted) {
            put('\t');
        }
        rowStarted = true;
    }

    private void put(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
    }

    private void escaped(String value, boolean inArray) {
        int n = value.length();
        ensure(n * 3 + 8);
        int i = 0;
        // most values are plain ASCII (hashes, indexes, masks, dates): copied as they are until a character needs more
        while (i < n) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '"' || c < 0x20) {
                break;
            }
            bytes[length++] = (byte) c;
            i++;
        }
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> {
                        // in an array element a backslash is first doubled for the array, then each for COPY
                        ensure(4);
                        bytes[length++] = '\\';
                        bytes[length++] = '\\';
                        if (inArray) {
                            bytes[length++] = '\\';
                            bytes[length++] = '\\';
                        }
                    }
                    case '"' -> {
                        if (inArray) {
                            ensure(3);
                            bytes[length++] = '\\';
                            bytes[length++] = '\\';
                        }
                        bytes[length++] = '"';
                    }
                    case '\t' -> two('\\', 't');
                    case '\n' -> two('\\', 'n');
                    case '\r' -> two('\\', 'r');
                    default -> bytes[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                bytes[length++] = (byte) (0xF0 | (cp >> 18));
                bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // a lone surrogate is not text: written as the replacement character, as String.getBytes does
                bytes[length++] = (byte) 0xEF;
                bytes[length++] = (byte) 0xBF;
                bytes[length++] = (byte) 0xBD;
            } else {
                bytes[length++] = (byte) (0xE0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            }
            if (bytes.length - length < 8) {
                ensure(8 + (n - i) * 3);
            }
        }
    }

    private void two(char a, char b) {
        ensure(2);
        bytes[length++] = (byte) a;
        bytes[length++] = (byte) b;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Sends the rows through one COPY on the given connection (the caller's transaction); returns the rows written. */
    long copyInto(Connection connection, String copySql) throws SQLException {
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            int chunk = 1 << 16;
            for (int from = 0; from < length; from += chunk) {
                in.writeToCopy(bytes, from, Math.min(chunk, length - from));
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
