package app.tickler.sales;

import java.time.Instant;

/**
 * A deal moved from one stage to another ({@code from} null when it entered its first stage).
 * {@code progressed} is true for a move forward, false for a demotion or a move to another pipeline.
 */
public record DealStageChanged(DealId deal, StageId from, StageId to, boolean progressed, Instant at) {
}
