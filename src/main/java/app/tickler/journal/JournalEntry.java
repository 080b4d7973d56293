package app.tickler.journal;

import java.time.Instant;
import java.time.LocalDate;

import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;

/** A rep's journal of one day: the plan for tomorrow, the reflection, and where it is in review. */
public record JournalEntry(JournalEntryId id, UserId userId, String userName, LocalDate day, TeamId teamId,
        String plan, String reflection, JournalStatus status, int itemCount, Instant submittedAt, Instant reviewedAt,
        UserId reviewedById, String reviewedByName, long version, Instant createdAt, Instant updatedAt) {

    public boolean submitted() {
        return status != JournalStatus.DRAFT;
    }
}
