package app.tickler.dataio;

/** What a line that matches an existing record does: nothing, update it, or create another record anyway. */
public enum DuplicateMode {
    SKIP, UPDATE, CREATE
}
