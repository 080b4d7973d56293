package app.tickler.sales;

/** Won and lost are outcomes, not stages. */
public enum DealStatus {
    OPEN, WON, LOST
}
