package app.tickler.followup;

import java.time.LocalDate;
import java.time.LocalTime;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;

/**
 * A follow-up to plan. {@code dueDate} and {@code dueTime} (optional) are in {@code timeZone}, by
 * default the assignee's; {@code assigneeId} defaults to the caller; {@code origin} to MANUAL
 * (other modules may plan RENEWAL ones); {@code priority} to NORMAL.
 */
public record NewFollowUp(UserId assigneeId, LocalDate dueDate, LocalTime dueTime, String timeZone, Channel channel,
        BusinessReasonId reasonId, String instructions, AccountId accountId, ContactId contactId, Long leadId,
        Long dealId, FollowUpOrigin origin, Priority priority) {
}
