package app.tickler.sales;

import java.time.Instant;

import app.tickler.identity.UserId;

/** A lead went back to the pool: released by hand, or ({@code idle}) untouched for too long. */
public record LeadReleased(LeadId lead, UserId previousOwner, boolean idle, Instant at) {
}
