package app.tickler.party;

/** Duplicate account {@code from} was merged into {@code into}: point every reference at {@code into}. */
public record AccountsMerged(AccountId from, AccountId into) {
}
