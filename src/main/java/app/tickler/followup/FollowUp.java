package app.tickler.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonFormat;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.party.CustomerLevel;

/**
 * A planned touch. {@code dueDate} and {@code dueTime} are in {@code timeZone}, the assignee's zone
 * when it was planned; {@code dueAt} is the same moment as an instant (the end of the day without a time).
 *
 * @param level the customer level of the account, for the queue's order
 * @param dealAmount the deal's amount in minor units when the sales module knows it
 */
public record FollowUp(FollowUpId id, UserId assigneeId, String assigneeName, LocalDate dueDate, LocalTime dueTime,
        ZoneId timeZone, Instant dueAt, Channel channel, BusinessReasonId reasonId, String reasonName,
        String instructions, AccountId accountId, String accountName, CustomerLevel level, ContactId contactId,
        String contactName, @JsonFormat(shape = JsonFormat.Shape.STRING) Long leadId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Long dealId, Long dealAmount, FollowUpOrigin origin,
        Priority priority, FollowUpStatus status, EnrolmentId enrolmentId, Integer stepPosition,
        CommitmentId commitmentId, TouchId touchId, String closedNote, Instant closedAt, int snoozes, long version,
        Instant createdAt, Instant updatedAt) {

    public boolean isOpen() {
        return status == FollowUpStatus.OPEN;
    }

    public boolean overdueOn(LocalDate today) {
        return isOpen() && dueDate.isBefore(today);
    }

    public long daysOverdue(LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(dueDate, today));
    }

    /** What to call it in lists and calendars: "Call Ann Baker (Roofs Ltd)". */
    public String subjectName() {
        if (contactName != null && accountName != null) {
            return contactName + " (" + accountName + ")";
        }
        return contactName != null ? contactName : accountName != null ? accountName : "";
    }
}
