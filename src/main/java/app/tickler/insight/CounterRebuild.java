package app.tickler.insight;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.followup.FollowUpFigures;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.sales.SalesFigures;

/**
 * Recomputes the daily counters from the source data, through the other modules' figures: to check
 * them, and to rebuild them (after an import, an erasure, or for a workspace older than the module).
 */
@Service
class CounterRebuild {

    /** What a rebuild did. */
    record Result(int counters, long millis) {
    }

    private final DailyCounters counters;
    private final FollowUpFigures followUps;
    private final SalesFigures sales;
    private final AuditLog audit;

    CounterRebuild(DailyCounters counters, FollowUpFigures followUps, SalesFigures sales, AuditLog audit) {
        this.counters = counters;
        this.followUps = followUps;
        this.sales = sales;
        this.audit = audit;
    }

    /** The counters as the source data says they should be. */
    Map<DailyCounters.Key, DailyCounters.Value> recompute() {
        Map<DailyCounters.Key, DailyCounters.Value> all = new TreeMap<>();
        counts(all, Metric.TOUCHES, followUps.touchesPerDay(false));
        counts(all, Metric.VALUE_TOUCHES, followUps.touchesPerDay(true));
        counts(all, Metric.FOLLOW_UPS_DONE, followUps.followUpsDonePerDay(false));
        counts(all, Metric.FOLLOW_UPS_ON_TIME, followUps.followUpsDonePerDay(true));
        counts(all, Metric.EARLY_GIVE_UPS, followUps.earlyGiveUpsPerDay());
        totals(all, Metric.NEW_LEADS, sales.leadsPerDay());
        totals(all, Metric.STAGE_ENTERED, sales.stageEntriesPerDay());
        totals(all, Metric.STAGE_PROGRESSED, sales.stageProgressionsPerDay());
        totals(all, Metric.PAYMENTS_RECEIVED, sales.paymentsPerDay());
        return all;
    }

    private static void counts(Map<DailyCounters.Key, DailyCounters.Value> all, Metric metric,
            List<FollowUpFigures.DailyCount> rows) {
        for (FollowUpFigures.DailyCount row : rows) {
            all.merge(new DailyCounters.Key(metric, row.day(), row.userId(), 0, ""), new DailyCounters.Value(row.count(), 0),
                    DailyCounters.Value::plus);
        }
    }

    private static void totals(Map<DailyCounters.Key, DailyCounters.Value> all, Metric metric,
            List<SalesFigures.DailyTotal> rows) {
        for (SalesFigures.DailyTotal row : rows) {
            all.merge(new DailyCounters.Key(metric, row.day(), row.userId(), row.key(), row.currency()),
                    new DailyCounters.Value(row.count(), row.amountMinor()), DailyCounters.Value::plus);
        }
    }

    /** Replaces the workspace's counters by their recomputation, in one transaction. */
    @Transactional
    Result rebuild() {
        long started = System.nanoTime();
        int written = counters.replaceAll(recompute());
        Result result = new Result(written, (System.nanoTime() - started) / 1_000_000);
        audit.record("insightCounters", app.tickler.platform.security.Actors.current().workspaceId(), "rebuilt", Map.of("counters", new Change(null, written)));
        return result;
    }
}
