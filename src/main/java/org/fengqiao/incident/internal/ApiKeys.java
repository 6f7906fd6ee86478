package org.fengqiao.incident.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys of the systems that push incidents (the 110 centre), stored as their SHA-256. */
@Repository
public class ApiKeys {

    public record KeyHolder(UUID unitId, String unitCode, String unitName, String unitPath, String name) {
    }

    private final JdbcClient jdbc;
    private final ShortLived<String, Object> cache;

    ApiKeys(JdbcClient jdbc, IntakeCaches caches) {
        this.jdbc = jdbc;
        this.cache = caches.keys;
    }

    /**
     * The holder of a key. A known key is remembered a few seconds (IntakeCaches), so a revocation takes that
     * long to bite; an unknown one is asked every time (and cannot fill the cache).
     */
    public Optional<KeyHolder> resolve(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String hash = hash(key.trim());
        Object known = cache.get(hash, h -> lookUp(h).orElse(null));
        return Optional.ofNullable((KeyHolder) known);
    }

    private Optional<KeyHolder> lookUp(String hash) {
        return jdbc.sql("""
                SELECT u.id, u.code, u.name, u.path, k.name FROM incident_api_key k JOIN unit u ON u.id = k.unit_id
                WHERE k.key_hash = ? AND k.revoked_at IS NULL""")
                .param(hash)
                .query((rs, n) -> new KeyHolder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .optional();
    }

    /** Registers a key for a unit; a key already there is left as it is. */
    public void register(UUID unitId, String name, String key) {
        jdbc.sql("INSERT INTO incident_api_key (key_hash, unit_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(hash(key), unitId, name).update();
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
