package app.tickler.journal;

/** What a line of the journal records. */
public enum JournalItemKind {
    TOUCH, LEVEL_CHANGE, RELATIONSHIP_STAGE, STAGE_MOVE, DEAL_WON, DEAL_LOST, FOLLOW_UP_DONE, FOLLOW_UP_SKIPPED,
    FOLLOW_UP_SNOOZED, FOLLOW_UP_MISSED, PROMISE_KEPT, PROMISE_BROKEN
}
