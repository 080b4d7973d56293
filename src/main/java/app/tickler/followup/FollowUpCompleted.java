package app.tickler.followup;

import java.time.Instant;

import app.tickler.identity.UserId;

/** A follow-up was done: {@code touch} is the touch logged for it; {@code onTime} unless it was overdue. */
public record FollowUpCompleted(FollowUpId followUp, TouchId touch, UserId assignee, FollowUpOrigin origin,
        boolean onTime, Instant at) {
}
