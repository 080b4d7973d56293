package app.tickler.followup;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonFormat;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;

/**
 * A contact, lead or deal working through a cadence. {@code stepPosition} is the step whose follow-up
 * is open; once it equals {@code steps} the enrolment nurtures.
 *
 * @param endAttempt the target's attempt number when the enrolment ended
 */
public record Enrolment(EnrolmentId id, CadenceId cadenceId, String cadenceName, ContactId contactId,
        String contactName, @JsonFormat(shape = JsonFormat.Shape.STRING) Long leadId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Long dealId, AccountId accountId, UserId ownerId,
        String ownerName, EnrolmentStatus status, LocalDate startedOn, int stepPosition, int steps,
        EnrolmentEndReason endReason, String endNote, Integer endAttempt, UserId endedBy, Instant endedAt,
        long version, Instant createdAt) {

    public boolean isActive() {
        return status == EnrolmentStatus.ACTIVE;
    }

    public boolean nurturing() {
        return stepPosition >= steps;
    }
}
