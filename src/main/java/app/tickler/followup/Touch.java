package app.tickler.followup;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.party.CustomerLevel;

/**
 * One interaction that happened.
 *
 * @param response whether the customer responded in it (inbound, or reached): it ends the chase
 * @param attempt its number in the chase: outbound touches since the customer last responded,
 *        counting this one; 0 for an inbound touch
 * @param levelSet the customer level applied to the account with the touch, if any
 * @param imported whether it came with an imported activity history rather than being logged in Tickler
 */
public record Touch(TouchId id, Instant occurredAt, Channel channel, Direction direction, AccountId accountId,
        String accountName, List<ContactRef> contacts, @JsonFormat(shape = JsonFormat.Shape.STRING) Long leadId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Long dealId, BusinessReasonId reasonId, String reasonName,
        boolean valueAdding, String notes, boolean reached, boolean response, Outcome outcome, CustomerLevel levelSet,
        int attempt, UserId loggedById, String loggedByName, FollowUpId followUpId, EnrolmentId enrolmentId,
        Instant createdAt, boolean imported) {

    public record ContactRef(ContactId id, String name) {
    }

    public List<ContactId> contactIds() {
        return contacts.stream().map(ContactRef::id).toList();
    }
}
