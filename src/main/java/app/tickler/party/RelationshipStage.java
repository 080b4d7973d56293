package app.tickler.party;

/** Where a customer stands in the customer relationship cycle. */
public enum RelationshipStage {
    /** Initial contact through demonstration. */
    SKEPTICISM,
    /** Close of the sale. */
    PEAK_OF_INTEREST,
    /** After the sale, when the relationship wanes unless kept up. */
    DISILLUSIONMENT,
    /** Implementation, with continued engagement. */
    ENLIGHTENMENT,
    /** Satisfaction and loyalty. */
    REALIZED_VALUE
}
