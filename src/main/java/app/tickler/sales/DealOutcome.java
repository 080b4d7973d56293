package app.tickler.sales;

import java.time.LocalDate;

/**
 * How a deal that closed before it came to Tickler ended (an import of a CRM's history): {@code WON} or
 * {@code LOST} on {@code closedOn}, having entered its stage on {@code enteredOn} (null: the close day).
 * A won deal's invoice as the file says: {@code paid} true, one invoice of the amount won, paid on
 * {@code paidOn} (null: the close day); false, one open invoice due after the payment terms from the close
 * day; null, none. A lost deal's {@code lostReason} names one of the workspace's lost reasons (any case);
 * any other text, or none, takes the reason "Other" (one of a new workspace's reasons), the text kept as the
 * note. A workspace without an active "Other" refuses it, naming the reasons it has: a lost deal has a
 * reason, as when it is lost in Tickler.
 */
public record DealOutcome(DealStatus status, LocalDate closedOn, LocalDate enteredOn, String lostReason, Boolean paid,
        LocalDate paidOn) {
}
