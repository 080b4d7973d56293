package app.tickler.sales;

import java.time.LocalDate;

import app.tickler.party.AccountId;

/**
 * An invoice of a won deal was paid. {@code dealFullyPaid} is true when it was the last open one:
 * the payment is collected, which completes the seven-element cycle (seed 003 element 7).
 */
public record PaymentReceived(PaymentId payment, DealId deal, AccountId account, long amountMinor, String currency,
        LocalDate paidOn, boolean dealFullyPaid) {
}
