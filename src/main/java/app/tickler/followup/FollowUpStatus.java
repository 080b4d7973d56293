package app.tickler.followup;

/** OPEN until done (a touch was logged), skipped with a reason, or cancelled by a stop rule. */
public enum FollowUpStatus {
    OPEN, DONE, SKIPPED, CANCELLED
}
