package app.tickler.sales;

import app.tickler.party.AccountId;
import app.tickler.party.ContactId;

/** A qualified lead became an account and a contact, and a deal when one was asked for ({@code deal} may be null). */
public record LeadConverted(LeadId lead, AccountId account, ContactId contact, DealId deal) {
}
