package app.tickler.sales;

import java.time.Instant;
import java.time.LocalDate;

import app.tickler.party.AccountId;

/** An invoice of a won deal: its amount and due date, and when it was paid. */
record Payment(PaymentId id, DealId dealId, AccountId accountId, long amountMinor, String currency, LocalDate dueOn,
        LocalDate paidOn, String reference, long version, Instant createdAt, Instant updatedAt) {

    public boolean paid() {
        return paidOn != null;
    }

    public boolean overdue(LocalDate today) {
        return !paid() && dueOn.isBefore(today);
    }
}
