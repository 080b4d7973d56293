package app.tickler.party;

/**
 * A person or an organisation asked not to be contacted. Modules that plan touches end every plan for
 * them in the same transaction. Exactly one of the two ids is set.
 */
public record DoNotContactMarked(AccountId account, ContactId contact, String reason) {
}
