package app.tickler.party;

import java.util.List;

import app.tickler.identity.UserId;

/**
 * A benchmark workspace was filled with generated accounts and contacts; other modules add their
 * generated records (deals, touches, follow-ups) to the same workspace when they receive it.
 */
public record PartiesGenerated(long workspaceId, List<Long> accountIds, List<Long> contactIds, List<UserId> reps,
        long seed) {
}
