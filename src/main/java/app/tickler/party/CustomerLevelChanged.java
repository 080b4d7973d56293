package app.tickler.party;

/** An account's customer level was set or reassessed ({@code from} may equal {@code to} on a reassessment). */
public record CustomerLevelChanged(AccountId account, CustomerLevel from, CustomerLevel to, String reason) {

    /** The reason of the level an account is created with. */
    public static final String ON_CREATION = "set on creation";

    /** The level an account was created with, not a change of an existing customer's level. */
    public boolean onCreation() {
        return from == null && ON_CREATION.equals(reason);
    }
}
