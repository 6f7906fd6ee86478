package org.fengqiao.incident.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.fengqiao.incident.NewIncident;

/**
 * The SHA-256 of a submission in canonical form, stored beside its idempotency key: a repeat of the key
 * whose hash differs is another report, not a retry. Canonical means what the desk would store: strings
 * trimmed (blank is absent), the phone without spaces and +86, the time of occurrence as an instant (so
 * {@code 10:00+08:00} and {@code 02:00Z} are one submission), numbers as Java prints doubles. The key
 * itself is left out. Each field is written as its name, its length and its value, so no two different
 * submissions read the same.
 */
final class SubmissionHash {

    private SubmissionHash() {
    }

    static byte[] of(NewIncident n) {
        StringBuilder b = new StringBuilder(256);
        field(b, "source", n.source() == null ? null : n.source().name());
        field(b, "category", n.category() == null ? null : n.category().name());
        field(b, "subtype", n.subtype() == null ? null : n.subtype().name());
        field(b, "department", text(n.department()));
        field(b, "description", text(n.description()));
        field(b, "occurredAt", n.occurredAt() == null ? null : n.occurredAt().toInstant().toString());
        field(b, "lon", n.lon() == null ? null : n.lon().toString());
        field(b, "lat", n.lat() == null ? null : n.lat().toString());
        field(b, "address", text(n.address()));
        field(b, "gridId", n.gridId() == null ? null : n.gridId().toString());
        field(b, "reporterName", text(n.reporterName()));
        field(b, "reporterPhone", phone(n.reporterPhone()));
        field(b, "externalRef", text(n.externalRef()));
        if (n.offence() != null) {
            // written only when given, so a submission without one hashes as it did before offences were known: its
            // retry is still the same submission
            field(b, "offence", n.offence().name());
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String phone(String raw) {
        return raw == null || raw.isBlank() ? null : raw.replace(" ", "").replace("+86", "");
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(name);
        if (value == null) {
            b.append("-;");
        } else {
            b.append('=').append(value.length()).append(':').append(value).append(';');
        }
    }
}
