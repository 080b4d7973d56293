package app.tickler.sales;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A pipeline with its stages in order, retired ones included (their history stays readable). */
record Pipeline(PipelineId id, String name, String template, boolean isDefault, StageId repeatStageId, int position,
        boolean archived, List<Stage> stages, long version, Instant createdAt, Instant updatedAt) {

    /**
     * @param collectsPayment reached by a won deal when its payments are collected, never by hand
     */
    record Stage(StageId id, PipelineId pipelineId, String name, int position, int probability, Integer idleDays,
            boolean collectsPayment, boolean retired, long version) {

        public StageSummary summary() {
            return new StageSummary(id, name, position, probability, idleDays, retired);
        }

        /** Whether a deal can be put here by a person or a rule (retired and payment stages cannot). */
        public boolean takesDeals() {
            return !retired && !collectsPayment;
        }
    }

    Pipeline {
        stages = List.copyOf(stages);
    }

    public Optional<Stage> stage(StageId stage) {
        return stages.stream().filter(s -> s.id().equals(stage)).findFirst();
    }

    public List<Stage> activeStages() {
        return stages.stream().filter(s -> !s.retired()).toList();
    }

    /** The first stage that takes deals: where new business enters. */
    public Stage firstStage() {
        return stages.stream().filter(Stage::takesDeals).findFirst()
                .orElseThrow(() -> new IllegalStateException("pipeline " + name + " has no stage taking deals"));
    }

    /** The last stage that takes deals: where a deal that closed elsewhere, in no stage of ours, closes. */
    public Stage lastStage() {
        return stages.stream().filter(Stage::takesDeals).reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("pipeline " + name + " has no stage taking deals"));
    }

    /** Where repeat proposals enter: the chosen stage, or the first stage that takes deals. */
    public Stage repeatStage() {
        return stages.stream().filter(s -> s.id().equals(repeatStageId) && s.takesDeals()).findFirst()
                .orElseGet(this::firstStage);
    }

    /** The next stage after {@code current} that takes deals, if any. */
    Optional<Stage> after(StageId current) {
        int position = stage(current).map(Stage::position).orElse(Integer.MIN_VALUE);
        return stages.stream().filter(s -> s.position() > position && s.takesDeals()).findFirst();
    }

    Optional<Stage> paymentStage() {
        return stages.stream().filter(s -> s.collectsPayment() && !s.retired()).findFirst();
    }

    PipelineSummary summary() {
        return new PipelineSummary(id, name, isDefault, archived,
                stages.stream().map(Stage::summary).toList(), version);
    }
}
