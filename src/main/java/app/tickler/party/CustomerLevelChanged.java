package app.tickler.party;

/** An account's customer level was set or reassessed ({@code from} may equal {@code to} on a reassessment). */
public record CustomerLevelChanged(AccountId account, CustomerLevel from, CustomerLevel to, String reason) {
}
