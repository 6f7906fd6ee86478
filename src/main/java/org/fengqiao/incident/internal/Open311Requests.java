package org.fengqiao.incident.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.internal.Incidents.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The Open311 side of incidents filed through /open311/v2, and what the public GET requests may show of
 * them: the service, the reporter's own description, the place, the status, the answer given, the owning
 * unit and the times. Never the reporter's name, phone or e-mail, nor the timeline's internal notes.
 */
@Repository
public class Open311Requests {

    public record PublicRequest(UUID incidentId, String serviceRequestId, String token, String serviceCode,
            Status status, String description, String address, UUID addressId, Double lat, Double lon, String mediaUrl,
            String agency, OffsetDateTime requestedAt, OffsetDateTime updatedAt, OffsetDateTime dueAt, String answer,
            Category category) {
    }

    /** GET requests' filters; a null or empty one means any. */
    public record Query(List<String> ids, List<String> serviceCodes, OffsetDateTime start, OffsetDateTime end,
            Boolean open, String rootPath, int limit) {
    }

    private static final String SELECT = """
            SELECT i.id, i.tracking_code, o.token, o.service_code, i.status, o.description, i.address, o.address_id,
                   i.lat, i.lon, o.media_url, coalesce(ou.name, gu.name) AS agency, i.received_at, i.updated_at,
                   i.due_at, i.category,
                   (SELECT e.note FROM incident_event e WHERE e.incident_id = i.id AND e.kind = 'ANSWERED'
                    ORDER BY e.id DESC LIMIT 1) AS answer
            FROM open311_request o JOIN incident i ON i.id = o.incident_id JOIN grid g ON g.id = i.grid_id
            JOIN unit gu ON gu.id = g.unit_id LEFT JOIN unit ou ON ou.id = i.owner_unit_id
            WHERE i.source = 'OPEN311' AND gu.path LIKE :root
            """;

    private final JdbcClient jdbc;

    Open311Requests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID incident, String token, String serviceCode, String jurisdictionId, String attributesJson,
            byte[] email, String deviceId, String accountId, String mediaUrl, UUID addressId, UUID apiKeyId,
            String description) {
        jdbc.sql("""
                INSERT INTO open311_request (incident_id, token, service_code, jurisdiction_id, attributes, email,
                    device_id, account_id, media_url, address_id, api_key_id, description)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)""")
                .params(incident, token, serviceCode, jurisdictionId, attributesJson, email, deviceId, accountId, mediaUrl,
                        addressId, apiKeyId, description)
                .update();
    }

    public Optional<PublicRequest> byId(String serviceRequestId, String rootPath) {
        return jdbc.sql(SELECT + " AND i.tracking_code = :code").param("root", rootPath + "%")
                .param("code", serviceRequestId).query(Open311Requests::map).optional();
    }

    public Optional<PublicRequest> byToken(String token, String rootPath) {
        return jdbc.sql(SELECT + " AND o.token = :token").param("root", rootPath + "%").param("token", token)
                .query(Open311Requests::map).optional();
    }

    /**
     * GET requests: by ids (the other filters then do not apply), or by service, period and status, newest
     * first. Cases and events (案事件) are found by their id only, never listed.
     */
    public List<PublicRequest> list(Query q) {
        StringBuilder sql = new StringBuilder(SELECT);
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("root", q.rootPath() + "%");
        if (q.ids() != null && !q.ids().isEmpty()) {
            sql.append(" AND i.tracking_code = ANY(CAST(:ids AS text[]))");
            params.put("ids", q.ids().toArray(String[]::new));
        } else {
            sql.append(" AND i.category <> 'CASE'");
            if (q.serviceCodes() != null && !q.serviceCodes().isEmpty()) {
                sql.append(" AND o.service_code = ANY(CAST(:services AS text[]))");
                params.put("services", q.serviceCodes().toArray(String[]::new));
            }
            if (q.start() != null) {
                sql.append(" AND i.received_at >= :start");
                params.put("start", q.start());
            }
            if (q.end() != null) {
                sql.append(" AND i.received_at <= :end");
                params.put("end", q.end());
            }
            if (q.open() != null) {
                sql.append(q.open() ? " AND i.answered_at IS NULL" : " AND i.answered_at IS NOT NULL");
            }
        }
        sql.append(" ORDER BY i.received_at DESC, i.id LIMIT :limit");
        params.put("limit", q.limit());
        return jdbc.sql(sql.toString()).params(params).query(Open311Requests::map).list();
    }

    private static PublicRequest map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new PublicRequest(rs.getObject("id", UUID.class), rs.getString("tracking_code"), rs.getString("token"),
                rs.getString("service_code"), Status.valueOf(rs.getString("status")), rs.getString("description"),
                rs.getString("address"), rs.getObject("address_id", UUID.class), (Double) rs.getObject("lat"),
                (Double) rs.getObject("lon"), rs.getString("media_url"), rs.getString("agency"),
                rs.getObject("received_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("due_at", OffsetDateTime.class), rs.getString("answer"),
                Category.valueOf(rs.getString("category")));
    }
}
