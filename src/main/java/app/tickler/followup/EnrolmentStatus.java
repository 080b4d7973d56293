package app.tickler.followup;

public enum EnrolmentStatus {
    ACTIVE, ENDED
}
