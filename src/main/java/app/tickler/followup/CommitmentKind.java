package app.tickler.followup;

/** A promise made to a customer, or a returned-call request (voicemail) due the same business day. */
public enum CommitmentKind {
    PROMISE, CALLBACK
}
