package app.tickler.followup;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import app.tickler.sales.DealAmountChanged;
import app.tickler.sales.DealId;
import app.tickler.sales.DealLost;
import app.tickler.sales.DealWon;
import app.tickler.sales.LeadConverted;
import app.tickler.sales.LeadDisqualified;
import app.tickler.sales.LeadRemoved;
import app.tickler.sales.DealRemoved;
import app.tickler.sales.LeadId;
import app.tickler.sales.SalesCycle;

/**
 * What the sales cycle tells the follow-up engine, handled in the transaction of the sale: a won or
 * lost deal ends its enrolments and cancels its open follow-ups (keeping the attempt at which it
 * closed), a converted or disqualified lead likewise, a new amount reorders the queue; and a touch on a
 * lead or a deal keeps them from going idle.
 */
@Component
class SalesEvents {

    private final SalesHooks hooks;
    private final SalesCycle sales;
    private final DealClosings closings;

    SalesEvents(SalesHooks hooks, SalesCycle sales, DealClosings closings) {
        this.hooks = hooks;
        this.sales = sales;
        this.closings = closings;
    }

    @EventListener
    void on(DealWon won) {
        int attempt = hooks.dealClosed(won.deal().value(), true);
        closings.record(won.deal().value(), true, attempt, won.at());
    }

    @EventListener
    void on(DealLost lost) {
        int attempt = hooks.dealClosed(lost.deal().value(), false);
        closings.record(lost.deal().value(), false, attempt, lost.at());
    }

    @EventListener
    void on(LeadConverted converted) {
        hooks.leadClosed(converted.lead().value(), true);
    }

    @EventListener
    void on(LeadDisqualified disqualified) {
        hooks.leadClosed(disqualified.lead().value(), false);
    }

    @EventListener
    void on(LeadRemoved removed) {
        hooks.leadRemoved(removed.lead().value());
    }

    @EventListener
    void on(DealRemoved removed) {
        hooks.dealRemoved(removed.deal().value());
    }

    @EventListener
    void on(DealAmountChanged changed) {
        hooks.dealAmountChanged(changed.deal().value(), changed.amountMinor());
    }

    @EventListener
    void on(TouchLogged touch) {
        if (touch.lead() != null) {
            sales.recordActivity(new LeadId(touch.lead()), touch.at());
        }
        if (touch.deal() != null) {
            sales.recordDealActivity(new DealId(touch.deal()), touch.at());
        }
    }
}
