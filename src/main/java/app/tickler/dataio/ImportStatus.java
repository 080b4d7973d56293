package app.tickler.dataio;

/** PENDING: uploaded, waiting for its mapping; QUEUED and RUNNING: in the background; then one of the ends. */
public enum ImportStatus {
    PENDING, QUEUED, RUNNING, DONE, FAILED, CANCELLED, UNDOING, UNDONE;

    public boolean active() {
        return this == QUEUED || this == RUNNING || this == UNDOING;
    }

    public boolean undoable() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }
}
