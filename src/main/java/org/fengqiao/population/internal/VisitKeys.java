package org.fengqiao.population.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.fengqiao.platform.Invalid;

/**
 * Idempotency keys of visits, as the incident intake keeps them: a page draws a key when it shows a visit form and
 * sends it with the visit, so a double tap or a retry records one visit and answers the first. The key binds to
 * the officer; beside it is kept the SHA-256 of what was submitted (each field as name, length and value, so no two
 * different submissions read the same), and the same key with another submission is refused, nothing recorded.
 */
final class VisitKeys {

    static final int MAX_KEY = 200;

    private VisitKeys() {
    }

    /** The key trimmed, or null for none (blank is none); one too long is bad input. */
    static String clean(String key, List<Invalid.Problem> problems) {
        if (key == null || key.isBlank()) {
            return null;
        }
        String k = key.strip();
        if (k.length() > MAX_KEY) {
            problems.add(new Invalid.Problem("idempotencyKey", "housing.text.tooLong", new Object[] {MAX_KEY}));
            return null;
        }
        return k;
    }

    /** The hash of a submission given as name, value pairs. */
    static byte[] hash(Object... namesAndValues) {
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            b.append(namesAndValues[i]);
            Object v = namesAndValues[i + 1];
            if (v == null) {
                b.append("-;");
            } else {
                String s = String.valueOf(v);
                b.append('=').append(s.length()).append(':').append(s).append(';');
            }
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The visit recorded before under the key, if it was this submission; refused if it was another. */
    static java.util.UUID repeated(VisitLog.Prior prior, byte[] hash) {
        if (!Arrays.equals(prior.submissionHash(), hash)) {
            throw new VisitKeyReused();
        }
        return prior.id();
    }
}
