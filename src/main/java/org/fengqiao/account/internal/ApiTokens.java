package org.fengqiao.account.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for API clients: 32 random bytes, handed out once; the database keeps only their
 * SHA-256, so any instance can check a token and a stolen table yields none.
 */
@Component
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final StaffRegister register;
    private final FengqiaoProperties.Security rules;
    private final Clock clock;
    private final PasswordExpiry expiry;

    ApiTokens(JdbcClient jdbc, StaffRegister register, FengqiaoProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.register = register;
        this.rules = properties.security();
        this.clock = clock;
        this.expiry = new PasswordExpiry(rules.passwordMaxAge(), clock);
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(UUID staffId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expires = clock.instant().plus(rules.tokenLifetime());
        jdbc.sql("INSERT INTO api_token (token_hash, staff_id, expires_at) VALUES (?, ?, ?)")
                .params(hash(token), staffId, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC)).update();
        return new Issued(token, expires);
    }

    /** The principal of a valid, unexpired, unrevoked token of an active account. */
    public Optional<StaffPrincipal> resolve(String token) {
        return signing(token).map(this::principal);
    }

    /** The principal a token's holder acts as now, his password's expiry told. */
    StaffPrincipal principal(StaffRegister.Signing signing) {
        return signing.principal(expiry);
    }

    /** The account of a valid, unexpired, unrevoked token of an active account, as it is signed in. */
    Optional<StaffRegister.Signing> signing(String token) {
        return register.byTokenHash(hash(token), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .filter(signing -> signing.row().active())
                .filter(signing -> !signing.row().lockedAt(clock.instant()));
    }

    public void revoke(String token) {
        jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE token_hash = ?").param(hash(token)).update();
        register.forgetHolders();
    }

    /** Every token of a person ends, e.g. when the password changes or the account is disabled. */
    public void revokeAll(UUID staffId) {
        jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE staff_id = ? AND revoked_at IS NULL").param(staffId).update();
        register.forgetHolders();
    }

    static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
