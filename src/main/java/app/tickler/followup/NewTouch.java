package app.tickler.followup;

import java.time.Instant;
import java.util.List;

import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.party.CustomerLevel;

/**
 * A touch to log. {@code occurredAt} defaults to now, {@code direction} to OUTBOUND, {@code reached}
 * to false for outbound and true for inbound touches. {@code newLevel} sets the account's customer
 * level in the same transaction; {@code stage} moves the deal (through {@link SalesHooks});
 * {@code readyToBuy} ends the target's enrolment and moves the lead or deal forward.
 */
public record NewTouch(Instant occurredAt, Channel channel, Direction direction, AccountId accountId,
        List<ContactId> contactIds, Long leadId, Long dealId, BusinessReasonId reasonId, String notes, Boolean reached,
        Outcome outcome, CustomerLevel newLevel, String stage, Boolean readyToBuy) {

    public static NewTouch of(Channel channel, AccountId account, List<ContactId> contacts) {
        return new NewTouch(null, channel, null, account, contacts, null, null, null, null, null, null, null, null, null);
    }
}
