package app.tickler.identity;

/** A team and how many active users it has. */
public record TeamSummary(TeamId id, String name, int members, long version) {
}
