package app.tickler.insight;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import app.tickler.followup.EnrolmentEnded;
import app.tickler.followup.FollowUpCompleted;
import app.tickler.followup.FollowUpFigures;
import app.tickler.followup.DailyTouches;
import app.tickler.followup.ImportedTouchesRemoved;
import app.tickler.followup.TouchLogged;
import app.tickler.followup.TouchesImported;
import app.tickler.followup.TouchesRemoved;
import app.tickler.followup.TouchesGenerated;
import app.tickler.sales.ClosedDealRecorded;
import app.tickler.sales.DealRemoved;
import app.tickler.sales.DealStageChanged;
import app.tickler.sales.LeadCreated;
import app.tickler.sales.LeadRemoved;
import app.tickler.sales.PaidInvoice;
import app.tickler.sales.StageId;
import app.tickler.sales.StageMove;
import app.tickler.sales.StageMovement;
import app.tickler.sales.PaymentReceived;
import app.tickler.sales.PaymentUnpaid;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Keeps the daily counters in the transaction of each event, so that they never disagree with what
 * happened. Each counts exactly what {@link CounterRebuild} recomputes from the source tables.
 * Missed follow-ups are not counted: snoozing one makes it not overdue again and leaves no trace to
 * recompute from; the dashboard shows what is overdue now instead. Wins and losses are read from the
 * deals themselves, because a closed deal can be reopened. What a lead or deal removed for good had
 * counted (an import undone) is taken back, so that an import and its undo leave the counters as they were;
 * so are the touches that went with the one record they were about.
 */
@Component
class CounterListeners {

    private final DailyCounters counters;
    private final FollowUpFigures followUps;
    private final CounterRebuild rebuild;
    private final Clock clock;

    CounterListeners(DailyCounters counters, FollowUpFigures followUps, CounterRebuild rebuild, Clock clock) {
        this.counters = counters;
        this.followUps = followUps;
        this.rebuild = rebuild;
        this.clock = clock;
    }

    /** The benchmark generator wrote touches, deals and payments without their events: recount the workspace. */
    @EventListener
    void on(TouchesGenerated generated) {
        Actors.callAs(Actor.system(generated.workspaceId(), ZoneOffset.UTC), rebuild::rebuild);
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static long actingUser() {
        Actor actor = Actors.current();
        return actor.isSystem() ? 0 : actor.userId();
    }

    @EventListener
    void on(TouchLogged logged) {
        followUps.touch(logged.touch()).ifPresent(touch -> {
            long author = touch.loggedById() == null ? 0 : touch.loggedById().value();
            LocalDate day = day(touch.occurredAt());
            counters.add(Metric.TOUCHES, day, author, 0, "", 1, 0);
            if (touch.valueAdding()) {
                counters.add(Metric.VALUE_TOUCHES, day, author, 0, "", 1, 0);
            }
        });
    }

    /** An imported activity history counts on the days it happened, for its authors, as touches logged then would. */
    @EventListener
    void on(TouchesImported imported) {
        counters.addAll(additions(imported.days(), 1));
    }

    @EventListener
    void on(ImportedTouchesRemoved removed) {
        counters.addAll(additions(removed.days(), -1));
    }

    /** Touches that went with the one record they were about (a lead or deal, a person, an account) count no more. */
    @EventListener
    void on(TouchesRemoved removed) {
        counters.addAll(additions(removed.days(), -1));
    }

    private static List<DailyCounters.Addition> additions(List<DailyTouches> days, int sign) {
        List<DailyCounters.Addition> additions = new ArrayList<>();
        for (DailyTouches day : days) {
            additions.add(new DailyCounters.Addition(Metric.TOUCHES, day.day(), day.userId(), sign * day.touches()));
            if (day.valueAdding() > 0) {
                additions.add(new DailyCounters.Addition(Metric.VALUE_TOUCHES, day.day(), day.userId(),
                        sign * day.valueAdding()));
            }
        }
        return additions;
    }

    @EventListener
    void on(FollowUpCompleted completed) {
        LocalDate day = day(completed.at());
        counters.add(Metric.FOLLOW_UPS_DONE, day, completed.assignee().value(), 0, "", 1, 0);
        if (completed.onTime()) {
            counters.add(Metric.FOLLOW_UPS_ON_TIME, day, completed.assignee().value(), 0, "", 1, 0);
        }
    }

    @EventListener
    void on(EnrolmentEnded ended) {
        if (ended.early()) {
            counters.add(Metric.EARLY_GIVE_UPS, day(clock.instant()), actingUser(), 0, "", 1, 0);
        }
    }

    @EventListener
    void on(LeadCreated created) {
        counters.add(Metric.NEW_LEADS, day(clock.instant()), 0, 0, "", 1, 0);
    }

    /** A lead removed for good (an import undone) is no longer counted on the day it came in. */
    @EventListener
    void on(LeadRemoved removed) {
        counters.add(Metric.NEW_LEADS, day(removed.createdAt()), 0, 0, "", -1, 0);
    }

    @EventListener
    void on(DealStageChanged changed) {
        stage(day(changed.at()), actingUser(), changed.from(), changed.to(), changed.progressed(), 1);
    }

    /** A deal removed for good takes back every move it made and every invoice paid, on their days. */
    @EventListener
    void on(DealRemoved removed) {
        removed.moves().forEach(move -> stage(move, -1));
        removed.paid().forEach(paid -> payment(paid, -1));
    }

    /** A deal that closed before it came to Tickler counts what its history holds, on the days it happened. */
    @EventListener
    void on(ClosedDealRecorded recorded) {
        recorded.moves().forEach(move -> stage(move, 1));
        recorded.paid().forEach(paid -> payment(paid, 1));
    }

    private void stage(StageMove move, int sign) {
        stage(day(move.at()), move.movedBy() == null ? 0 : move.movedBy().value(), move.from(), move.to(),
                move.movement() == StageMovement.PROGRESSED, sign);
    }

    private void stage(LocalDate day, long user, StageId from, StageId to, boolean progressed, int sign) {
        counters.add(Metric.STAGE_ENTERED, day, user, to.value(), "", sign, 0);
        if (progressed && from != null) {
            counters.add(Metric.STAGE_PROGRESSED, day, user, from.value(), "", sign, 0);
        }
    }

    private void payment(PaidInvoice paid, int sign) {
        counters.add(Metric.PAYMENTS_RECEIVED, paid.paidOn(), 0, 0, paid.currency(), sign, sign * paid.amountMinor());
    }

    @EventListener
    void on(PaymentReceived received) {
        counters.add(Metric.PAYMENTS_RECEIVED, received.paidOn(), 0, 0, received.currency(), 1, received.amountMinor());
    }

    @EventListener
    void on(PaymentUnpaid unpaid) {
        counters.add(Metric.PAYMENTS_RECEIVED, unpaid.paidOn(), 0, 0, unpaid.currency(), -1, -unpaid.amountMinor());
    }
}
