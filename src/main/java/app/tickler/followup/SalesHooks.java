package app.tickler.followup;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;

/**
 * Every place where the follow-up engine meets the sales cycle (leads, deals, pipelines), in one
 * class, so that the sales module can be wired in without touching the rest of the engine.
 *
 * <p>Outgoing — what the engine asks of sales — goes through {@link Sales}, implemented as one bean
 * by whichever side holds the adapter (docs/modules/followup.md, "The sales integration"), so that the
 * dependency between the two modules points one way only. Until such a bean exists a lead or deal id
 * cannot be verified and is refused with a 400 naming the field; everything without one works as usual.
 *
 * <p>Incoming — what sales tells the engine — are the public methods below, to be called when a deal
 * is won or lost, a lead is closed, or an amount changes (from the sales module, or from listeners of
 * its events in the adapter).
 */
@Service
public class SalesHooks {

    /** What the sales module implements for the engine. All calls run as the current actor, in its transaction. */
    public interface Sales {

        /** Whether the lead exists in the caller's workspace and the caller may see it. */
        boolean leadExists(long leadId);

        boolean dealExists(long dealId);

        /** The deal's amount in minor units (for the Today queue's order), null when unknown. */
        Long dealAmount(long dealId);

        /** A touch or a cadence stop said "ready to buy": move the lead or deal forward. */
        void readyToBuy(Long leadId, Long dealId);

        /** A touch's outcome came with a stage move of the deal; refuse an unknown stage with InvalidInput on "stage". */
        void moveStage(long dealId, String stage);

        /** Open leads ({@code type} lead) or open deals ({@code type} deal) without an open follow-up. */
        Page<NoNextStep> openWithoutNextStep(String type, Paging paging);
    }

    private final ObjectProvider<Sales> sales;
    private final ObjectProvider<Enrolments> enrolments;
    private final ObjectProvider<FollowUpRepository> followUps;
    private final ObjectProvider<Attempts> attempts;
    private final ObjectProvider<TouchImports> touches;
    private final ObjectProvider<DealClosings> closings;
    private final java.time.Clock clock;

    SalesHooks(ObjectProvider<Sales> sales, ObjectProvider<Enrolments> enrolments,
            ObjectProvider<FollowUpRepository> followUps, ObjectProvider<Attempts> attempts,
            ObjectProvider<TouchImports> touches, ObjectProvider<DealClosings> closings, java.time.Clock clock) {
        this.clock = clock;
        this.sales = sales;
        this.enrolments = enrolments;
        this.followUps = followUps;
        this.attempts = attempts;
        this.touches = touches;
        this.closings = closings;
    }

    // --- outgoing ---------------------------------------------------------------------------------

    /** Checks lead and deal ids given with a touch, follow-up, commitment or enrolment. */
    void verify(InvalidInput.Collector problems, Long leadId, Long dealId) {
        Sales module = sales.getIfAvailable();
        if (leadId != null && (module == null || !module.leadExists(leadId))) {
            problems.add("leadId", module == null ? "cannot be verified: leads are not available in this installation"
                    : "is not a lead you can see");
        }
        if (dealId != null && (module == null || !module.dealExists(dealId))) {
            problems.add("dealId", module == null ? "cannot be verified: deals are not available in this installation"
                    : "is not a deal you can see");
        }
    }

    /** Whether the caller may see this lead or this deal (either; false without the sales module). */
    boolean seesLeadOrDeal(Long leadId, Long dealId) {
        Sales module = sales.getIfAvailable();
        return module != null && ((leadId != null && module.leadExists(leadId)) || (dealId != null && module.dealExists(dealId)));
    }

    /** The amount that orders the Today queue; null without a deal or without the sales module. */
    Long dealAmount(Long dealId) {
        Sales module = sales.getIfAvailable();
        return dealId == null || module == null ? null : module.dealAmount(dealId);
    }

    /** "Ready to buy" ends the enrolment and moves the lead or deal forward. */
    void readyToBuy(Long leadId, Long dealId) {
        Sales module = sales.getIfAvailable();
        if (module != null && (leadId != null || dealId != null)) {
            module.readyToBuy(leadId, dealId);
        }
    }

    /** A touch outcome with a stage move. */
    void moveStage(InvalidInput.Collector problems, Long dealId, String stage) {
        if (stage == null || stage.isBlank()) {
            return;
        }
        Sales module = sales.getIfAvailable();
        if (dealId == null) {
            problems.add("stage", "needs a dealId: only a deal moves through stages");
        } else if (module == null) {
            problems.add("stage", "cannot be applied: deals are not available in this installation");
        }
    }

    void applyStage(Long dealId, String stage) {
        Sales module = sales.getIfAvailable();
        if (module != null && dealId != null && stage != null && !stage.isBlank()) {
            module.moveStage(dealId, stage);
        }
    }

    /** Open leads and deals without a next step; empty without the sales module. */
    Page<NoNextStep> openLeadsAndDealsWithoutNextStep(String type, Paging paging) {
        Sales module = sales.getIfAvailable();
        return module == null ? new Page<>(List.of(), null) : module.openWithoutNextStep(type, paging);
    }

    // --- incoming ---------------------------------------------------------------------------------

    /**
     * A deal was won or lost: its enrolments end (DEAL_WON / DEAL_LOST) and its open follow-ups are
     * cancelled. Returns the deal's attempt number at that moment — the attempt at which it was won,
     * which the sales module keeps on the deal for the attempts-to-close insight.
     */
    @Transactional
    public int dealClosed(long dealId, boolean won) {
        int attempt = attempts.getObject().current(new app.tickler.platform.timeline.TimelineEntry.Subject("deal", dealId));
        enrolments.getObject().endFor("deal_id", dealId, won ? EnrolmentEndReason.DEAL_WON : EnrolmentEndReason.DEAL_LOST,
                won ? "deal won" : "deal lost");
        followUps.getObject().cancelWhere("f.deal_id = :deal", java.util.Map.of("deal", dealId),
                won ? "deal won" : "deal lost", clock.millis());
        return attempt;
    }

    /** A lead was converted or disqualified: its enrolments end and its open follow-ups are cancelled. */
    @Transactional
    public void leadClosed(long leadId, boolean converted) {
        enrolments.getObject().endFor("lead_id", leadId,
                converted ? EnrolmentEndReason.READY_TO_BUY : EnrolmentEndReason.BY_HAND,
                converted ? "lead converted" : "lead disqualified");
        followUps.getObject().cancelWhere("f.lead_id = :lead", java.util.Map.of("lead", leadId),
                converted ? "lead converted" : "lead disqualified", clock.millis());
    }

    /**
     * A lead was removed for good (an import undone): its enrolments end, its open follow-ups are cancelled,
     * and its touches are forgotten ({@link TouchImports#forget}): one also with a person or an account stays
     * theirs, one with the lead alone goes with what it counted.
     */
    @Transactional
    public void leadRemoved(long leadId) {
        enrolments.getObject().endFor("lead_id", leadId, EnrolmentEndReason.REMOVED, "lead removed");
        followUps.getObject().cancelWhere("f.lead_id = :lead", java.util.Map.of("lead", leadId), "lead removed",
                clock.millis());
        touches.getObject().forget(new app.tickler.platform.timeline.TimelineEntry.Subject("lead", leadId));
    }

    /**
     * A deal was removed for good (an import undone, its account purged): its enrolments end, its open
     * follow-ups are cancelled, its touches are forgotten as a lead's are and the attempt it closed at goes.
     */
    @Transactional
    public void dealRemoved(long dealId) {
        enrolments.getObject().endFor("deal_id", dealId, EnrolmentEndReason.REMOVED, "deal removed");
        followUps.getObject().cancelWhere("f.deal_id = :deal", java.util.Map.of("deal", dealId), "deal removed",
                clock.millis());
        touches.getObject().forget(new app.tickler.platform.timeline.TimelineEntry.Subject("deal", dealId));
        closings.getObject().forget(dealId);
    }

    /** A deal's amount changed: its follow-ups take the new amount for the queue's order. */
    @Transactional
    public void dealAmountChanged(long dealId, Long amountMinor) {
        followUps.getObject().setDealAmount(dealId, amountMinor);
    }
}
