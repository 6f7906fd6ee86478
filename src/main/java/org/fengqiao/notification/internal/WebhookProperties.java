package org.fengqiao.notification.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound webhook delivery. A delivery that fails is tried again after {@code initialBackoff}, then after
 * twice as long each time up to {@code maxBackoff}, and is marked failed after {@code maxAttempts}
 * attempts (a person can then retry it by hand); the wait counts from the failed attempt. {@code timeout} bounds one
 * request; {@code batch} is how many deliveries one run of the worker sends at most; {@code concurrency} how many it
 * sends at once (to as many webhooks: one webhook's deliveries go one at a time, in order); {@code poll} (an ISO duration, read by the
 * scheduler) is the pause between runs; delivered rows are kept {@code retention} long for the page,
 * failed ones until retried. {@code allowedNetworks} (CIDR blocks) are addresses a webhook may be sent to even
 * though {@link WebhookAddressPolicy} refuses them by default (loopback, link-local, ...), e.g. a receiver on
 * this same host.
 */
@ConfigurationProperties("fengqiao.notification.webhooks")
public record WebhookProperties(@DefaultValue("8") int maxAttempts, @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff, @DefaultValue("10s") Duration timeout, @DefaultValue("50") int batch,
        @DefaultValue("PT5S") String poll, @DefaultValue("30d") Duration retention,
        @DefaultValue({}) List<String> allowedNetworks, @DefaultValue("4") int concurrency) {

    /** The address policy these settings give. */
    WebhookAddressPolicy addressPolicy() {
        return new WebhookAddressPolicy(allowedNetworks);
    }

    /** The pause after the given (1-based) failed attempt: initial × 2^(attempt-1), at most the maximum. */
    public Duration backoff(int attempt) {
        Duration d = initialBackoff;
        for (int k = 1; k < attempt && d.compareTo(maxBackoff) < 0; k++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
