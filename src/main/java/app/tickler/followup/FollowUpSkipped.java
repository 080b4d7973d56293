package app.tickler.followup;

import app.tickler.identity.UserId;

/** A follow-up was skipped, with the reason given. */
public record FollowUpSkipped(FollowUpId followUp, UserId assignee, FollowUpOrigin origin, String reason) {
}
