package org.fengqiao.incident;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A report as submitted. The grid is the one given, or the police grid holding the location; with an
 * idempotency key, the same submission sent twice files one incident.
 */
public record NewIncident(Source source, Category category, Subtype subtype, String department, String description,
        OffsetDateTime occurredAt, Double lon, Double lat, String address, UUID gridId, String reporterName,
        String reporterPhone, String externalRef, String idempotencyKey) {

    public NewIncident withIdempotencyKey(String key) {
        return new NewIncident(source, category, subtype, department, description, occurredAt, lon, lat, address, gridId,
                reporterName, reporterPhone, externalRef, key);
    }

    /** The same report placed in the grid, and at the point, of the standard address it names. */
    public NewIncident locatedAt(UUID grid, Double longitude, Double latitude) {
        return new NewIncident(source, category, subtype, department, description, occurredAt, longitude, latitude, address,
                grid, reporterName, reporterPhone, externalRef, idempotencyKey);
    }

    public NewIncident withSource(Source s) {
        return new NewIncident(s, category, subtype, department, description, occurredAt, lon, lat, address, gridId,
                reporterName, reporterPhone, externalRef, idempotencyKey);
    }
}
