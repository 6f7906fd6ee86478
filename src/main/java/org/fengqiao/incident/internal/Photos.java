package org.fengqiao.incident.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The photos of incidents, stored in the database already stripped ({@link PhotoSanitizer}). Listing and
 * reading go by the incident, which the caller has already found in his scope (or by its tracking code).
 */
@Repository
public class Photos {

    /** A photo without its bytes. */
    public record Photo(UUID id, UUID incidentId, String contentType, int size, String addedBy, OffsetDateTime addedAt,
            String stripped) {

        /** Whether it reached this report from the reporter of a report merged into it. */
        public boolean fromMergedReporter() {
            return ResidentDesk.MERGED_RESIDENT.equals(addedBy);
        }
    }

    public record Content(String contentType, byte[] bytes) {
    }

    private final JdbcClient jdbc;

    Photos(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID add(UUID incident, PhotoSanitizer.Clean photo, String addedBy, UUID staffId, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO incident_photo (id, incident_id, content_type, size_bytes, sha256, bytes, stripped, added_by,
                    added_by_staff, added_at)
                VALUES (?, ?, ?, ?, encode(sha256(?), 'hex'), ?, ?, ?, ?, ?)""")
                .params(id, incident, photo.contentType(), photo.bytes().length, photo.bytes(), photo.bytes(),
                        photo.removed().isEmpty() ? null : String.join(",", photo.removed()), addedBy, staffId, at)
                .update();
        return id;
    }

    public List<Photo> of(UUID incident) {
        return jdbc.sql("""
                SELECT id, incident_id, content_type, size_bytes, added_by, added_at, stripped FROM incident_photo
                WHERE incident_id = ? ORDER BY added_at, id""")
                .param(incident)
                .query((rs, n) -> new Photo(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getInt(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getString(7)))
                .list();
    }

    /** A photo of the incident; empty when the id is another incident's or none. */
    public Optional<Content> content(UUID incident, UUID photo, boolean residentsOnly) {
        return jdbc.sql("SELECT content_type, bytes FROM incident_photo WHERE id = ? AND incident_id = ?"
                        + (residentsOnly ? " AND added_by = 'RESIDENT'" : ""))
                .params(photo, incident)
                .query((rs, n) -> new Content(rs.getString(1), rs.getBytes(2))).optional();
    }
}
