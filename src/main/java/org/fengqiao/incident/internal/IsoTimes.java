package org.fengqiao.incident.internal;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.fengqiao.platform.web.LocalTimes;

/**
 * When something happened, as the systems that send reports write it: an ISO 8601 date-time with its zone
 * (2026-12-06T10:00:00+08:00), or China's wall-clock time without one (2026-12-06T10:00:00), which is read as China
 * time. The 110 push and Open311's HAPPENED_AT read it alike, so the same time typed into either lands at the same
 * instant; anything else (a date alone, "yesterday") is no time and the caller refuses it with an example.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    public static Optional<OffsetDateTime> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String v = raw.trim();
        try {
            return Optional.of(OffsetDateTime.parse(v));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(v).atZone(LocalTimes.ZONE).toOffsetDateTime());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
