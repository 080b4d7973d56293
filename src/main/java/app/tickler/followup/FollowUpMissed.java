package app.tickler.followup;

import java.time.LocalDate;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;

/** A follow-up passed its due moment while still open: it is overdue (and stays visible until dealt with). */
public record FollowUpMissed(FollowUpId followUp, UserId assignee, AccountId account, ContactId contact,
        LocalDate dueDate) {
}
