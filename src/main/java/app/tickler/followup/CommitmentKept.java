package app.tickler.followup;

import app.tickler.identity.UserId;

/** A commitment was kept; {@code onTime} unless it had been broken before. */
public record CommitmentKept(CommitmentId commitment, UserId owner, boolean onTime) {
}
