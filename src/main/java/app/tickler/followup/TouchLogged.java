package app.tickler.followup;

import java.time.Instant;
import java.util.List;

import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;

/** A touch was logged (lead and deal are sales ids, null when none). Published in the logging transaction. */
public record TouchLogged(TouchId touch, AccountId account, List<ContactId> contacts, Long lead, Long deal,
        Channel channel, Outcome outcome, int attempt, Instant at) {
}
