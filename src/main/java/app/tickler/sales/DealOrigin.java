package app.tickler.sales;

/** A repeat proposal born from follow-up skips qualification and prospecting (seed 000). */
public enum DealOrigin {
    NEW_BUSINESS, REPEAT
}
