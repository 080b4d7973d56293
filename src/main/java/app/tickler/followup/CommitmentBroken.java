package app.tickler.followup;

import java.time.LocalDate;

import app.tickler.identity.UserId;

/** A commitment passed its due date unkept; its owner's managers are told. Published once. */
public record CommitmentBroken(CommitmentId commitment, UserId owner, LocalDate due) {
}
