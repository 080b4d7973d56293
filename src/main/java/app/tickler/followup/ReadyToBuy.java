package app.tickler.followup;

import java.util.List;

import app.tickler.party.ContactId;

/** Internal: a touch said the customer is ready to buy; their enrolments end. */
record ReadyToBuy(List<ContactId> contacts, Long lead, Long deal) {
}
