package app.tickler.followup;

import app.tickler.identity.UserId;

/** A follow-up was planned for {@code assignee} (by {@code plannedBy}, null for the system). */
public record FollowUpPlanned(FollowUpId followUp, UserId assignee, FollowUpOrigin origin, UserId plannedBy) {
}
