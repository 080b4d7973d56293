package app.tickler.followup;

/** OPEN until kept (its follow-up was done) or cancelled; an open one past its due date is broken. */
public enum CommitmentStatus {
    OPEN, KEPT, CANCELLED
}
