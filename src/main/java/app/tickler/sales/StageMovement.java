package app.tickler.sales;

/**
 * What a stage move means (seed 003): forward is progress, backward a demotion. Judged by the stage
 * order at the time of the move and stored, so that reordering stages later keeps history true.
 */
public enum StageMovement {
    /** The deal's first stage. */
    ENTERED,
    PROGRESSED,
    DEMOTED,
    /** Moved to a stage of another pipeline: neither forward nor backward. */
    TRANSFERRED;

    static StageMovement of(Pipeline.Stage from, Pipeline.Stage to) {
        if (from == null) {
            return ENTERED;
        }
        if (!from.pipelineId().equals(to.pipelineId())) {
            return TRANSFERRED;
        }
        if (to.position() == from.position()) {
            throw new IllegalArgumentException("a move needs two different stages");
        }
        return to.position() > from.position() ? PROGRESSED : DEMOTED;
    }
}
