package app.tickler.sales;

import java.time.Instant;
import java.util.List;

import app.tickler.party.AccountId;

/**
 * A deal that was won or lost before it came to Tickler was recorded (an import): history, not news.
 * Unlike {@link DealWon} and {@link DealLost} nothing is due because of it now — no onboarding plan, no
 * journal line, no closing attempt — so it is announced apart; what it adds to the history (the
 * {@code moves} it made, the invoice {@code paid}) is given for what other modules count.
 */
public record ClosedDealRecorded(DealId deal, AccountId account, DealStatus status, Instant closedAt, long amountMinor,
        String currency, List<StageMove> moves, List<PaidInvoice> paid) {

    public ClosedDealRecorded {
        moves = List.copyOf(moves);
        paid = List.copyOf(paid);
    }
}
