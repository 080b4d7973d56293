package app.tickler.followup;

import java.time.LocalDate;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;

/** A promise or callback was recorded. */
public record CommitmentMade(CommitmentId commitment, CommitmentKind kind, UserId owner, LocalDate due,
        AccountId account, ContactId contact) {
}
