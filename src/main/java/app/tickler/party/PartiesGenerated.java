package app.tickler.party;

import java.util.List;

import app.tickler.identity.UserId;

/**
 * A benchmark workspace was filled with generated accounts and contacts; other modules add their
 * generated records (deals, touches, follow-ups) to the same workspace when they receive it.
 * Contacts are spread evenly over the accounts in order: the buying centre of the account at index
 * {@code a} is the contacts from {@link #firstContactOf(int)} up to the next account's first.
 */
public record PartiesGenerated(long workspaceId, List<Long> accountIds, List<Long> contactIds, List<UserId> reps,
        long seed) {

    /** The index of the account whose buying centre holds the contact at {@code contactIndex}. */
    public int accountOf(int contactIndex) {
        return (int) ((long) contactIndex * accountIds.size() / Math.max(contactIds.size(), 1));
    }

    /** The index of the first contact of the account at {@code accountIndex}, or -1 when it has none. */
    public int firstContactOf(int accountIndex) {
        long first = ((long) accountIndex * contactIds.size() + accountIds.size() - 1) / Math.max(accountIds.size(), 1);
        return first < contactIds.size() && accountOf((int) first) == accountIndex ? (int) first : -1;
    }
}
