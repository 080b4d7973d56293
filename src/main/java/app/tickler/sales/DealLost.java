package app.tickler.sales;

import java.time.Instant;

import app.tickler.party.AccountId;

/** A deal was lost; {@code reason} is the label of the lost reason chosen. */
public record DealLost(DealId deal, AccountId account, String reason, Instant at) {
}
