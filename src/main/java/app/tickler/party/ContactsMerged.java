package app.tickler.party;

/** Duplicate contact {@code from} was merged into {@code into}: point every reference at {@code into}. */
public record ContactsMerged(ContactId from, ContactId into) {
}
