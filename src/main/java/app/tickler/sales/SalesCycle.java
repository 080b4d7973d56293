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
import app.tickler.party.PartyNames;
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

    /**
     * Captures a lead as the caller, with every rule of a lead typed in (an import). {@code status} WORKING:
     * the lead is being worked already, in the pool too; NEW or null: it is new, unless it has an owner.
     */
    @Transactional
    public LeadSummary createLead(LeadInput input, LeadStatus status) {
        return leads.create(input, status).summary();
    }

    /** A lead with its editable fields and version, whoever owns it; the caller checks visibility. */
    public Optional<EditableLead> editableLead(LeadId id) {
        return leadRows.find(id.value()).map(EditableLead::of);
    }

    public Map<LeadId, EditableLead> editableLeads(Collection<LeadId> ids) {
        return leadRows.findAll(Leads.values(ids)).stream().map(EditableLead::of)
                .collect(Collectors.toMap(EditableLead::id, Function.identity()));
    }

    /**
     * Changes a lead the caller may change, at {@code version}; {@code input.custom()} holds the values to
     * change. {@code status} NEW or WORKING sets an open lead's status (a lead with an owner is WORKING);
     * null keeps it. A closed lead's owner and status do not change.
     */
    @Transactional
    public LeadSummary updateLead(LeadId id, LeadInput input, LeadStatus status, long version) {
        return leads.update(id, input, status, version).summary();
    }

    /**
     * The leads having any of these emails (any case), in one query per 900 emails: each email as given
     * to its leads' ids, oldest first; emails no lead has are left out. Whoever owns them.
     */
    public Map<String, List<LeadId>> leadsWithEmails(Collection<String> emails) {
        Map<String, List<String>> byKey = new java.util.HashMap<>();
        for (String email : emails) {
            if (email != null && !email.isBlank()) {
                byKey.computeIfAbsent(PartyNames.emailKey(email), k -> new java.util.ArrayList<>())
                        .add(email);
            }
        }
        Map<String, List<LeadId>> found = new java.util.HashMap<>();
        leadRows.withEmails(List.copyOf(byKey.keySet())).forEach((key, ids) -> {
            List<LeadId> leadIds = ids.stream().map(LeadId::new).toList();
            byKey.get(key).forEach(email -> found.put(email, leadIds));
        });
        return found;
    }

    /**
     * Checks a new lead ({@code existing} null) or the change of one as creating or updating it would —
     * every field, the owner (a closed lead's does not change), the status, custom values — writing
     * nothing; InvalidInput names each bad field.
     */
    public void checkLead(LeadId existing, LeadInput input, LeadStatus status) {
        leads.check(existing, input, status);
    }

    /** Rules a lead out with the reason, as a person would (an imported file says it was disqualified). */
    @Transactional
    public LeadSummary disqualifyLead(LeadId id, String reason) {
        return leads.disqualify(id, reason, leads.get(id).version()).summary();
    }

    /** Removes a lead the caller may change, for good (an import undone); a converted lead is refused. */
    @Transactional
    public void removeLead(LeadId id) {
        leads.remove(id);
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

    /** Creates an open deal as the caller, with every rule of a deal typed in (an import). */
    @Transactional
    public DealSummary createDeal(DealDraft draft) {
        return deals.create(draft.over(null), null).summary();
    }

    /** Checks a new deal ({@code existing} null) or the change of one as creating or updating would, writing nothing. */
    public void checkDeal(DealId existing, DealDraft draft) {
        deals.check(existing, draft);
    }

    /** A deal with its draft and version, whoever owns it; the caller checks visibility. */
    public Optional<EditableDeal> editableDeal(DealId id) {
        return dealRows.find(id.value()).map(EditableDeal::of);
    }

    /** Changes a deal the caller may change, at {@code version}; a new stage is recorded as a move. */
    @Transactional
    public DealSummary updateDeal(DealId id, DealDraft draft, long version) {
        return deals.update(id, draft.over(deals.get(id)), version).summary();
    }

    /** Removes an open deal the caller may change, for good (an import undone); a closed one is refused. */
    @Transactional
    public void removeDeal(DealId id) {
        deals.remove(id);
    }

    /**
     * Records a deal won or lost before it came to Tickler (an import of a CRM's history), as the caller, with
     * every rule of a deal typed in and the outcome's own (see {@link DealOutcome}). Publishes
     * {@link ClosedDealRecorded}, not {@link DealWon} or {@link DealLost}: nothing is due because of it now.
     */
    @Transactional
    public DealSummary recordClosedDeal(DealDraft draft, DealOutcome outcome) {
        return deals.recordClosed(draft, outcome).summary();
    }

    /** Checks a deal to record closed as {@link #recordClosedDeal} would, writing nothing; InvalidInput names each bad field. */
    public void checkClosedDeal(DealDraft draft, DealOutcome outcome) {
        deals.checkClosed(draft, outcome);
    }

    /**
     * Removes a deal recorded closed, for good, with its history and invoices (an import undone), while it is
     * still {@code status} on {@code closedOn} as recorded and the caller may change it; one reopened or
     * closed again since is refused (see {@link EditableDeal#closedOn()} to tell first).
     */
    @Transactional
    public void removeRecordedDeal(DealId id, DealStatus status, java.time.LocalDate closedOn) {
        deals.removeRecorded(id, status, closedOn);
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
