package app.tickler.sales;

import java.time.Instant;

import app.tickler.identity.UserId;

/** Someone took a lead from the pool (or was given it by round-robin or a manager). */
public record LeadClaimed(LeadId lead, UserId owner, Instant at) {
}
