package app.tickler.party;

/**
 * An account or contact is gone for good — purged from the trash after 30 days, or a person erased
 * on request (right to be forgotten). Modules delete what they hold about it. One id is set.
 */
public record PartyRemoved(AccountId account, ContactId contact, boolean erasure) {
}
