package app.tickler.sales;

import java.util.List;

/**
 * The pipelines shipped with Tickler, named and staged as the seeds describe the sales cycle. A
 * workspace gets all three; the five-phase cycle is its default.
 */
enum PipelineTemplate {

    /** Seed 000: the outcome of follow-up feeds new proposals, skipping qualification and prospecting. */
    FIVE_PHASE("Five-phase cycle", List.of(
            new StageTemplate("Qualification", 10, 14, false, false),
            new StageTemplate("Prospecting", 25, 21, false, false),
            new StageTemplate("Proposal", 50, 14, false, true),
            new StageTemplate("Closing", 80, 7, false, false),
            new StageTemplate("Follow-up", 90, 30, false, false))),

    /** Seed 003: the seven elements, the last reached when a won deal's payment is collected. */
    SEVEN_ELEMENTS("Seven elements", List.of(
            new StageTemplate("Identify lead", 5, 14, false, false),
            new StageTemplate("Non-key people", 15, 21, false, false),
            new StageTemplate("Key people", 30, 21, false, false),
            new StageTemplate("Product criteria", 45, 14, false, false),
            new StageTemplate("Program design", 60, 14, false, true),
            new StageTemplate("Ask for contract", 80, 7, false, false),
            new StageTemplate("Payment collected", 100, null, true, false))),

    /** Seed 002: from prospecting to lifecycle management, which comes back to proposing. */
    FULL_LIFECYCLE("Full lifecycle", List.of(
            new StageTemplate("Prospecting", 10, 21, false, false),
            new StageTemplate("Proposing", 40, 14, false, true),
            new StageTemplate("Closing & execution", 80, 7, false, false),
            new StageTemplate("Maintenance", 95, 60, false, false),
            new StageTemplate("Lifecycle management", 95, 90, false, false)));

    /**
     * @param repeatEntry where a repeat proposal enters the pipeline
     * @param collectsPayment reached by a won deal once its payments are collected
     */
    record StageTemplate(String name, int probability, Integer idleDays, boolean collectsPayment, boolean repeatEntry) {
    }

    private final String title;
    private final List<StageTemplate> stages;

    PipelineTemplate(String title, List<StageTemplate> stages) {
        this.title = title;
        this.stages = stages;
    }

    public String title() {
        return title;
    }

    public List<StageTemplate> stages() {
        return stages;
    }
}
