package app.tickler.sales;

import java.time.LocalDate;

/** An invoice of a won deal that was paid: the day, the amount in minor units and its currency. */
public record PaidInvoice(LocalDate paidOn, long amountMinor, String currency) {
}
