package app.tickler.sales;

import java.time.Instant;

import app.tickler.party.AccountId;

public record DealWon(DealId deal, AccountId account, long amountMinor, String currency, Instant at) {
}
