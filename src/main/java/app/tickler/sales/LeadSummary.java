package app.tickler.sales;

import java.time.Instant;

import app.tickler.identity.UserId;

/** A lead as other modules see it. {@code ownerId} is null while the lead is in the pool. */
public record LeadSummary(LeadId id, String name, String company, String email, String phone, UserId ownerId,
        LeadStatus status, Instant lastActivityAt) {
}
