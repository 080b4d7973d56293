package app.tickler.platform.security;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * Who is acting: the signed-in user (or a scheduled job acting for a workspace), resolved fresh on
 * every request. Every repository takes its workspace from here, never from request input.
 *
 * @param teamOwners for a REP, the ids of the users whose records they work: themselves and their team
 * @param openVisibility whether the workspace lets everyone read every record
 */
public record Actor(long workspaceId, long userId, String displayName, Role role, Long teamId, ZoneId zone,
        Set<Long> teamOwners, boolean openVisibility) implements Serializable {

    /** A scheduled job's actor; it may do anything within its workspace and never acts as a user. */
    public static Actor system(long workspaceId, ZoneId zone) {
        return new Actor(workspaceId, 0L, "Tickler", Role.ADMIN, null, zone, Set.of(), true);
    }

    public Actor {
        teamOwners = Set.copyOf(teamOwners);
    }

    public boolean isSystem() {
        return userId == 0L;
    }

    public boolean is(Role candidate) {
        return role == candidate;
    }

    public boolean isManagerOrAdmin() {
        return role == Role.ADMIN || role == Role.MANAGER;
    }

    /** Whether the caller may read a record owned by {@code ownerId} (null: unowned). */
    public boolean canRead(Long ownerId) {
        return role != Role.REP || openVisibility || ownerId == null || teamOwners.contains(ownerId);
    }

    /** Whether the caller may change a record owned by {@code ownerId} (null: unowned). */
    public boolean canWrite(Long ownerId) {
        return switch (role) {
            case ADMIN, MANAGER -> true;
            case REP -> ownerId == null || teamOwners.contains(ownerId);
            case STAFF -> false;
        };
    }

    /** "Today" is a date in the user's time zone, not in UTC. */
    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zone));
    }
}
