package org.fengqiao.notification.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: {@code X-Fengqiao-Signature: sha256=<hex>}, the HMAC-SHA256 under the
 * webhook's secret of {@code <X-Fengqiao-Timestamp>.<body>} (the timestamp in epoch seconds, so a
 * recorded request cannot be replayed later under a fresh timestamp).
 */
public final class WebhookSignature {

    public static final String SIGNATURE = "X-Fengqiao-Signature";
    public static final String TIMESTAMP = "X-Fengqiao-Timestamp";
    public static final String EVENT_ID = "X-Fengqiao-Event-Id";
    public static final String EVENT_TYPE = "X-Fengqiao-Event";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
