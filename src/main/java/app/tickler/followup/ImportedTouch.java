package app.tickler.followup;

import java.time.Instant;
import java.util.List;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;

/**
 * A touch of an imported activity history: it happened at {@code occurredAt}, before Tickler knew of
 * it, and was made by {@code loggedBy} (null: the importer; a colleague deactivated since may be named).
 * {@code direction} defaults to OUTBOUND, {@code reached} to true for inbound and false for outbound
 * touches; {@code leadId} and {@code dealId} are sales ids. The caller has checked that the importer may
 * see the account, contacts, lead and deal.
 */
public record ImportedTouch(Instant occurredAt, Channel channel, Direction direction, AccountId accountId,
        List<ContactId> contactIds, Long leadId, Long dealId, String notes, Boolean reached, Outcome outcome,
        UserId loggedBy) {

    public ImportedTouch {
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
    }
}
