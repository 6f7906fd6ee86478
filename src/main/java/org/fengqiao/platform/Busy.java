package org.fengqiao.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Refused for now, not for what was asked: the work waited its time for a turn and did not get one. Nothing was
 * done; the same request a little later is answered. The API answers 503 with Retry-After, a page 503.
 */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
public class Busy extends RuntimeException {

    private final long retryAfterSeconds;

    public Busy(long retryAfterSeconds) {
        super("error.busy");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
