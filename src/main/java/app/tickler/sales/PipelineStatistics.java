package app.tickler.sales;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import app.tickler.platform.security.Actors;

/**
 * What a pipeline's history says (computed from the stored moves and outcomes): the average cycle
 * length of won deals, the average time in each stage, the win rate and why deals were lost.
 */
@Component
class PipelineStatistics {

    /** {@code barPercent}: the average against the longest stage's, for the chart. */
    record StageTime(StageSummary stage, long moves, double averageDays, int barPercent) {
    }

    record Amount(String currency, long amountMinor) {
    }

    /**
     * @param averageCycleDays days from creation to winning, averaged over the won deals; null when none
     * @param winRatePercent won of all closed deals; null when none closed
     */
    record Statistics(PipelineSummary pipeline, LocalDate since, long won, long lost, Integer winRatePercent,
            List<Amount> wonAmounts, Double averageCycleDays, List<StageTime> timeInStage,
            List<DealRepository.LostCount> lostReasons) {
    }

    private final Pipelines pipelines;
    private final DealRepository deals;
    private final StageHistory history;
    private final Clock clock;

    PipelineStatistics(Pipelines pipelines, DealRepository deals, StageHistory history, Clock clock) {
        this.pipelines = pipelines;
        this.deals = deals;
        this.history = history;
        this.clock = clock;
    }

    Statistics of(PipelineId id, LocalDate since) {
        Pipeline pipeline = pipelines.get(id);
        LocalDate from = since == null ? Actors.current().today(clock).minusYears(1) : since;
        long fromMillis = from.atStartOfDay(Actors.current().zone()).toInstant().toEpochMilli();
        List<DealRepository.Outcomes> outcomes = deals.outcomes(id, fromMillis);
        long won = outcomes.stream().filter(o -> o.status() == DealStatus.WON).mapToLong(DealRepository.Outcomes::count).sum();
        long lost = outcomes.stream().filter(o -> o.status() == DealStatus.LOST).mapToLong(DealRepository.Outcomes::count).sum();
        long wonCycle = outcomes.stream().filter(o -> o.status() == DealStatus.WON)
                .mapToLong(DealRepository.Outcomes::totalCycleMillis).sum();
        List<Amount> amounts = outcomes.stream().filter(o -> o.status() == DealStatus.WON)
                .map(o -> new Amount(o.currency(), o.amountMinor())).toList();
        Map<StageId, StageHistory.TimeInStage> times = history.timeInStage(id, fromMillis).stream()
                .collect(Collectors.toMap(StageHistory.TimeInStage::stage, Function.identity()));
        List<StageTime> stageTimes = new ArrayList<>();
        for (Pipeline.Stage stage : pipeline.stages()) {
            StageHistory.TimeInStage time = times.get(stage.id());
            if (time != null || !stage.retired()) {
                stageTimes.add(new StageTime(stage.summary(), time == null ? 0 : time.moves(),
                        time == null ? 0 : days(time.average()), 0));
            }
        }
        double longest = stageTimes.stream().mapToDouble(StageTime::averageDays).max().orElse(0);
        stageTimes = stageTimes.stream().map(t -> new StageTime(t.stage(), t.moves(), t.averageDays(),
                longest == 0 ? 0 : (int) Math.round(100 * t.averageDays() / longest))).toList();
        return new Statistics(pipeline.summary(), from, won, lost,
                won + lost == 0 ? null : (int) Math.round(100.0 * won / (won + lost)), amounts,
                won == 0 ? null : days(Duration.ofMillis(wonCycle / won)), stageTimes, deals.lostReasons(id, fromMillis));
    }

    /** Days with one decimal. */
    static double days(Duration duration) {
        return Math.round(duration.toMillis() / 8_640_000.0) / 10.0;
    }

    static LocalDate utcDate(java.time.Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
