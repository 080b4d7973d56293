package app.tickler.followup;

/** A valid business reason for a touch (seed 004: pricing update, new product, seasonal…). */
public record BusinessReason(BusinessReasonId id, String name, boolean valueAdding, int position, boolean archived,
        long version) {
}
