package app.tickler.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.UserId;
import app.tickler.party.Contact;
import app.tickler.party.ContactId;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * Enrolling contacts (and, through the sales hooks, leads and deals) in cadences, moving them step
 * by step, and the stop rules: ready to buy, asked to stop, deal won or lost, by hand — never because
 * a rep got tired: before attempt {@value #PERSISTENCE} ending by hand needs a reason and shows on the
 * managers' "gave up early" view.
 */
@Service
class Enrolments {

    /** Seed 003: most reps give up after four attempts while deals close on attempts five to twenty. */
    static final int PERSISTENCE = 5;

    static final class EnrolmentNotFound extends NotFound {
        EnrolmentNotFound(long id) {
            super("Enrolment", id);
        }
    }

    record Request(CadenceId cadenceId, ContactId contactId, Long leadId, Long dealId, UserId ownerId,
            LocalDate startOn) {
    }

    record Skipped(String id, String reason) {
    }

    record Bulk(List<Enrolment> enrolled, List<Skipped> skipped) {
    }

    private final EnrolmentRepository enrolments;
    private final Cadences cadences;
    private final Planner planner;
    private final Related related;
    private final Attempts attempts;
    private final Parties parties;
    private final SalesHooks sales;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    Enrolments(EnrolmentRepository enrolments, Cadences cadences, Planner planner, Related related, Attempts attempts,
            Parties parties, SalesHooks sales, IdGenerator ids, Clock clock, AuditLog audit, Timeline timeline,
            ApplicationEventPublisher events) {
        this.enrolments = enrolments;
        this.cadences = cadences;
        this.planner = planner;
        this.related = related;
        this.attempts = attempts;
        this.parties = parties;
        this.sales = sales;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
        this.events = events;
    }

    Enrolment visible(EnrolmentId id) {
        Enrolment enrolment = enrolments.find(id.value()).orElseThrow(() -> new EnrolmentNotFound(id.value()));
        if (!Actors.current().canRead(enrolment.ownerId().value())) {
            throw new EnrolmentNotFound(id.value());
        }
        return enrolment;
    }

    Page<Enrolment> list(CadenceId cadence, ContactId contact, EnrolmentStatus status, boolean gaveUpEarly, Paging paging) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        var visibility = app.tickler.platform.security.Visibility.of(Actors.current(), "e.owner_id", false);
        where.append(" AND ").append(visibility.sql());
        params.putAll(visibility.parameters());
        if (cadence != null) {
            where.append(" AND e.cadence_id = :cadence");
            params.put("cadence", cadence.value());
        }
        if (contact != null) {
            where.append(" AND e.contact_id = :contact");
            params.put("contact", contact.value());
        }
        if (status != null) {
            where.append(" AND e.status = :status");
            params.put("status", status.name());
        }
        if (gaveUpEarly) {
            where.append(" AND e.end_reason = 'BY_HAND' AND e.end_attempt < " + PERSISTENCE);
        }
        return enrolments.page(where.toString(), params, paging);
    }

    List<Enrolment> activeOf(String column, long id) {
        return enrolments.where("e." + column + " = :id AND e.status = 'ACTIVE'", Map.of("id", id));
    }

    // --- enrolling --------------------------------------------------------------------------------

    @Transactional
    Enrolment enrol(Request request) {
        Cadence cadence = usableCadence(request.cadenceId());
        return enrolOne(cadence, request);
    }

    /** Enrols many contacts at once; whoever cannot be enrolled is skipped with the reason, the rest are enrolled. */
    @Transactional
    Bulk enrolAll(CadenceId cadenceId, List<ContactId> contacts, UserId owner, LocalDate startOn) {
        Cadence cadence = usableCadence(cadenceId);
        if (contacts == null || contacts.isEmpty() || contacts.size() > 1000) {
            throw new InvalidInput("contactIds", "must list 1 to 1000 contacts");
        }
        List<Enrolment> enrolled = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (ContactId contact : new java.util.LinkedHashSet<>(contacts)) {
            try {
                enrolled.add(enrolOne(cadence, new Request(cadenceId, contact, null, null, owner, startOn)));
            } catch (InvalidInput | Conflict e) {
                // checks run before anything is written for this contact, so the others go ahead
                skipped.add(new Skipped(Long.toString(contact.value()), e instanceof InvalidInput invalid
                        ? invalid.problems().get(0).field() + " " + invalid.problems().get(0).message() : e.getMessage()));
            }
        }
        return new Bulk(enrolled, skipped);
    }

    private Cadence usableCadence(CadenceId id) {
        if (id == null) {
            throw new InvalidInput("cadenceId", "is required");
        }
        Cadence cadence;
        try {
            cadence = cadences.get(id);
        } catch (NotFound e) {
            throw new InvalidInput("cadenceId", "is not a cadence of this workspace");
        }
        if (cadence.archived()) {
            throw new InvalidInput("cadenceId", "is archived");
        }
        return cadence;
    }

    private Enrolment enrolOne(Cadence cadence, Request request) {
        Actor actor = Actors.current();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        int targets = (request.contactId() == null ? 0 : 1) + (request.leadId() == null ? 0 : 1)
                + (request.dealId() == null ? 0 : 1);
        problems.check(targets == 1, "contactId", "or leadId or dealId: exactly one target is enrolled");
        Related.Records records = related.check(problems, null,
                request.contactId() == null ? List.of() : List.of(request.contactId()), request.leadId(), request.dealId(),
                true);
        Contact contact = records.firstContact();
        UserId owner = request.ownerId() != null ? request.ownerId()
                : actor.is(app.tickler.platform.security.Role.REP) || contact == null || contact.ownerId() == null
                        ? new UserId(actor.userId()) : contact.ownerId();
        if (related.activeUser(problems, "ownerId", owner) != null && !actor.canWrite(owner.value())) {
            problems.add("ownerId", "is outside your team");
        }
        problems.throwIfAny();
        parties.requireContactable(records.accountId(), records.contactIds());
        String column = request.contactId() != null ? "contact_id" : request.leadId() != null ? "lead_id" : "deal_id";
        long target = request.contactId() != null ? request.contactId().value()
                : request.leadId() != null ? request.leadId() : request.dealId();
        List<Enrolment> active = activeOf(column, target);
        if (!active.isEmpty()) {
            throw new Conflict("Already enrolled in \"" + active.get(0).cadenceName()
                    + "\": end that enrolment first (one active enrolment per contact, lead or deal)");
        }
        LocalDate start = request.startOn() != null ? request.startOn() : LocalDate.now(clock.withZone(related.zoneOf(owner)));
        if (start.isBefore(LocalDate.now(clock.withZone(related.zoneOf(owner))))) {
            throw new InvalidInput("startOn", "is in the past");
        }
        long id = ids.next();
        enrolments.insert(id, cadence.id().value(), request.contactId() == null ? null : request.contactId().value(),
                request.leadId(), request.dealId(), records.accountId() == null ? null : records.accountId().value(),
                owner.value(), start, clock.millis());
        Cadence.Step first = cadence.steps().get(0);
        planStep(new EnrolmentId(id), cadence, first, CadenceSchedule.firstDue(start, first.dayOffset()), owner, records);
        Enrolment created = enrolments.find(id).orElseThrow();
        audit.record("enrolment", id, "enrolled", Changes.between(null, created));
        timeline.append(new Timeline.Append(records.subjects(), "enrolment.started", null,
                "Enrolled in the cadence \"" + cadence.name() + "\"", null, Map.of(), "/cadences/" + cadence.id().value(),
                null));
        return created;
    }

    private void planStep(EnrolmentId enrolment, Cadence cadence, Cadence.Step step, LocalDate due, UserId owner,
            Related.Records records) {
        String instructions = step.instructions();
        if (step.sendsEmail()) {
            instructions = (instructions == null ? "" : instructions + "\n") + "Email: " + step.emailSubject();
        }
        planner.create(new Planner.Spec(owner, due, null, related.zoneOf(owner), step.channel(), step.reasonId(),
                instructions, records, FollowUpOrigin.CADENCE_STEP, Priority.NORMAL, enrolment, step.position(), null));
    }

    // --- moving on --------------------------------------------------------------------------------

    @EventListener
    void on(FollowUpCompleted completed) {
        advanceAfter(completed.followUp());
    }

    @EventListener
    void on(FollowUpSkipped skipped) {
        advanceAfter(skipped.followUp());
    }

    /** The step (or nurture touch) of an enrolment was dealt with: plan the next one. It never just ends. */
    private void advanceAfter(FollowUpId followUpId) {
        FollowUp done = planner.visibleOrNull(followUpId);
        if (done == null || done.enrolmentId() == null) {
            return;
        }
        Enrolment enrolment = enrolments.find(done.enrolmentId().value()).orElse(null);
        if (enrolment == null || !enrolment.isActive()) {
            return;
        }
        Cadence cadence = cadences.get(enrolment.cadenceId());
        Related.Records records = recordsOf(enrolment);
        if (!parties.mayContact(records.accountId(), records.contactIds())) {
            return;
        }
        LocalDate doneOn = LocalDate.now(clock.withZone(done.timeZone()));
        int next = enrolment.stepPosition() + 1;
        if (next < cadence.steps().size()) {
            Cadence.Step doneStep = cadence.steps().get(Math.min(enrolment.stepPosition(), cadence.steps().size() - 1));
            Cadence.Step nextStep = cadence.steps().get(next);
            enrolments.advance(enrolment.id().value(), next, clock.millis());
            planStep(enrolment.id(), cadence, nextStep, CadenceSchedule.nextDue(enrolment.startedOn(),
                    doneStep.dayOffset(), nextStep.dayOffset(), doneOn), enrolment.ownerId(), records);
        } else {
            enrolments.advance(enrolment.id().value(), cadence.steps().size(), clock.millis());
            planner.create(new Planner.Spec(enrolment.ownerId(), CadenceSchedule.nurtureDue(doneOn, cadence.nurtureDays()),
                    null, related.zoneOf(enrolment.ownerId()), cadence.nurtureChannel(), cadence.nurtureReasonId(),
                    "Nurture touch of \"" + cadence.name() + "\": bring something pertinent.", records,
                    FollowUpOrigin.NURTURE, Priority.NORMAL, enrolment.id(), cadence.steps().size(), null));
        }
    }

    private Related.Records recordsOf(Enrolment enrolment) {
        Contact contact = enrolment.contactId() == null ? null : parties.contact(enrolment.contactId()).orElse(null);
        return new Related.Records(enrolment.accountId() == null ? null : parties.account(enrolment.accountId()).orElse(null),
                contact == null ? List.of() : List.of(contact), enrolment.leadId(), enrolment.dealId());
    }

    // --- stopping ---------------------------------------------------------------------------------

    /**
     * Ends an enrolment by a person. ASKED_TO_STOP marks the contact do-not-contact (ending every
     * enrolment of theirs) and, with {@code extendToAccount}, their organisation too.
     */
    @Transactional
    Enrolment stop(EnrolmentId id, long version, EnrolmentEndReason reason, String note, boolean extendToAccount) {
        Enrolment enrolment = visible(id);
        Actor actor = Actors.current();
        if (!actor.canWrite(enrolment.ownerId().value())) {
            throw new AccessDeniedException("not your enrolment");
        }
        if (!enrolment.isActive()) {
            throw new Conflict("This enrolment has already ended");
        }
        if (enrolment.version() != version) {
            throw new StaleVersion("The enrolment", enrolment.version());
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String clean = Planner.text(problems, "note", note, 1000);
        if (reason == null) {
            problems.add("reason", "is required: READY_TO_BUY, ASKED_TO_STOP or BY_HAND");
        } else if (reason != EnrolmentEndReason.READY_TO_BUY && reason != EnrolmentEndReason.ASKED_TO_STOP
                && reason != EnrolmentEndReason.BY_HAND) {
            problems.add("reason", "must be READY_TO_BUY, ASKED_TO_STOP or BY_HAND; the others are set by the engine");
        }
        int attempt = attempts.current(target(enrolment));
        if (reason == EnrolmentEndReason.BY_HAND && attempt < PERSISTENCE && clean == null) {
            problems.add("note", "is required: giving up at attempt " + attempt + ", before attempt " + PERSISTENCE
                    + ", needs a reason (deals close on attempts 5 to 20)");
        }
        if (extendToAccount && (reason != EnrolmentEndReason.ASKED_TO_STOP || enrolment.accountId() == null)) {
            problems.add("extendToAccount", "applies only when a contact with an organisation asked to stop");
        }
        problems.throwIfAny();
        end(enrolment, version, reason, clean, attempt);
        if (reason == EnrolmentEndReason.READY_TO_BUY) {
            sales.readyToBuy(enrolment.leadId(), enrolment.dealId());
        }
        if (reason == EnrolmentEndReason.ASKED_TO_STOP && enrolment.contactId() != null) {
            parties.markDoNotContact(enrolment.contactId(), clean == null ? "asked to stop" : clean);
            if (extendToAccount) {
                parties.markDoNotContact(enrolment.accountId(), clean == null ? "asked to stop" : clean);
            }
        }
        return enrolments.find(id.value()).orElseThrow();
    }

    /** Ends every active enrolment whose column is the id (do-not-contact, a deal won or lost, a merge). */
    void endFor(String column, long id, EnrolmentEndReason reason, String note) {
        for (Enrolment enrolment : activeOf(column, id)) {
            end(enrolment, null, reason, note, attempts.current(target(enrolment)));
        }
    }

    @EventListener
    void on(ReadyToBuy ready) {
        for (ContactId contact : ready.contacts()) {
            endFor("contact_id", contact.value(), EnrolmentEndReason.READY_TO_BUY, "ready to buy");
        }
        if (ready.lead() != null) {
            endFor("lead_id", ready.lead(), EnrolmentEndReason.READY_TO_BUY, "ready to buy");
        }
        if (ready.deal() != null) {
            endFor("deal_id", ready.deal(), EnrolmentEndReason.READY_TO_BUY, "ready to buy");
        }
    }

    private void end(Enrolment enrolment, Long version, EnrolmentEndReason reason, String note, int attempt) {
        Actor actor = Actors.current();
        if (!enrolments.end(enrolment.id().value(), version, reason, note, attempt,
                actor.isSystem() ? null : actor.userId(), clock.millis())) {
            throw new StaleVersion("The enrolment", enrolments.find(enrolment.id().value()).map(Enrolment::version).orElse(0L));
        }
        planner.cancel("f.enrolment_id = :enrolment", Map.of("enrolment", enrolment.id().value()),
                "enrolment ended: " + reason.name().toLowerCase().replace('_', ' '));
        boolean early = reason == EnrolmentEndReason.BY_HAND && attempt < PERSISTENCE;
        audit.record("enrolment", enrolment.id().value(), "ended", Map.of("status",
                new Change(EnrolmentStatus.ACTIVE, EnrolmentStatus.ENDED), "reason", new Change(null, reason),
                "attempt", new Change(null, attempt)));
        List<Subject> subjects = new ArrayList<>(recordsOf(enrolment).subjects());
        if (enrolment.contactId() != null && subjects.stream().noneMatch(s -> s.type().equals("contact"))) {
            subjects.add(new Subject("contact", enrolment.contactId().value()));
        }
        timeline.append(new Timeline.Append(subjects, "enrolment.ended", null, "Cadence \"" + enrolment.cadenceName()
                + "\" ended: " + reason.name().toLowerCase().replace('_', ' ') + " at attempt " + attempt, note, Map.of(),
                null, null));
        events.publishEvent(new EnrolmentEnded(enrolment.id(), enrolment.cadenceId(), enrolment.contactId(),
                enrolment.leadId(), enrolment.dealId(), reason, attempt, early));
    }

    private static Subject target(Enrolment enrolment) {
        if (enrolment.dealId() != null) {
            return new Subject("deal", enrolment.dealId());
        }
        if (enrolment.leadId() != null) {
            return new Subject("lead", enrolment.leadId());
        }
        return new Subject("contact", enrolment.contactId().value());
    }
}
