package app.tickler.sales;

/** A deal was removed for good (an import undone); other modules drop what they planned for it. */
public record DealRemoved(DealId deal) {
}
