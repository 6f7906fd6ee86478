package org.fengqiao.incident.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.internal.Incidents.Status;
import org.fengqiao.jurisdiction.UnitKind;
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
            String agency, OffsetDateTime requestedAt, OffsetDateTime updatedAt, OffsetDateTime expectedAt,
            String answer, Category category, String routingFallback) {
    }

    /** GET requests' filters; a null or empty one means any. */
    public record Query(List<String> ids, List<String> serviceCodes, OffsetDateTime start, OffsetDateTime end,
            Boolean open, String rootPath, int limit) {
    }

    private static final String SELECT = """
            SELECT i.id, o.token, o.service_code, i.status, o.description, i.address, o.address_id,
                   i.lat, i.lon, o.media_url, coalesce(ou.name, gu.name) AS agency, i.received_at,
                   -- GeoReport v2: a closed request's updated_datetime is when it was closed, whatever came after
                   coalesce(i.answered_at, i.updated_at) AS updated_at, i.owner_since, ou.kind AS owner_kind,
                   i.category, i.routing_fallback,
                   (SELECT e.note FROM incident_event e WHERE e.incident_id = i.id AND e.kind = 'ANSWERED'
                    ORDER BY e.id DESC LIMIT 1) AS answer
            FROM open311_request o JOIN incident i ON i.id = o.incident_id JOIN grid g ON g.id = i.grid_id
            JOIN unit gu ON gu.id = g.unit_id LEFT JOIN unit ou ON ou.id = i.owner_unit_id
            WHERE i.source = 'OPEN311' AND gu.path LIKE :root
            """;

    private final JdbcClient jdbc;
    /** The application's mapper: the answers are read back as a tree, which none of its settings changes. */
    private final ObjectMapper json;

    private final IncidentProperties properties;

    Open311Requests(JdbcClient jdbc, ObjectMapper json, IncidentProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
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

    /** A request by its service_request_id, the incident's id (not its tracking code, which stays the reporter's). */
    public Optional<PublicRequest> byId(String serviceRequestId, String rootPath) {
        UUID id = uuid(serviceRequestId);
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " AND i.id = :id").param("root", rootPath + "%").param("id", id)
                .query(this::map).optional();
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public Optional<PublicRequest> byToken(String token, String rootPath) {
        return jdbc.sql(SELECT + " AND o.token = :token").param("root", rootPath + "%").param("token", token)
                .query(this::map).optional();
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
            // ids that are no incident's id find nothing, as an unknown one does
            sql.append(" AND i.id = ANY(CAST(:ids AS uuid[]))");
            params.put("ids", q.ids().stream().map(Open311Requests::uuid).filter(java.util.Objects::nonNull)
                    .toArray(UUID[]::new));
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
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /**
     * What an Open311 client answered to its service's attributes, as filed: the service's code and each attribute's
     * answer by its code (a list key, several keys, a number or text), for staff to read in their own language.
     */
    public record Answers(String serviceCode, JsonNode attributes) {
    }

    /** The answers of those of these incidents that came through Open311, by incident. */
    public Map<UUID, Answers> answers(Collection<UUID> incidents) {
        if (incidents.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Answers> found = new HashMap<>();
        jdbc.sql("SELECT incident_id, service_code, attributes::text FROM open311_request WHERE incident_id = ANY(?)")
                .param(incidents.toArray(UUID[]::new))
                .query(rs -> {
                    found.put(rs.getObject(1, UUID.class), new Answers(rs.getString(2), parsed(rs.getString(3))));
                });
        return found;
    }

    private JsonNode parsed(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * When the request can be expected to be fulfilled (GeoReport v2's expected_datetime): the owning level's resolve
     * deadline, counted from when that unit took it, as the desk sets it once the request is taken up; the 10 minutes
     * to take it up are no promise to the reporter. None once answered or merged into another report.
     */
    private OffsetDateTime expected(Status status, String ownerKind, OffsetDateTime ownerSince) {
        if (status == Status.ANSWERED || status == Status.MERGED || ownerKind == null || ownerSince == null) {
            return null;
        }
        return ownerSince.plus(properties.escalation().level(UnitKind.valueOf(ownerKind)).resolve());
    }

    private PublicRequest map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Status status = Status.valueOf(rs.getString("status"));
        return new PublicRequest(id, id.toString(), rs.getString("token"),
                rs.getString("service_code"), status, rs.getString("description"),
                rs.getString("address"), rs.getObject("address_id", UUID.class), (Double) rs.getObject("lat"),
                (Double) rs.getObject("lon"), rs.getString("media_url"), rs.getString("agency"),
                rs.getObject("received_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                expected(status, rs.getString("owner_kind"), rs.getObject("owner_since", OffsetDateTime.class)),
                rs.getString("answer"),
                Category.valueOf(rs.getString("category")), rs.getString("routing_fallback"));
    }
}
