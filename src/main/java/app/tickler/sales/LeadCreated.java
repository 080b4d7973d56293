package app.tickler.sales;

import app.tickler.identity.UserId;

/** A lead came in; {@code owner} is null when it went to the pool, {@code referredBy} names a referring colleague. */
public record LeadCreated(LeadId lead, LeadSource source, UserId owner, UserId referredBy) {
}
