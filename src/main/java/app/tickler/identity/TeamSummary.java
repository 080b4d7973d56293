package app.tickler.identity;

/**
 * A team with how many active users it has ({@code members}) and how many deactivated ones; the latter
 * still belong to it, so a team with any is not deleted.
 */
public record TeamSummary(TeamId id, String name, int members, int deactivatedMembers, long version) {
}
