package app.tickler.sales;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.platform.security.Actors;

/**
 * The sales module's API for the other modules (the follow-up engine first of all): read leads,
 * deals and stages; move deals and qualify leads by rule ("ready to buy"); keep leads' and deals'
 * idle clocks current when someone touches them; start a repeat proposal for a customer. Reads are
 * scoped to the caller's workspace but not to their visibility: the caller decides what to show.
 */
@Service
public class SalesCycle {

    private final LeadRepository leadRows;
    private final Leads leads;
    private final DealRepository dealRows;
    private final Deals deals;
    private final Pipelines pipelines;

    SalesCycle(LeadRepository leadRows, Leads leads, DealRepository dealRows, Deals deals, Pipelines pipelines) {
        this.leadRows = leadRows;
        this.leads = leads;
        this.dealRows = dealRows;
        this.deals = deals;
        this.pipelines = pipelines;
    }

    // --- leads ------------------------------------------------------------------------------

    public Optional<LeadSummary> lead(LeadId id) {
        return leadRows.find(id.value()).map(Lead::summary);
    }

    public Map<LeadId, LeadSummary> leads(Collection<LeadId> ids) {
        return leadRows.findAll(Leads.values(ids)).stream().map(Lead::summary)
                .collect(Collectors.toMap(LeadSummary::id, Function.identity()));
    }

    /** A touch on a lead: its idle clock starts again, so it does not return to the pool; a new lead is being worked. */
    @Transactional
    public void recordActivity(LeadId lead, Instant at) {
        leads.recordActivity(lead, at);
    }

    /** The "ready to buy" stop rule on a lead: it is qualified (nothing happens to a closed one). */
    @Transactional
    public void advanceLead(LeadId lead, String reason) {
        leads.markQualified(lead, null, reason);
    }

    // --- deals ------------------------------------------------------------------------------

    public Optional<DealSummary> deal(DealId id) {
        return dealRows.find(id.value()).map(Deal::summary);
    }

    public Map<DealId, DealSummary> deals(Collection<DealId> ids) {
        return dealRows.findAll(ids.stream().map(DealId::value).distinct().toList()).stream().map(Deal::summary)
                .collect(Collectors.toMap(DealSummary::id, Function.identity()));
    }

    /** The deals of an account, newest first. */
    public List<DealSummary> dealsOf(AccountId account) {
        Actors.current();
        return dealRows.findAll(dealRows.ofAccount(account)).stream().map(Deal::summary)
                .sorted((a, b) -> Long.compare(b.id().value(), a.id().value())).toList();
    }

    /**
     * Moves a deal by rule, in the caller's transaction, without a version check; recorded as
     * progressed or demoted like any move.
     */
    @Transactional
    public DealSummary moveDeal(DealId deal, StageId to, String reason) {
        return deals.moveBySystem(deal, to, reason).summary();
    }

    /** The "ready to buy" stop rule on a deal: it moves to its next stage (a closed deal or one in its last stage stays). */
    @Transactional
    public void advance(DealId deal, String reason) {
        deals.advance(deal, reason);
    }

    /** A touch on a deal: its idle clock on the board starts again. */
    @Transactional
    public void recordDealActivity(DealId deal, Instant at) {
        deals.activity(deal, at);
    }

    /** A repeat proposal for an existing customer, entering the default pipeline at its proposal stage (seed 000). */
    @Transactional
    public DealSummary createRepeatDeal(AccountId account, String name, UserId owner) {
        return deals.createRepeat(account, name, owner).summary();
    }

    // --- pipelines --------------------------------------------------------------------------

    /** The stages of a pipeline in order, retired ones included. */
    public List<StageSummary> stages(PipelineId pipeline) {
        return pipelines.get(pipeline).stages().stream().map(Pipeline.Stage::summary).toList();
    }

    public List<PipelineSummary> pipelines() {
        return pipelines.active().stream().map(Pipeline::summary).toList();
    }

    public PipelineSummary defaultPipeline() {
        return pipelines.defaultPipeline().summary();
    }
}
