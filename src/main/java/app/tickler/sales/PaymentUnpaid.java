package app.tickler.sales;

import java.time.LocalDate;

import app.tickler.party.AccountId;

/** A payment marked by mistake was undone: the invoice paid on {@code paidOn} is open again. */
public record PaymentUnpaid(PaymentId payment, DealId deal, AccountId account, long amountMinor, String currency,
        LocalDate paidOn) {
}
