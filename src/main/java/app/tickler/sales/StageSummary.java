package app.tickler.sales;

/**
 * A stage of a pipeline: its default probability and the days without activity after which a deal
 * in it is idle ({@code idleDays} null: never).
 */
public record StageSummary(StageId id, String name, int position, int probability, Integer idleDays,
        boolean retired) {
}
