package org.fengqiao.incident.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.ShortLived;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys of the systems that file incidents, stored as their SHA-256 only: the 110 centre's push
 * ({@link Purpose#CALL_110}) and Open311 clients ({@link Purpose#OPEN311}). A key opens only the door of
 * its purpose, and only while it is not revoked.
 */
@Repository
public class ApiKeys {

    @ChoiceNames("incident.apiKeys.purpose.")
    public enum Purpose { CALL_110, OPEN311 }

    public record KeyHolder(UUID unitId, String unitCode, String unitName, String unitPath, String name, UUID keyId,
            Purpose purpose) {
    }

    /** A key as the key page lists it (never the key itself). */
    public record Key(UUID id, UUID unitId, String unitName, String unitPath, String name, Purpose purpose,
            OffsetDateTime createdAt, String createdBy, OffsetDateTime revokedAt, String revokedBy) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_COLUMNS = """
            SELECT k.id, k.unit_id, u.name AS unit_name, u.path, k.name, k.purpose, k.created_at, c.name AS created_by,
                   k.revoked_at, r.name AS revoked_by
            FROM incident_api_key k JOIN unit u ON u.id = k.unit_id
            LEFT JOIN staff c ON c.id = k.created_by LEFT JOIN staff r ON r.id = k.revoked_by
            """;

    private final JdbcClient jdbc;
    private final ShortLived<String, Object> cache;

    ApiKeys(JdbcClient jdbc, IntakeCaches caches) {
        this.jdbc = jdbc;
        this.cache = caches.keys;
    }

    /** The holder of a 110 centre key. */
    public Optional<KeyHolder> resolve(String key) {
        return resolve(key, Purpose.CALL_110);
    }

    /**
     * The holder of a key of the given purpose that is not revoked. A known key is remembered a few seconds
     * (IntakeCaches; revoking on the key page clears it at once on this instance), so on another instance a
     * revocation takes that long to bite; an unknown one is asked every time (and cannot fill the cache).
     */
    public Optional<KeyHolder> resolve(String key, Purpose purpose) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String hash = hash(key.trim());
        Object known = cache.get(purpose.name() + ":" + hash, h -> lookUp(hash, purpose).orElse(null));
        return Optional.ofNullable((KeyHolder) known);
    }

    private Optional<KeyHolder> lookUp(String hash, Purpose purpose) {
        return jdbc.sql("""
                SELECT u.id, u.code, u.name, u.path, k.name, k.id, k.purpose FROM incident_api_key k
                JOIN unit u ON u.id = k.unit_id
                WHERE k.key_hash = ? AND k.purpose = ? AND k.revoked_at IS NULL""")
                .params(hash, purpose.name())
                .query((rs, n) -> new KeyHolder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), Purpose.valueOf(rs.getString(7))))
                .optional();
    }

    /** Registers a 110 centre key for a unit; a key already there is left as it is. */
    public void register(UUID unitId, String name, String key) {
        register(unitId, name, key, Purpose.CALL_110);
    }

    /** Registers a known key (the demo's) for a unit; a key already there is left as it is. */
    public void register(UUID unitId, String name, String key, Purpose purpose) {
        jdbc.sql("""
                INSERT INTO incident_api_key (key_hash, id, unit_id, name, purpose) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(hash(key), UUID.randomUUID(), unitId, name, purpose.name()).update();
    }

    /** A new random key for a unit; answers the key itself, which is stored nowhere. */
    public Created create(UUID unitId, String name, Purpose purpose, UUID createdBy) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String key = "fq_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO incident_api_key (key_hash, id, unit_id, name, purpose, created_by) VALUES (?, ?, ?, ?, ?, ?)")
                .params(hash(key), id, unitId, name, purpose.name(), createdBy).update();
        return new Created(id, key);
    }

    public record Created(UUID id, String key) {
    }

    /** The keys of the units under the scope patterns, the live ones first, newest first. */
    public List<Key> list(String[] scopePatterns) {
        return jdbc.sql(KEY_COLUMNS + """
                WHERE u.path LIKE ANY(CAST(:scope AS text[]))
                ORDER BY (k.revoked_at IS NULL) DESC, k.created_at DESC, k.id""")
                .param("scope", scopePatterns).query(ApiKeys::map).list();
    }

    /** The key if it belongs to a unit under the scope patterns; null patterns see all. */
    public Optional<Key> findVisible(UUID id, String[] scopePatterns) {
        return jdbc.sql(KEY_COLUMNS + " WHERE k.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))")
                .param("id", id).param("scope", scopePatterns).query(ApiKeys::map).optional();
    }

    /** Revokes a key; answers whether it was live. */
    /** Revokes a key; this instance forgets the keys it remembered at once, so the key stops working here now. */
    public boolean revoke(UUID id, UUID by) {
        boolean revoked = jdbc.sql("UPDATE incident_api_key SET revoked_at = now(), revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(by, id).update() > 0;
        cache.clear();
        return revoked;
    }

    private static Key map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Key(rs.getObject("id", UUID.class), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("path"), rs.getString("name"), Purpose.valueOf(rs.getString("purpose")),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("created_by"),
                rs.getObject("revoked_at", OffsetDateTime.class), rs.getString("revoked_by"));
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
