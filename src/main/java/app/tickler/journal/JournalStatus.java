package app.tickler.journal;

/** A journal entry is written (DRAFT), handed in (SUBMITTED), then read by a manager (REVIEWED). */
public enum JournalStatus {
    DRAFT, SUBMITTED, REVIEWED
}
