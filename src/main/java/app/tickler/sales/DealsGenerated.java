package app.tickler.sales;

import java.util.List;

import app.tickler.party.PartiesGenerated;

/**
 * The benchmark generator added its deals to a generated workspace (none unless asked for); the
 * follow-up engine adds touches and follow-ups on top when it receives this.
 */
public record DealsGenerated(PartiesGenerated parties, List<GeneratedDeal> deals) {

    /** One generated deal; {@code accountIndex} indexes {@link PartiesGenerated#accountIds()}. */
    public record GeneratedDeal(long id, int accountIndex, long ownerId, DealStatus status, long amountMinor,
            long createdAt, Long closedAt) {
    }
}
