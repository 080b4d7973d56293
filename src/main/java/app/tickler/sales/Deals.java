package app.tickler.sales;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.party.CustomFields;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * Deals: created, changed, moved through the stages (every move kept, forward as progressed, backward
 * as demoted), won with a payment schedule, lost with a reason, reopened — each one transaction with
 * its audit, timeline entries on the deal, its account and its people, and its event.
 */
@Service
class Deals {

    /** An invoice of a won deal's payment schedule. */
    record Invoice(Long amountMinor, LocalDate dueOn, String reference) {
    }

    private static final String[] NOT_AUDITED = {"lastActivityAt", "stageName", "lostReason", "stageEnteredAt"};

    private final DealRepository deals;
    private final StageHistory history;
    private final Pipelines pipelines;
    private final LostReasons lostReasons;
    private final PaymentRepository payments;
    private final SalesSettings settings;
    private final Parties parties;
    private final CustomFields customFields;
    private final Directory directory;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    Deals(DealRepository deals, StageHistory history, Pipelines pipelines, LostReasons lostReasons, PaymentRepository payments,
            SalesSettings settings, Parties parties, CustomFields customFields, Directory directory, IdGenerator ids,
            Clock clock, AuditLog audit, Timeline timeline, ApplicationEventPublisher events) {
        this.deals = deals;
        this.history = history;
        this.pipelines = pipelines;
        this.lostReasons = lostReasons;
        this.payments = payments;
        this.settings = settings;
        this.parties = parties;
        this.customFields = customFields;
        this.directory = directory;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
        this.events = events;
    }

    // --- reading ----------------------------------------------------------------------------

    /** A deal the caller may see; 404 otherwise, exactly as if it did not exist. */
    Deal visible(DealId id) {
        Deal deal = deals.find(id.value()).orElseThrow(() -> new DealNotFound(id.value()));
        if (!Actors.current().canRead(deal.owner())) {
            throw new DealNotFound(id.value());
        }
        return deal;
    }

    /** A deal the caller may change; one they may only read answers 403. */
    Deal writable(DealId id) {
        Deal deal = visible(id);
        if (!Actors.current().canWrite(deal.owner())) {
            throw new AccessDeniedException("not yours to change");
        }
        return deal;
    }

    Deal get(DealId id) {
        return deals.find(id.value()).orElseThrow(() -> new DealNotFound(id.value()));
    }

    List<StageHistory.Move> history(DealId id) {
        return history.of(visible(id).id());
    }

    // --- creating and changing --------------------------------------------------------------

    @Transactional
    Deal create(DealInput input, LeadId sourceLead) {
        Actor actor = Actors.current();
        DealInput withOwner = input.ownerId() == null && !actor.isSystem() && actor.role() != Role.STAFF
                ? withOwner(input, new UserId(actor.userId())) : input;
        Checked checked = validated(new DealId(ids.next()), withOwner, null);
        Instant now = clock.instant();
        Deal deal = new Deal(checked.id(), checked.name(), checked.account().id(), checked.contacts(), checked.amount(),
                checked.currency(), checked.probability(), checked.probabilitySet(), checked.expectedClose(),
                checked.terms(), checked.owner(), checked.origin(), sourceLead, DealStatus.OPEN,
                checked.pipeline().id(), checked.stage().id(), checked.stage().name(), now, now, null, null, null, null,
                null, null, checked.notes(), checked.custom(), 0, now, now);
        deals.insert(deal);
        history.record(deal.id(), deal.pipelineId(), null, deal.stageId(), StageMovement.ENTERED, now, null,
                deal.origin() == DealOrigin.REPEAT ? "repeat proposal" : null);
        Deal created = get(deal.id());
        Map<String, Change> changes = Changes.between(null, created, NOT_AUDITED);
        audit.record("deal", created.id().value(), "created", changes);
        timeline.append(new Timeline.Append(subjects(created), "deal.created", now,
                (created.origin() == DealOrigin.REPEAT ? "Repeat proposal: " : "Deal created: ") + created.name()
                        + " (" + checked.pipeline().name() + " · " + created.stageName() + ")",
                null, changes, link(created), new Subject("deal", created.id().value())));
        events.publishEvent(new DealCreated(created.id(), created.accountId(), created.pipelineId(), created.stageId(),
                created.origin(), created.ownerId()));
        events.publishEvent(new DealStageChanged(created.id(), null, created.stageId(), true, now));
        return created;
    }

    /** A deal for an account made in the same transaction (the new-deal form, when no account exists yet). */
    @Transactional
    Deal createWithNewAccount(String accountName, DealInput input) {
        Actor actor = Actors.current();
        UserId owner = input.ownerId() != null ? input.ownerId() : new UserId(actor.userId());
        Account account;
        try {
            account = parties.createAccount(new app.tickler.party.AccountInput(accountName, null, null, null, null, null,
                    null, owner, null, null, null, null, null, null, null, null));
        } catch (InvalidInput e) {
            throw new InvalidInput(e.problems().stream()
                    .map(p -> new InvalidInput.FieldProblem(p.field().equals("name") ? "accountName" : "account." + p.field(),
                            p.message())).toList());
        }
        return create(new DealInput(input.name(), account.id(), input.contacts(), input.amountMinor(), input.currency(),
                input.probability(), input.expectedCloseDate(), input.paymentTermsDays(), input.ownerId(), input.origin(),
                input.pipelineId(), input.stageId(), input.notes(), input.custom()), null);
    }

    /** A repeat proposal for an existing customer: it enters the default pipeline at its proposal stage. */
    @Transactional
    Deal createRepeat(AccountId account, String name, UserId owner) {
        Pipeline pipeline = pipelines.defaultPipeline();
        return create(new DealInput(name, account, List.of(), 0L, null, null, null, null, owner, DealOrigin.REPEAT,
                pipeline.id(), pipeline.repeatStage().id(), null, Map.of()), null);
    }

    /** Checks a new deal (no {@code existing}) or the change of one as create and update would, writing nothing. */
    void check(DealId existing, DealDraft draft) {
        Deal before = existing == null ? null : get(existing);
        DealInput input = draft.over(before);
        if (before == null && input.ownerId() == null) {
            input = withOwner(input, new UserId(Actors.current().userId()));
        }
        validated(existing == null ? new DealId(0) : existing, input, before);
    }

    /**
     * Removes an open deal for good (an import undone), with its people and history; other modules drop
     * what they planned for it. A won or lost deal is kept.
     */
    @Transactional
    void remove(DealId id) {
        Deal deal = writable(id);
        if (!deal.isOpen()) {
            throw new Conflict("«" + deal.name() + "» is " + deal.status().name().toLowerCase() + " and is kept");
        }
        purge(deal);
    }

    /**
     * Removes a deal recorded closed ({@link #recordClosed}) for good, with its history and invoices, while it
     * is still closed as it was recorded — {@code status} on {@code closedOn}; one reopened since, or closed
     * again on another day, is somebody's work and is kept.
     */
    @Transactional
    void removeRecorded(DealId id, DealStatus status, LocalDate closedOn) {
        Deal deal = writable(id);
        if (deal.status() != status || !java.util.Objects.equals(deal.closedOn(), closedOn)) {
            throw new Conflict("«" + deal.name() + "» was reopened or closed again since it was recorded, and is kept");
        }
        purge(deal);
    }

    /**
     * Removes every deal of an account that is removed for good (purged from the trash), open or closed,
     * each as {@link #remove} removes one — announced with what it had counted — whoever may see it.
     */
    @Transactional
    void removeAllOf(AccountId account) {
        for (Long id : deals.ofAccount(account)) {
            purge(get(new DealId(id)));
        }
    }

    /**
     * The deal goes, with its people, history, invoices and every timeline entry about it; its removal is
     * announced with the moves it made and the invoices paid, for what other modules counted of them.
     */
    private void purge(Deal deal) {
        List<StageMove> moves = history.of(deal.id()).stream().map(StageHistory.Move::asStageMove).toList();
        List<PaidInvoice> paid = payments.ofDeal(deal.id()).stream().filter(Payment::paid)
                .map(p -> new PaidInvoice(p.paidOn(), p.amountMinor(), p.currency())).toList();
        events.publishEvent(new DealRemoved(deal.id(), moves, paid));
        timeline.eraseRecord(subject(deal));
        deals.delete(List.of(deal.id().value()));
        audit.record("deal", deal.id().value(), "removed", Map.of());
    }

    // --- deals that closed before they came to Tickler ----------------------------------------

    /** An outcome checked: the lost reason it takes and the note kept of the file's text, the invoice of a win. */
    private record Closing(DealStatus status, LocalDate closedOn, LocalDate enteredOn, LostReasons.LostReason reason,
            String note, Boolean paid, LocalDate paidOn) {
    }

    /** Checks a deal that closed before it came to Tickler as {@link #recordClosed} would, writing nothing. */
    void checkClosed(DealDraft draft, DealOutcome outcome) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        DealInput input = closedInput(draft);
        closing(outcome, input, problems);
        validated(new DealId(0), input, null, problems);
    }

    /**
     * Records a deal that was won or lost before it came to Tickler (an import of another CRM's history),
     * with every rule of a deal typed in. It enters its stage on the day it was created there and closes on
     * its close day — both at noon UTC (never later than now), so that its UTC day is its day in every
     * time zone within twelve hours of UTC; it was created in Tickler's history when it entered its stage, so
     * its cycle length is the one it had. Without a stage of the pipeline (the file says "Closed Won"), it
     * closes in the pipeline's last stage that takes deals. A won deal gets the invoice the file tells of
     * (none, one open, or one paid — which collects its payment, and moves a pipeline with a
     * payment-collected stage there on the day paid). Its stage history, timeline, audit entry and
     * {@link ClosedDealRecorded} say so; {@link DealWon} and {@link DealLost} are not published: they start
     * today's consequences of a win or a loss, which a deal closed years ago must not have.
     */
    @Transactional
    Deal recordClosed(DealDraft draft, DealOutcome outcome) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        DealInput input = closedInput(draft);
        Closing closing = closing(outcome, input, problems);
        Checked checked = validated(new DealId(ids.next()), input, null, problems);
        Instant now = clock.instant();
        Instant closedAt = noon(closing.closedOn(), now);
        Instant enteredAt = closing.enteredOn() == null ? closedAt : min(noon(closing.enteredOn(), now), closedAt);
        boolean won = closing.status() == DealStatus.WON;
        PaymentSchedule.Installment invoice = won && closing.paid() != null
                ? new PaymentSchedule.Installment(checked.amount(), closing.closedOn().plusDays(checked.terms()), null)
                : null;
        LocalDate paidOn = invoice != null && closing.paid() ? closing.paidOn() : null;
        Instant paidAt = paidOn == null ? null : max(noon(paidOn, now), closedAt);
        Pipeline.Stage stage = checked.stage();
        Pipeline.Stage collected = paidAt == null ? null : checked.pipeline().paymentStage().orElse(null);
        Pipeline.Stage last = collected != null ? collected : stage;
        Deal deal = new Deal(checked.id(), checked.name(), checked.account().id(), checked.contacts(), checked.amount(),
                checked.currency(), won ? 100 : 0, checked.probabilitySet(), checked.expectedClose(), checked.terms(),
                checked.owner(), checked.origin(), null, closing.status(), checked.pipeline().id(), last.id(), last.name(),
                collected != null ? paidAt : enteredAt, paidAt != null ? paidAt : closedAt, closedAt, closing.closedOn(),
                closing.reason() == null ? null : closing.reason().id(),
                closing.reason() == null ? null : closing.reason().label(), closing.note(), paidAt, checked.notes(),
                checked.custom(), 0, enteredAt, now);
        deals.insert(deal);
        String how = (won ? "won" : "lost") + " on " + closing.closedOn() + " before it came to Tickler";
        history.record(deal.id(), deal.pipelineId(), null, stage.id(), StageMovement.ENTERED, enteredAt, null,
                "recorded: " + how);
        if (collected != null) {
            history.record(deal.id(), deal.pipelineId(), stage.id(), collected.id(), StageMovement.of(stage, collected),
                    paidAt, enteredAt, "payment collected");
        }
        if (invoice != null) {
            payments.insert(deal, invoice, paidOn);
        }
        Deal recorded = get(deal.id());
        Map<String, Change> changes = Changes.between(null, recorded, NOT_AUDITED);
        audit.record("deal", recorded.id().value(), "recorded", changes);
        List<Subject> subjects = subjects(recorded);
        Subject source = subject(recorded);
        timeline.append(new Timeline.Append(subjects, "deal.created", enteredAt, "Deal created: " + recorded.name()
                + " (" + checked.pipeline().name() + " · " + stage.name() + ")", "Recorded: " + how, changes,
                link(recorded), source));
        String invoiceText = invoice == null ? "" : paidOn != null ? "; its invoice was paid on " + paidOn
                : "; its invoice is due on " + invoice.dueOn();
        timeline.append(new Timeline.Append(subjects, won ? "deal.won" : "deal.lost", closedAt,
                won ? "Deal won: " + recorded.name() : "Deal lost: " + recorded.name() + " — " + recorded.lostReason(),
                "Recorded: " + how + invoiceText + (closing.note() == null ? "" : "\n\n" + closing.note()), Map.of(),
                link(recorded), source));
        List<PaidInvoice> paid = paidOn == null ? List.of()
                : List.of(new PaidInvoice(paidOn, invoice.amountMinor(), recorded.currency()));
        events.publishEvent(new ClosedDealRecorded(recorded.id(), recorded.accountId(), recorded.status(), closedAt,
                recorded.amountMinor(), recorded.currency(),
                history.of(recorded.id()).stream().map(StageHistory.Move::asStageMove).toList(), paid));
        return recorded;
    }

    /** The draft as a new deal; without a stage, the last stage of its pipeline that takes deals. */
    private DealInput closedInput(DealDraft draft) {
        DealInput input = draft.over(null);
        if (input.ownerId() == null) {
            input = withOwner(input, new UserId(Actors.current().userId()));
        }
        if (input.stageId() != null) {
            return input;
        }
        PipelineId wanted = input.pipelineId() != null ? input.pipelineId() : pipelines.defaultPipeline().id();
        Pipeline pipeline = pipelines.all().stream().filter(p -> p.id().equals(wanted)).findFirst().orElse(null);
        if (pipeline == null) {
            // named by the checks of the draft
            return input;
        }
        return new DealInput(input.name(), input.accountId(), input.contacts(), input.amountMinor(), input.currency(),
                input.probability(), input.expectedCloseDate(), input.paymentTermsDays(), input.ownerId(),
                input.origin(), pipeline.id(), pipeline.lastStage().id(), input.notes(), input.custom());
    }

    /** Checks the outcome, naming each bad field: the status, the days, the lost reason, the invoice. */
    private Closing closing(DealOutcome outcome, DealInput input, InvalidInput.Collector problems) {
        LocalDate today = Actors.current().today(clock);
        DealStatus status = outcome == null ? null : outcome.status();
        if (status != DealStatus.WON && status != DealStatus.LOST) {
            problems.add("status", "must be WON or LOST: an open deal is created as a new deal");
            return new Closing(status, null, null, null, null, null, null);
        }
        String outcomeName = status.name().toLowerCase(java.util.Locale.ROOT);
        LocalDate closedOn = outcome.closedOn();
        if (closedOn == null) {
            problems.add("closedOn", "is required: the day the deal was " + outcomeName);
        } else if (closedOn.isAfter(today)) {
            problems.add("closedOn", "cannot be in the future (" + closedOn + ")");
        }
        LocalDate enteredOn = outcome.enteredOn();
        if (enteredOn != null && closedOn != null && enteredOn.isAfter(closedOn)) {
            problems.add("enteredOn", "must not be after the day the deal was " + outcomeName + " (" + closedOn + ")");
        }
        if (status == DealStatus.LOST) {
            problems.check(outcome.paid() == null && outcome.paidOn() == null, outcome.paid() == null ? "paidOn" : "paid",
                    "is for won deals: a lost deal has no invoice");
            String text = outcome.lostReason() == null || outcome.lostReason().isBlank() ? null
                    : outcome.lostReason().strip();
            List<LostReasons.LostReason> active = lostReasons.active();
            LostReasons.LostReason reason = text == null ? null
                    : active.stream().filter(r -> r.label().equalsIgnoreCase(text)).findFirst().orElse(null);
            String note = null;
            if (reason == null) {
                reason = active.stream().filter(r -> r.label().equalsIgnoreCase(LostReasons.OTHER)).findFirst()
                        .orElse(null);
                note = text;
                if (reason == null) {
                    // a lost deal has a reason, as when a deal is lost in Tickler; without "Other" none takes the text
                    String allowed = active.isEmpty() ? "the workspace has none"
                            : "one of " + String.join(", ", active.stream().map(LostReasons.LostReason::label).toList());
                    problems.add("lostReason", (text == null ? "is required for a lost deal"
                            : "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text)
                                    + "' is not one of the workspace's lost reasons")
                            + ": " + allowed + ". The reason \"" + LostReasons.OTHER + "\", which takes any other"
                            + " reason and keeps its text as the note, is not among them (a manager adds it under"
                            + " Settings → Lost reasons)");
                }
            }
            problems.check(note == null || note.length() <= 1000, "lostReason", "must have at most 1000 characters");
            return new Closing(status, closedOn, enteredOn, reason, note, null, null);
        }
        Boolean paid = outcome.paid();
        LocalDate paidOn = outcome.paidOn();
        if (paidOn != null && Boolean.FALSE.equals(paid)) {
            problems.add("paidOn", "is the day the invoice was paid, but the invoice is not paid");
        } else if (paidOn != null) {
            paid = true;
            if (paidOn.isAfter(today)) {
                problems.add("paidOn", "cannot be in the future (" + paidOn + ")");
            } else if (closedOn != null && paidOn.isBefore(closedOn)) {
                problems.add("paidOn", "must not be before the day the deal was won (" + closedOn + ")");
            }
        }
        if (paid != null && (input.amountMinor() == null || input.amountMinor() <= 0)) {
            problems.add("amountMinor", "is required for the invoice of a won deal");
        }
        return new Closing(status, closedOn, enteredOn, null, null, paid,
                Boolean.TRUE.equals(paid) && paidOn == null ? closedOn : paidOn);
    }

    private static Instant noon(LocalDate day, Instant now) {
        return min(day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC), now);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Changes the deal's fields; a new stage or pipeline is recorded as a move. */
    @Transactional
    Deal update(DealId id, DealInput input, long version) {
        Deal before = writable(id);
        requireVersion(before, version);
        Checked checked = validated(before.id(), input, before);
        if (!before.isOpen() && (!checked.stage().id().equals(before.stageId()))) {
            throw new Conflict("«" + before.name() + "» is " + before.status().name().toLowerCase()
                    + "; reopen it before moving it to another stage");
        }
        Instant now = clock.instant();
        boolean moved = !checked.stage().id().equals(before.stageId());
        Deal after = new Deal(before.id(), checked.name(), checked.account().id(), checked.contacts(), checked.amount(),
                checked.currency(), before.isOpen() ? checked.probability() : before.probability(),
                checked.probabilitySet(), checked.expectedClose(), checked.terms(), checked.owner(), before.origin(),
                before.sourceLeadId(), before.status(), checked.pipeline().id(), checked.stage().id(),
                checked.stage().name(), moved ? now : before.stageEnteredAt(), now, before.closedAt(), before.closedOn(),
                before.lostReasonId(), before.lostReason(), before.lostNote(), before.paymentCollectedAt(),
                checked.notes(), checked.custom(), version, before.createdAt(), now);
        write(after, version);
        Deal saved = get(id);
        Map<String, Change> changes = Changes.between(before, saved, NOT_AUDITED);
        if (!changes.isEmpty()) {
            audit.record("deal", id.value(), "updated", changes);
            timeline.append(new Timeline.Append(List.of(subject(saved)), "record.updated", now, "Deal updated", null,
                    changes, link(saved), null));
        }
        if (moved) {
            recordMove(before, saved, pipelines.ofStage(before.stageId()).stage(before.stageId()).orElseThrow(),
                    checked.stage(), now, null);
        }
        if (saved.amountMinor() != before.amountMinor() || !saved.currency().equals(before.currency())) {
            events.publishEvent(new DealAmountChanged(saved.id(), saved.amountMinor(), saved.currency()));
        }
        return saved;
    }

    /** A person moves a deal to another stage of its pipeline (the board, the deal page, the API). */
    @Transactional
    Deal move(DealId id, StageId to, long version, String reason) {
        Deal before = writable(id);
        return moveTo(before, to, version, reason);
    }

    /** A rule moves a deal (the follow-up engine, payment collection): no version, no permission check. */
    @Transactional
    Deal moveBySystem(DealId id, StageId to, String reason) {
        Deal before = get(id);
        if (before.stageId().equals(to)) {
            return before;
        }
        return moveTo(before, to, before.version(), reason);
    }

    /** The "ready to buy" stop rule: the deal goes to its next stage, if it has one and is open. */
    @Transactional
    Deal advance(DealId id, String reason) {
        Deal before = get(id);
        if (!before.isOpen()) {
            return before;
        }
        Pipeline pipeline = pipelines.get(before.pipelineId());
        return pipeline.after(before.stageId()).map(next -> moveTo(before, next.id(), before.version(), reason))
                .orElse(before);
    }

    private Deal moveTo(Deal before, StageId to, long version, String reason) {
        requireVersion(before, version);
        if (!before.isOpen()) {
            throw new Conflict("«" + before.name() + "» is " + before.status().name().toLowerCase()
                    + "; reopen it before moving it");
        }
        Pipeline pipeline = pipelines.get(before.pipelineId());
        Pipeline.Stage target = pipeline.stage(to).orElseThrow(() -> new InvalidInput("stageId",
                "is not a stage of the deal's pipeline «" + pipeline.name() + "»"));
        checkTakesDeals(target, "stageId");
        if (target.id().equals(before.stageId())) {
            return before;
        }
        Pipeline.Stage from = pipeline.stage(before.stageId()).orElseThrow();
        Instant now = clock.instant();
        Deal after = moved(before, target, now);
        write(after, version);
        Deal saved = get(before.id());
        recordMove(before, saved, from, target, now, reason);
        return saved;
    }

    private Deal moved(Deal d, Pipeline.Stage target, Instant now) {
        return new Deal(d.id(), d.name(), d.accountId(), d.contacts(), d.amountMinor(), d.currency(),
                d.probabilitySet() || !d.isOpen() ? d.probability() : target.probability(), d.probabilitySet(),
                d.expectedCloseDate(), d.paymentTermsDays(), d.ownerId(), d.origin(), d.sourceLeadId(), d.status(),
                target.pipelineId(), target.id(), target.name(), now, now, d.closedAt(), d.closedOn(), d.lostReasonId(),
                d.lostReason(), d.lostNote(), d.paymentCollectedAt(), d.notes(), d.custom(), d.version(), d.createdAt(),
                now);
    }

    private void recordMove(Deal before, Deal after, Pipeline.Stage from, Pipeline.Stage to, Instant now, String reason) {
        StageMovement movement = StageMovement.of(from, to);
        history.record(after.id(), from.pipelineId(), from.id(), to.id(), movement, now, before.stageEnteredAt(), reason);
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("stage", new Change(from.name(), to.name()));
        if (before.probability() != after.probability()) {
            changes.put("probability", new Change(before.probability(), after.probability()));
        }
        audit.record("deal", after.id().value(), movement.name().toLowerCase(), changes);
        long days = java.time.Duration.between(before.stageEnteredAt(), now).toDays();
        String title = after.name() + ": " + from.name() + " → " + to.name() + " (" + movement.name().toLowerCase()
                + ", " + days + (days == 1 ? " day" : " days") + " in " + from.name() + ")";
        timeline.append(new Timeline.Append(subjects(after), "deal.stage", now, title, reason, changes, link(after),
                new Subject("deal", after.id().value())));
        events.publishEvent(new DealStageChanged(after.id(), from.id(), to.id(), movement == StageMovement.PROGRESSED, now));
    }

    /** Resets the board's idle clock (a touch on the deal). */
    void activity(DealId id, Instant at) {
        deals.activity(id.value(), at.toEpochMilli());
    }

    // --- outcomes ---------------------------------------------------------------------------

    /** The schedule offered when winning: one invoice of the whole amount, due after the payment terms. */
    List<PaymentSchedule.Installment> defaultSchedule(Deal deal, Long amountMinor, int installments) {
        long amount = amountMinor == null ? deal.amountMinor() : amountMinor;
        return PaymentSchedule.defaults(amount, Actors.current().today(clock), deal.paymentTermsDays(), installments);
    }

    /**
     * Wins a deal with its payment schedule; {@code invoices} null takes the default schedule. The
     * invoices must add up to the amount won ({@code amountMinor} null: the deal's amount).
     */
    @Transactional
    Deal win(DealId id, Long amountMinor, List<Invoice> invoices, long version) {
        Deal before = writable(id);
        requireVersion(before, version);
        requireOpen(before, "won");
        InvalidInput.Collector problems = new InvalidInput.Collector();
        long amount = amountMinor == null ? before.amountMinor() : amountMinor;
        problems.check(amount >= 0, "amountMinor", "must not be negative");
        List<PaymentSchedule.Installment> schedule = new ArrayList<>();
        if (invoices == null) {
            if (amount >= 0) {
                schedule.addAll(defaultSchedule(before, amount, 1));
            }
        } else {
            for (int i = 0; i < invoices.size(); i++) {
                Invoice invoice = invoices.get(i);
                String field = "payments[" + i + "]";
                if (invoice == null) {
                    problems.add(field, "is required");
                    continue;
                }
                problems.check(invoice.amountMinor() != null && invoice.amountMinor() > 0, field + ".amountMinor",
                        "must be more than zero");
                problems.check(invoice.dueOn() != null, field + ".dueOn", "is required");
                problems.check(invoice.reference() == null || invoice.reference().length() <= 100, field + ".reference",
                        "must have at most 100 characters");
                if (invoice.amountMinor() != null && invoice.amountMinor() > 0 && invoice.dueOn() != null) {
                    schedule.add(new PaymentSchedule.Installment(invoice.amountMinor(), invoice.dueOn(),
                            invoice.reference() == null || invoice.reference().isBlank() ? null : invoice.reference().strip()));
                }
            }
            if (problems.isEmpty()) {
                long total = schedule.stream().mapToLong(PaymentSchedule.Installment::amountMinor).sum();
                problems.check(total == amount, "payments", "add up to " + total + " but the amount won is " + amount
                        + " (minor units of " + before.currency() + ")");
            }
        }
        problems.throwIfAny();
        Instant now = clock.instant();
        Deal after = closed(before, DealStatus.WON, amount, 100, now, null, null, null);
        write(after, version);
        for (PaymentSchedule.Installment installment : schedule) {
            payments.schedule(after, installment);
        }
        Deal saved = get(id);
        Map<String, Change> changes = Changes.between(before, saved, NOT_AUDITED);
        changes.put("payments", new Change(null, schedule.size()));
        audit.record("deal", id.value(), "won", changes);
        timeline.append(new Timeline.Append(subjects(saved), "deal.won", now, "Deal won: " + saved.name(),
                schedule.size() + (schedule.size() == 1 ? " invoice" : " invoices") + " scheduled", changes, link(saved),
                new Subject("deal", id.value())));
        events.publishEvent(new DealWon(saved.id(), saved.accountId(), saved.amountMinor(), saved.currency(), now));
        return saved;
    }

    @Transactional
    Deal lose(DealId id, LostReasonId reasonId, String note, long version) {
        Deal before = writable(id);
        requireVersion(before, version);
        requireOpen(before, "lost");
        InvalidInput.Collector problems = new InvalidInput.Collector();
        LostReasons.LostReason reason = reasonId == null ? null : lostReasons.find(reasonId).orElse(null);
        if (reasonId == null) {
            problems.add("reasonId", "is required: why was the deal lost?");
        } else if (reason == null || reason.retired()) {
            problems.add("reasonId", "is not one of the workspace's lost reasons");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        problems.check(cleanNote == null || cleanNote.length() <= 1000, "note", "must have at most 1000 characters");
        problems.throwIfAny();
        Instant now = clock.instant();
        Deal after = closed(before, DealStatus.LOST, before.amountMinor(), 0, now, reason.id(), reason.label(), cleanNote);
        write(after, version);
        Deal saved = get(id);
        Map<String, Change> changes = Changes.between(before, saved, NOT_AUDITED);
        audit.record("deal", id.value(), "lost", changes);
        timeline.append(new Timeline.Append(subjects(saved), "deal.lost", now,
                "Deal lost: " + saved.name() + " — " + reason.label(), cleanNote, changes, link(saved),
                new Subject("deal", id.value())));
        events.publishEvent(new DealLost(saved.id(), saved.accountId(), reason.label(), now));
        return saved;
    }

    /** Opens a won or lost deal again; a won deal's unpaid invoices go, a paid one forbids it. */
    @Transactional
    Deal reopen(DealId id, long version) {
        Deal before = writable(id);
        requireVersion(before, version);
        if (before.isOpen()) {
            throw new Conflict("«" + before.name() + "» is already open");
        }
        if (payments.ofDeal(id).stream().anyMatch(Payment::paid)) {
            throw new Conflict("«" + before.name() + "» has paid invoices; it cannot be reopened");
        }
        payments.deleteUnpaid(id);
        Pipeline pipeline = pipelines.get(before.pipelineId());
        Pipeline.Stage stage = pipeline.stage(before.stageId()).filter(Pipeline.Stage::takesDeals)
                .orElseGet(pipeline::firstStage);
        Instant now = clock.instant();
        Deal after = new Deal(before.id(), before.name(), before.accountId(), before.contacts(), before.amountMinor(),
                before.currency(), before.probabilitySet() ? before.probability() : stage.probability(),
                before.probabilitySet(), before.expectedCloseDate(), before.paymentTermsDays(), before.ownerId(),
                before.origin(), before.sourceLeadId(), DealStatus.OPEN, before.pipelineId(), stage.id(), stage.name(),
                stage.id().equals(before.stageId()) ? before.stageEnteredAt() : now, now, null, null, null, null, null,
                null, before.notes(), before.custom(), version, before.createdAt(), now);
        write(after, version);
        Deal saved = get(id);
        Map<String, Change> changes = Changes.between(before, saved, NOT_AUDITED);
        audit.record("deal", id.value(), "reopened", changes);
        timeline.append(new Timeline.Append(subjects(saved), "deal.reopened", now, "Deal reopened: " + saved.name(),
                null, changes, link(saved), new Subject("deal", id.value())));
        return saved;
    }

    /**
     * Every invoice of a won deal is paid: the payment is collected, and a pipeline with a
     * payment-collected stage (the seven elements) moves the deal there, completing the cycle.
     */
    void paymentCollected(DealId id, Instant at) {
        Deal before = get(id);
        Pipeline pipeline = pipelines.get(before.pipelineId());
        Pipeline.Stage target = pipeline.paymentStage().orElse(null);
        Pipeline.Stage from = pipeline.stage(before.stageId()).orElseThrow();
        Deal after = new Deal(before.id(), before.name(), before.accountId(), before.contacts(), before.amountMinor(),
                before.currency(), before.probability(), before.probabilitySet(), before.expectedCloseDate(),
                before.paymentTermsDays(), before.ownerId(), before.origin(), before.sourceLeadId(), before.status(),
                before.pipelineId(), target == null ? before.stageId() : target.id(),
                target == null ? before.stageName() : target.name(),
                target == null || target.id().equals(from.id()) ? before.stageEnteredAt() : at, at, before.closedAt(),
                before.closedOn(), before.lostReasonId(), before.lostReason(), before.lostNote(), at, before.notes(),
                before.custom(), before.version(), before.createdAt(), at);
        write(after, before.version());
        Deal saved = get(id);
        audit.record("deal", id.value(), "payment collected", Map.of("paymentCollectedAt", new Change(null, at)));
        if (target != null && !target.id().equals(from.id())) {
            recordMove(before, saved, from, target, at, "payment collected");
        }
    }

    /** A paid invoice was marked unpaid again: the payment is no longer collected (the stage stays). */
    void paymentUncollected(DealId id) {
        Deal before = get(id);
        if (before.paymentCollectedAt() == null) {
            return;
        }
        Deal after = new Deal(before.id(), before.name(), before.accountId(), before.contacts(), before.amountMinor(),
                before.currency(), before.probability(), before.probabilitySet(), before.expectedCloseDate(),
                before.paymentTermsDays(), before.ownerId(), before.origin(), before.sourceLeadId(), before.status(),
                before.pipelineId(), before.stageId(), before.stageName(), before.stageEnteredAt(),
                before.lastActivityAt(), before.closedAt(), before.closedOn(), before.lostReasonId(), before.lostReason(),
                before.lostNote(), null, before.notes(), before.custom(), before.version(), before.createdAt(),
                clock.instant());
        write(after, before.version());
        audit.record("deal", id.value(), "payment reopened", Map.of("paymentCollectedAt",
                new Change(before.paymentCollectedAt(), null)));
    }

    /** Retires a stage, first moving its open deals to {@code moveTo} (recorded like any move). */
    @Transactional
    Pipeline retireStage(StageId stage, StageId moveTo, long version) {
        Pipeline pipeline = pipelines.ofStage(stage);
        List<Long> open = deals.openInStage(stage);
        if (!open.isEmpty()) {
            if (moveTo == null) {
                throw new InvalidInput("moveTo", "is required: " + open.size() + " open deals are in this stage");
            }
            Pipeline.Stage target = pipeline.stage(moveTo).orElseThrow(() -> new InvalidInput("moveTo",
                    "is not a stage of the pipeline «" + pipeline.name() + "»"));
            if (target.id().equals(stage) || !target.takesDeals()) {
                throw new InvalidInput("moveTo", "must be another stage of the pipeline that takes deals");
            }
            for (Long deal : open) {
                moveBySystem(new DealId(deal), moveTo, "stage retired");
            }
        }
        return pipelines.setRetired(stage, true, version);
    }

    private static void checkTakesDeals(Pipeline.Stage stage, String field) {
        if (stage.retired()) {
            throw new InvalidInput(field, "is the retired stage «" + stage.name() + "», which takes no more deals");
        }
        if (stage.collectsPayment()) {
            throw new InvalidInput(field, "«" + stage.name()
                    + "» is reached when the payments of a won deal are collected: win the deal and record its payments");
        }
    }

    private Deal closed(Deal d, DealStatus status, long amount, int probability, Instant now, LostReasonId reason,
            String reasonLabel, String note) {
        return new Deal(d.id(), d.name(), d.accountId(), d.contacts(), amount, d.currency(), probability,
                d.probabilitySet(), d.expectedCloseDate(), d.paymentTermsDays(), d.ownerId(), d.origin(), d.sourceLeadId(),
                status, d.pipelineId(), d.stageId(), d.stageName(), d.stageEnteredAt(), now, now,
                Actors.current().today(clock), reason, reasonLabel, note, null, d.notes(), d.custom(), d.version(),
                d.createdAt(), now);
    }

    private void write(Deal deal, long version) {
        if (!deals.update(deal, version, clock.millis())) {
            throw new StaleVersion("The deal", get(deal.id()).version());
        }
    }

    private static void requireVersion(Deal deal, long version) {
        if (deal.version() != version) {
            throw new StaleVersion("The deal «" + deal.name() + "»", deal.version());
        }
    }

    private static void requireOpen(Deal deal, String outcome) {
        if (!deal.isOpen()) {
            throw new Conflict("«" + deal.name() + "» is already " + deal.status().name().toLowerCase()
                    + "; it cannot be " + outcome + " again");
        }
    }

    // --- validation -------------------------------------------------------------------------

    private record Checked(DealId id, String name, Account account, List<Deal.DealContact> contacts, long amount,
            String currency, int probability, boolean probabilitySet, LocalDate expectedClose, int terms, UserId owner,
            DealOrigin origin, Pipeline pipeline, Pipeline.Stage stage, String notes, Map<String, Object> custom) {
    }

    /** Checks every field, naming each bad one. */
    private Checked validated(DealId id, DealInput input, Deal before) {
        return validated(id, input, before, new InvalidInput.Collector());
    }

    /** Checks every field, naming each bad one together with the {@code problems} found already. */
    private Checked validated(DealId id, DealInput input, Deal before, InvalidInput.Collector problems) {
        Actor actor = Actors.current();
        String name = input.name() == null ? "" : input.name().strip();
        problems.check(!name.isEmpty() && name.length() <= 300, "name", "is required (at most 300 characters)");
        Account account = null;
        if (input.accountId() == null) {
            problems.add("accountId", "is required");
        } else {
            account = parties.account(input.accountId()).orElse(null);
            if (account == null || !actor.canRead(account.ownerId() == null ? null : account.ownerId().value())) {
                problems.add("accountId", "is not an account you can see");
            }
        }
        List<Deal.DealContact> contacts = input.contacts() == null ? List.of() : input.contacts();
        List<ContactId> contactIds = new ArrayList<>();
        for (int i = 0; i < contacts.size(); i++) {
            Deal.DealContact contact = contacts.get(i);
            if (contact == null || contact.contactId() == null) {
                problems.add("contacts[" + i + "].contactId", "is required");
            } else if (contactIds.contains(contact.contactId())) {
                problems.add("contacts[" + i + "].contactId", "is on the deal twice");
            } else {
                contactIds.add(contact.contactId());
            }
        }
        var found = parties.contacts(contactIds);
        for (int i = 0; i < contacts.size(); i++) {
            Deal.DealContact contact = contacts.get(i);
            if (contact != null && contact.contactId() != null && !found.containsKey(contact.contactId())) {
                problems.add("contacts[" + i + "].contactId", "is not a contact of this workspace");
            }
        }
        long amount = input.amountMinor() == null ? 0 : input.amountMinor();
        problems.check(amount >= 0, "amountMinor", "must not be negative");
        String currency = settings.currencyFor(problems, "currency", input.currency());
        Integer probability = input.probability();
        problems.check(probability == null || (probability >= 0 && probability <= 100), "probability",
                "must be a percentage between 0 and 100");
        int terms = input.paymentTermsDays() == null ? settings.current().defaultPaymentTerms() : input.paymentTermsDays();
        problems.check(terms >= 0 && terms <= 3650, "paymentTermsDays", "must be between 0 and 3650 days");
        UserId owner = input.ownerId();
        if (owner == null) {
            problems.add("ownerId", "is required");
        } else if (before == null || !owner.equals(before.ownerId())) {
            UserSummary user = directory.user(owner).filter(UserSummary::active).orElse(null);
            if (user == null) {
                problems.add("ownerId", "is not an active user of this workspace");
            } else if (user.role() == Role.STAFF) {
                problems.add("ownerId", "is staff; deals are owned by people who sell");
            } else if (!actor.canWrite(owner.value())) {
                problems.add("ownerId", "is outside your team: you could no longer work on the deal");
            }
        }
        DealOrigin origin = input.origin() == null ? DealOrigin.NEW_BUSINESS : input.origin();
        Pipeline pipeline = null;
        Pipeline.Stage stage = null;
        PipelineId pipelineId = input.pipelineId();
        if (pipelineId == null && input.stageId() != null) {
            pipelineId = pipelines.all().stream().filter(p -> p.stage(input.stageId()).isPresent()).map(Pipeline::id)
                    .findFirst().orElse(null);
            if (pipelineId == null) {
                problems.add("stageId", "is not a stage of this workspace");
            }
        }
        if (pipelineId == null) {
            pipelineId = before != null ? before.pipelineId() : pipelines.defaultPipeline().id();
        }
        PipelineId wanted = pipelineId;
        pipeline = pipelines.all().stream().filter(p -> p.id().equals(wanted)).findFirst().orElse(null);
        if (pipeline == null) {
            problems.add("pipelineId", "is not a pipeline of this workspace");
        } else if (pipeline.archived() && (before == null || !before.pipelineId().equals(pipeline.id()))) {
            problems.add("pipelineId", "is archived and takes no new deals");
        } else if (problems.has("stageId")) {
            stage = null;
        } else if (input.stageId() == null) {
            stage = before != null && before.pipelineId().equals(pipeline.id()) ? pipeline.stage(before.stageId()).orElseThrow()
                    : origin == DealOrigin.REPEAT ? pipeline.repeatStage() : pipeline.firstStage();
        } else {
            stage = pipeline.stage(input.stageId()).orElse(null);
            if (stage == null) {
                problems.add("stageId", "is not a stage of the pipeline «" + pipeline.name() + "»");
            } else if (before == null || !stage.id().equals(before.stageId())) {
                try {
                    checkTakesDeals(stage, "stageId");
                } catch (InvalidInput e) {
                    problems.add("stageId", e.messageFor("stageId"));
                }
            }
        }
        String notes = input.notes() == null || input.notes().isBlank() ? null : input.notes().strip();
        problems.check(notes == null || notes.length() <= 20_000, "notes", "must have at most 20000 characters");
        Map<String, Object> custom = Map.of();
        try {
            custom = customFields.validate("deal", before == null ? Map.of() : before.custom(),
                    input.custom() == null ? Map.of() : input.custom(), before == null);
        } catch (InvalidInput e) {
            e.problems().forEach(p -> problems.add(p.field(), p.message()));
        }
        problems.throwIfAny();
        boolean probabilitySet = probability != null;
        int effective = probabilitySet ? probability : stage.probability();
        return new Checked(id, name, account, contacts, amount, currency, effective, probabilitySet,
                input.expectedCloseDate(), terms, owner, origin, pipeline, stage, notes, custom);
    }

    private static DealInput withOwner(DealInput i, UserId owner) {
        return new DealInput(i.name(), i.accountId(), i.contacts(), i.amountMinor(), i.currency(), i.probability(),
                i.expectedCloseDate(), i.paymentTermsDays(), owner, i.origin(), i.pipelineId(), i.stageId(), i.notes(),
                i.custom());
    }

    static List<Subject> subjects(Deal deal) {
        List<Subject> subjects = new ArrayList<>();
        subjects.add(subject(deal));
        subjects.add(new Subject("account", deal.accountId().value()));
        deal.contacts().forEach(c -> subjects.add(new Subject("contact", c.contactId().value())));
        return subjects;
    }

    static Subject subject(Deal deal) {
        return new Subject("deal", deal.id().value());
    }

    static String link(Deal deal) {
        return "/deals/" + deal.id().value();
    }

}
