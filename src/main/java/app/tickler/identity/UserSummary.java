package app.tickler.identity;

import java.time.Instant;

import app.tickler.platform.security.Role;

/** A user as colleagues and the API see them. {@code timeZone} is null when the workspace's applies. */
public record UserSummary(UserId id, String email, String displayName, Role role, TeamId teamId, String teamName,
        String timeZone, boolean active, long version, Instant createdAt, Instant updatedAt) {
}
