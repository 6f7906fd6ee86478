package org.fengqiao.incident;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A report as submitted. The grid is the one given, or the police grid holding the location; with an
 * idempotency key, the same submission sent twice files one incident. A case may come with its offence (案由), when
 * whoever files it already knows it (the 110 centre, an officer at the scene); otherwise it is set on the incident later.
 */
public record NewIncident(Source source, Category category, Subtype subtype, Offence offence, String department,
        String description, OffsetDateTime occurredAt, Double lon, Double lat, String address, UUID gridId,
        String reporterName, String reporterPhone, String externalRef, String idempotencyKey) {

    /** A report without an offence: most are not cases, and a case's offence is often known only later. */
    public NewIncident(Source source, Category category, Subtype subtype, String department, String description,
            OffsetDateTime occurredAt, Double lon, Double lat, String address, UUID gridId, String reporterName,
            String reporterPhone, String externalRef, String idempotencyKey) {
        this(source, category, subtype, null, department, description, occurredAt, lon, lat, address, gridId,
                reporterName, reporterPhone, externalRef, idempotencyKey);
    }

    public NewIncident withIdempotencyKey(String key) {
        return new NewIncident(source, category, subtype, offence, department, description, occurredAt, lon, lat, address,
                gridId, reporterName, reporterPhone, externalRef, key);
    }

    /** The same report placed in the grid, and at the point, of the standard address it names. */
    public NewIncident locatedAt(UUID grid, Double longitude, Double latitude) {
        return new NewIncident(source, category, subtype, offence, department, description, occurredAt, longitude,
                latitude, address, grid, reporterName, reporterPhone, externalRef, idempotencyKey);
    }

    public NewIncident withSource(Source s) {
        return new NewIncident(s, category, subtype, offence, department, description, occurredAt, lon, lat, address,
                gridId, reporterName, reporterPhone, externalRef, idempotencyKey);
    }

    /** The same report with its offence. */
    public NewIncident withOffence(Offence o) {
        return new NewIncident(source, category, subtype, o, department, description, occurredAt, lon, lat, address,
                gridId, reporterName, reporterPhone, externalRef, idempotencyKey);
    }
}
