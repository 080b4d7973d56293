package app.tickler.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import com.fasterxml.jackson.annotation.JsonFormat;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;

/**
 * A promise made to a customer ("send the quote by Friday") or a call to return, with its owner and
 * due date; an open follow-up of the owner tracks it. {@code broken}: still open after its due date.
 */
public record Commitment(CommitmentId id, CommitmentKind kind, String description, UserId ownerId, String ownerName,
        LocalDate dueDate, ZoneId timeZone, AccountId accountId, ContactId contactId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Long leadId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Long dealId, TouchId touchId, FollowUpId followUpId,
        CommitmentStatus status, boolean broken, Instant keptAt, long version, Instant createdAt) {
}
