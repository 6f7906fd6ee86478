package org.fengqiao.points.internal;

import org.fengqiao.platform.Invalid;

/**
 * One-time keys of the forms that spend or create something (a redemption, an award by hand), as visits and the
 * incident intake keep theirs: the page draws a key when it shows the form and sends it back, so a double tap on a
 * slow phone or a retry creates one voucher or award and answers the first. Clients of the API send the same as
 * {@code Idempotency-Key}.
 */
final class FormKeys {

    static final int MAX_KEY = 200;

    private FormKeys() {
    }

    /** The key trimmed, or null for none (blank is none); one too long is refused. */
    static String clean(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        String k = key.strip();
        if (k.length() > MAX_KEY) {
            throw Invalid.of("formKey", "points.error.formKey", MAX_KEY);
        }
        return k;
    }
}
