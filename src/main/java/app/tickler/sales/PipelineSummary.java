package app.tickler.sales;

import java.util.List;

/** A pipeline and its stages in order, as other modules see them. */
public record PipelineSummary(PipelineId id, String name, boolean isDefault, boolean archived,
        List<StageSummary> stages, long version) {

    public PipelineSummary {
        stages = List.copyOf(stages);
    }
}
