package app.tickler.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Personal API tokens: {@code tkl_<workspace>_<id>_<secret>}. The workspace and id locate the row
 * without a global lookup; only a SHA-256 of the secret is stored, and the token is shown once.
 */
@Service
class ApiTokens {

    private static final String PREFIX = "tkl_";
    private static final long TOUCH_INTERVAL_MILLIS = 60_000;

    static final class TokenNotFound extends NotFound {
        TokenNotFound(long id) {
            super("API token", id);
        }
    }

    /** A token as listed; the secret is never shown again. */
    record TokenView(ApiTokenId id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** The answer to issuing a token: the only time {@code token} is visible. */
    record IssuedToken(ApiTokenId id, String name, String token, Instant createdAt) {
    }

    private static final RowMapper<TokenView> VIEW = (rs, n) -> new TokenView(new ApiTokenId(rs.getLong("id")),
            rs.getString("name"), Rows.instant(rs, "created_at"), Rows.nullableInstant(rs, "last_used_at"),
            Rows.nullableInstant(rs, "revoked_at"));

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final ActorResolver actors;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, IdGenerator ids, Clock clock, AuditLog audit, ActorResolver actors) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.actors = actors;
    }

    @Transactional
    IssuedToken issue(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new InvalidInput("name", "is required, e.g. the integration that will use the token");
        }
        if (clean.length() > 100) {
            throw new InvalidInput("name", "must have at most 100 characters");
        }
        Actor actor = Actors.current();
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        long id = ids.next();
        long now = clock.millis();
        jdbc.sql("""
                INSERT INTO api_tokens (workspace_id, id, user_id, name, secret_hash, created_at)
                VALUES (:workspace, :id, :user, :name, :hash, :now)
                """).param("workspace", actor.workspaceId()).param("id", id).param("user", actor.userId())
                .param("name", clean).param("hash", sha256(secret)).param("now", now).update();
        audit.record("apiToken", id, "issued", Map.of("name", new Change(null, clean)));
        return new IssuedToken(new ApiTokenId(id), clean,
                PREFIX + actor.workspaceId() + "_" + id + "_" + secret, Instant.ofEpochMilli(now));
    }

    /** The caller's own tokens, newest first; a user has a handful. */
    List<TokenView> mine() {
        Actor actor = Actors.current();
        return jdbc.sql("""
                SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
                WHERE workspace_id = :workspace AND user_id = :user ORDER BY id DESC LIMIT 500
                """).param("workspace", actor.workspaceId()).param("user", actor.userId()).query(VIEW).list();
    }

    @Transactional
    void revoke(long id) {
        Actor actor = Actors.current();
        int updated = jdbc.sql("""
                UPDATE api_tokens SET revoked_at = :now
                WHERE workspace_id = :workspace AND id = :id AND user_id = :user AND revoked_at IS NULL
                """).param("now", clock.millis()).param("workspace", actor.workspaceId()).param("id", id)
                .param("user", actor.userId()).update();
        if (updated == 0) {
            throw new TokenNotFound(id);
        }
        audit.record("apiToken", id, "revoked", Map.of("revoked", new Change(false, true)));
    }

    /**
     * Revokes every live token of a user, in the caller's transaction: a deactivated user's tokens stay
     * dead even if the user is reactivated later.
     */
    @Transactional
    void revokeAllOf(long userId) {
        Actor actor = Actors.current();
        List<Long> live = jdbc.sql("""
                SELECT id FROM api_tokens WHERE workspace_id = :workspace AND user_id = :user AND revoked_at IS NULL
                """).param("workspace", actor.workspaceId()).param("user", userId).query(Long.class).list();
        long now = clock.millis();
        for (long id : live) {
            jdbc.sql("UPDATE api_tokens SET revoked_at = :now WHERE workspace_id = :workspace AND id = :id")
                    .param("now", now).param("workspace", actor.workspaceId()).param("id", id).update();
            audit.record("apiToken", id, "revoked", Map.of("revoked", new Change(false, true)));
        }
    }

    /** The principal a bearer token stands for, if the token is genuine, unrevoked and its user active. */
    Optional<SignedInUser> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = token.substring(PREFIX.length()).split("_", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        long workspace;
        long id;
        try {
            workspace = Long.parseLong(parts[0]);
            id = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        record Stored(long userId, String hash, Long revokedAt, Long lastUsedAt) {
        }
        Optional<Stored> stored = jdbc.sql("""
                SELECT user_id, secret_hash, revoked_at, last_used_at FROM api_tokens
                WHERE workspace_id = :workspace AND id = :id
                """).param("workspace", workspace).param("id", id)
                .query((rs, n) -> new Stored(rs.getLong("user_id"), rs.getString("secret_hash"),
                        Rows.nullableLong(rs, "revoked_at"), Rows.nullableLong(rs, "last_used_at")))
                .optional();
        if (stored.isEmpty() || stored.get().revokedAt() != null || !MessageDigest.isEqual(
                stored.get().hash().getBytes(StandardCharsets.US_ASCII), sha256(parts[2]).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Optional<SignedInUser> principal = actors.refresh(workspace, stored.get().userId(), null);
        long now = clock.millis();
        if (principal.isPresent() && (stored.get().lastUsedAt() == null
                || now - stored.get().lastUsedAt() > TOUCH_INTERVAL_MILLIS)) {
            // recorded at most once a minute, so that API reads do not all become writes
            jdbc.sql("UPDATE api_tokens SET last_used_at = :now WHERE workspace_id = :workspace AND id = :id")
                    .param("now", now).param("workspace", workspace).param("id", id).update();
        }
        return principal;
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
