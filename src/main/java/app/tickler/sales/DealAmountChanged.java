package app.tickler.sales;

/** A deal's amount (or currency) changed: whoever orders work by deal value updates it. */
public record DealAmountChanged(DealId deal, long amountMinor, String currency) {
}
