package app.tickler.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.party.Parties;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * Logging touches — on their own, or completing a follow-up — in one transaction with everything they
 * cause: the attempt number, every related timeline, the parties' last touch, a new customer level, a
 * stage move, the silence of the level policy reset, and the events the rest of the engine reacts to.
 */
@Service
class TouchLog {

    static final class TouchNotFound extends NotFound {
        TouchNotFound(long id) {
            super("Touch", id);
        }
    }

    /** What logging gives back: the touch, and whether its record is now left without a next step. */
    record Logged(Touch touch, boolean needsNextStep) {
    }

    /** A touch may be logged up to this far ahead of the server's clock (clocks differ a little). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final TouchRepository touches;
    private final FollowUpRepository followUps;
    private final Planner planner;
    private final Related related;
    private final Attempts attempts;
    private final BusinessReasons reasons;
    private final Parties parties;
    private final SalesHooks sales;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    TouchLog(TouchRepository touches, FollowUpRepository followUps, Planner planner, Related related, Attempts attempts,
            BusinessReasons reasons, Parties parties, SalesHooks sales, IdGenerator ids, Clock clock, AuditLog audit,
            Timeline timeline, ApplicationEventPublisher events) {
        this.touches = touches;
        this.followUps = followUps;
        this.planner = planner;
        this.related = related;
        this.attempts = attempts;
        this.reasons = reasons;
        this.parties = parties;
        this.sales = sales;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
        this.events = events;
    }

    Touch visible(TouchId id) {
        Touch touch = touches.find(id.value()).orElseThrow(() -> new TouchNotFound(id.value()));
        Actor actor = Actors.current();
        if (touch.loggedById() != null && !actor.canRead(touch.loggedById().value()) && !visibleThroughRecord(touch)) {
            throw new TouchNotFound(id.value());
        }
        return touch;
    }

    private boolean visibleThroughRecord(Touch touch) {
        try {
            if (touch.accountId() != null) {
                parties.visibleAccount(touch.accountId());
                return true;
            }
            for (ContactId contact : touch.contactIds()) {
                parties.visibleContact(contact);
                return true;
            }
        } catch (NotFound e) {
            return false;
        }
        // a touch on a lead or deal alone: visible with it
        return sales.seesLeadOrDeal(touch.leadId(), touch.dealId());
    }

    @Transactional
    Logged log(NewTouch request) {
        return log(request, null, null);
    }

    /** Completes a follow-up by logging the touch it planned; fields left out come from the follow-up. */
    @Transactional
    Logged complete(FollowUpId id, long version, NewTouch request) {
        FollowUp followUp = planner.open(planner.workable(id), version);
        NewTouch r = request == null ? NewTouch.of(null, null, null) : request;
        boolean noRecords = r.accountId() == null && (r.contactIds() == null || r.contactIds().isEmpty())
                && r.leadId() == null && r.dealId() == null;
        NewTouch merged = new NewTouch(r.occurredAt(), r.channel() != null ? r.channel() : followUp.channel(),
                r.direction(), noRecords ? followUp.accountId() : r.accountId(),
                noRecords ? (followUp.contactId() == null ? List.of() : List.of(followUp.contactId())) : r.contactIds(),
                noRecords ? followUp.leadId() : r.leadId(), noRecords ? followUp.dealId() : r.dealId(),
                r.reasonId() != null ? r.reasonId() : followUp.reasonId(), r.notes(), r.reached(), r.outcome(),
                r.newLevel(), r.stage(), r.readyToBuy());
        return log(merged, followUp, null);
    }

    /** Logs a touch for an enrolment's email step that was sent (by the system, on the assignee's behalf). */
    @Transactional
    Logged logSent(NewTouch request, FollowUp followUp) {
        return log(request, followUp, followUp.enrolmentId());
    }

    private Logged log(NewTouch request, FollowUp completing, EnrolmentId enrolment) {
        Actor actor = Actors.current();
        long now = clock.millis();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(request.channel() != null, "channel", "is required");
        Direction direction = request.direction() == null ? Direction.OUTBOUND : request.direction();
        Instant at = request.occurredAt() == null ? Instant.ofEpochMilli(now) : request.occurredAt();
        if (at.isAfter(Instant.ofEpochMilli(now).plus(CLOCK_SKEW))) {
            problems.add("occurredAt", "is in the future: log a touch once it happened, or plan a follow-up");
        }
        reasons.check(problems, "reasonId", completing != null && java.util.Objects.equals(request.reasonId(),
                completing.reasonId()) ? null : request.reasonId());
        String notes = Planner.text(problems, "notes", request.notes(), 10_000);
        Related.Records records = related.check(problems, request.accountId(), request.contactIds(), request.leadId(),
                request.dealId(), true);
        if (records.isEmpty() && !problems.has("accountId") && !problems.has("contactId") && !problems.has("leadId")
                && !problems.has("dealId") && !hasContactProblem(problems, request.contactIds())) {
            problems.add("contactIds", "or accountId, leadId or dealId is required: a touch is with someone");
        }
        if (request.newLevel() != null && records.account() == null && !problems.has("accountId")) {
            problems.add("newLevel", "needs an account: the customer level belongs to the account");
        }
        if (request.newLevel() != null && records.account() != null && !actor.isSystem()
                && !actor.canWrite(records.account().ownerId() == null ? null : records.account().ownerId().value())) {
            problems.add("newLevel", "can only be set by whoever may change the account");
        }
        sales.moveStage(problems, records.dealId(), request.stage());
        problems.throwIfAny();

        boolean reached = request.reached() != null ? request.reached() : direction == Direction.INBOUND;
        boolean responded = Attempts.isResponse(direction, reached);
        int attempt = attempts.next(Attempts.chaseOf(records), direction, at.toEpochMilli());
        BusinessReason reason = request.reasonId() == null ? null : reasons.get(request.reasonId());
        long id = ids.next();
        touches.insert(new TouchRepository.Row(id, at.toEpochMilli(), request.channel(), direction,
                records.account() == null ? null : Long.valueOf(records.account().id().value()), records.leadId(),
                records.dealId(), reason == null ? null : Long.valueOf(reason.id().value()), reason != null && reason.valueAdding(), notes, reached,
                responded, request.outcome(), request.newLevel(), attempt, actor.isSystem() ? null : Long.valueOf(actor.userId()),
                actor.displayName(), completing == null ? null : Long.valueOf(completing.id().value()),
                enrolment != null ? Long.valueOf(enrolment.value()) : completing == null || completing.enrolmentId() == null
                        ? null : Long.valueOf(completing.enrolmentId().value())),
                subjects(records), now);

        Touch touch = touches.find(id).orElseThrow();
        if (completing != null) {
            closeCompleted(completing, touch, now);
        }
        List<AccountId> accounts = records.account() == null ? List.of() : List.of(records.account().id());
        parties.recordTouch(accounts, records.contactIds(), at);
        if (request.newLevel() != null) {
            parties.setLevel(records.account().id(), request.newLevel(), "after a touch");
        }
        sales.applyStage(records.dealId(), request.stage());
        audit.record("touch", id, "logged", Changes.between(null, touch));
        timeline.append(new Timeline.Append(records.subjects(), "touch.logged", at, title(touch), notes, Map.of(),
                null, null));
        // any touch by anyone breaks the silence the level policy watches
        if (records.account() != null) {
            planner.cancel("f.account_id = :account AND f.origin = 'LEVEL_POLICY'" + (completing == null ? ""
                    : " AND f.id <> :completing"), completing == null ? Map.of("account", records.account().id().value())
                    : Map.of("account", records.account().id().value(), "completing", completing.id().value()),
                    "the silence was broken by a touch");
        }
        events.publishEvent(new TouchLogged(touch.id(), touch.accountId(), touch.contactIds(), touch.leadId(),
                touch.dealId(), touch.channel(), touch.outcome(), touch.attempt(), touch.occurredAt()));
        if (Boolean.TRUE.equals(request.readyToBuy())) {
            events.publishEvent(new ReadyToBuy(records.contactIds(), records.leadId(), records.dealId()));
            sales.readyToBuy(records.leadId(), records.dealId());
        }
        return new Logged(touch, !hasNextStep(records));
    }

    private void closeCompleted(FollowUp followUp, Touch touch, long now) {
        Actor actor = Actors.current();
        if (!followUps.close(followUp.id().value(), followUp.version(), FollowUpStatus.DONE, null, touch.id().value(),
                actor.isSystem() ? null : actor.userId(), now)) {
            throw planner.stale(followUp.id());
        }
        audit.record("followUp", followUp.id().value(), "completed", Map.of("status",
                new app.tickler.platform.audit.Change(FollowUpStatus.OPEN, FollowUpStatus.DONE), "touchId",
                new app.tickler.platform.audit.Change(null, Long.toString(touch.id().value()))));
        events.publishEvent(new FollowUpCompleted(followUp.id(), touch.id(), followUp.assigneeId(), followUp.origin(),
                now < followUp.dueAt().toEpochMilli(), Instant.ofEpochMilli(now)));
    }

    /** Whether the most specific records of a touch still have an open follow-up. */
    boolean hasNextStep(Related.Records records) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new java.util.HashMap<>();
        if (records.dealId() != null) {
            conditions.add("f.deal_id = :deal");
            params.put("deal", records.dealId());
        } else if (records.leadId() != null) {
            conditions.add("f.lead_id = :lead");
            params.put("lead", records.leadId());
        } else if (!records.contacts().isEmpty()) {
            conditions.add("f.contact_id IN (:contacts)");
            params.put("contacts", records.contactIds().stream().map(ContactId::value).toList());
            if (records.account() != null) {
                // a follow-up on the whole account covers its people too
                conditions.add("(f.account_id = :account AND f.contact_id IS NULL)");
                params.put("account", records.account().id().value());
            }
        } else if (records.account() != null) {
            conditions.add("f.account_id = :account");
            params.put("account", records.account().id().value());
        }
        if (conditions.isEmpty()) {
            return true;
        }
        return followUps.count("f.status = 'OPEN' AND (" + String.join(" OR ", conditions) + ")", params) > 0;
    }

    private static boolean hasContactProblem(InvalidInput.Collector problems, List<ContactId> contacts) {
        if (contacts == null) {
            return false;
        }
        for (int i = 0; i < contacts.size(); i++) {
            if (problems.has("contactIds[" + i + "]")) {
                return true;
            }
        }
        return false;
    }

    private static List<Subject> subjects(Related.Records records) {
        return records.subjects();
    }

    static String title(Touch touch) {
        String channel = touch.channel().name().toLowerCase().replace('_', ' ');
        StringBuilder title = new StringBuilder(Character.toUpperCase(channel.charAt(0)) + channel.substring(1));
        if (touch.direction() == Direction.INBOUND) {
            title.append(" from the customer");
        } else {
            title.append(touch.reached() ? " (reached)" : " (not reached)");
        }
        if (touch.reasonName() != null) {
            title.append(" — ").append(touch.reasonName());
        }
        if (touch.attempt() > 0) {
            title.append(" · attempt ").append(touch.attempt());
        }
        if (touch.outcome() != null) {
            title.append(" · ").append(touch.outcome().name().toLowerCase());
        }
        if (touch.levelSet() != null) {
            title.append(" · level ").append(touch.levelSet());
        }
        return title.toString();
    }
}
