package app.tickler.followup;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.UserId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.Timeline;

/**
 * Planning follow-ups and changing the plan: create, edit, snooze, reassign, skip. Nothing is ever
 * planned for whoever asked not to be contacted. Completing a follow-up logs a touch ({@link TouchLog}).
 */
@Service
class Planner {

    static final class FollowUpNotFound extends NotFound {
        FollowUpNotFound(long id) {
            super("Follow-up", id);
        }
    }

    /** What the engine plans, already decided: who, when (in which zone), how, why, for what. */
    record Spec(UserId assignee, LocalDate dueDate, LocalTime dueTime, ZoneId zone, Channel channel,
            BusinessReasonId reasonId, String instructions, Related.Records records, FollowUpOrigin origin,
            Priority priority, EnrolmentId enrolment, Integer stepPosition, CommitmentId commitment) {
    }

    /** Changes to an open follow-up; null fields stay as they are (the API's merge patch decides). */
    record Change(UserId assignee, LocalDate dueDate, LocalTime dueTime, boolean clearTime, String timeZone,
            Channel channel, BusinessReasonId reasonId, String instructions, Priority priority) {
    }

    private final FollowUpRepository followUps;
    private final Related related;
    private final Parties parties;
    private final BusinessReasons reasons;
    private final SalesHooks sales;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    Planner(FollowUpRepository followUps, Related related, Parties parties, BusinessReasons reasons, SalesHooks sales,
            IdGenerator ids, Clock clock, AuditLog audit, Timeline timeline, ApplicationEventPublisher events) {
        this.followUps = followUps;
        this.related = related;
        this.parties = parties;
        this.reasons = reasons;
        this.sales = sales;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
        this.events = events;
    }

    // --- reading ----------------------------------------------------------------------------------

    /** A follow-up the caller may see (their own, their team's as a rep, any for others); 404 otherwise. */
    FollowUp visible(FollowUpId id) {
        FollowUp followUp = followUps.find(id.value()).orElseThrow(() -> new FollowUpNotFound(id.value()));
        if (!Actors.current().canRead(followUp.assigneeId().value())) {
            throw new FollowUpNotFound(id.value());
        }
        return followUp;
    }

    /** A follow-up by id without visibility checks, for the engine's own reactions; null if gone. */
    FollowUp visibleOrNull(FollowUpId id) {
        return followUps.find(id.value()).orElse(null);
    }

    /** A follow-up the caller may work on: the assignee, or whoever may change the assignee's records. */
    FollowUp workable(FollowUpId id) {
        FollowUp followUp = visible(id);
        Actor actor = Actors.current();
        if (actor.userId() != followUp.assigneeId().value() && !actor.canWrite(followUp.assigneeId().value())) {
            throw new AccessDeniedException("not your follow-up");
        }
        return followUp;
    }

    /** Lead and deal ids are the sales module's to verify. */
    void verifySales(InvalidInput.Collector problems, Long leadId, Long dealId) {
        sales.verify(problems, leadId, dealId);
    }

    // --- planning ---------------------------------------------------------------------------------

    /** A person plans a follow-up (the API, the pages, the next step after a touch). */
    @Transactional
    FollowUp plan(NewFollowUp request) {
        Actor actor = Actors.current();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        UserId assignee = request.assigneeId() != null ? request.assigneeId() : new UserId(actor.userId());
        if (related.activeUser(problems, "assigneeId", assignee) != null && !actor.isSystem()
                && assignee.value() != actor.userId() && !actor.canWrite(assignee.value())) {
            problems.add("assigneeId", "is outside your team");
        }
        ZoneId zone = zone(problems, request.timeZone(), assignee);
        problems.check(request.dueDate() != null, "dueDate", "is required");
        if (request.dueDate() != null && zone != null && request.dueDate().isBefore(LocalDate.now(clock.withZone(zone)))) {
            problems.add("dueDate", "is in the past");
        }
        checkTime(problems, request.dueDate(), request.dueTime(), zone);
        problems.check(request.channel() != null, "channel", "is required");
        reasons.check(problems, "reasonId", request.reasonId());
        String instructions = text(problems, "instructions", request.instructions(), 2000);
        FollowUpOrigin origin = request.origin() == null ? FollowUpOrigin.MANUAL : request.origin();
        if (origin != FollowUpOrigin.MANUAL && origin != FollowUpOrigin.RENEWAL) {
            problems.add("origin", "can only be MANUAL or RENEWAL; the engine plans the others itself");
        }
        Related.Records records = related.check(problems, request.accountId(),
                request.contactId() == null ? List.of() : List.of(request.contactId()), request.leadId(),
                request.dealId(), true);
        if (records.isEmpty() && !problems.has("accountId") && !problems.has("contactId") && !problems.has("leadId")
                && !problems.has("dealId")) {
            problems.add("contactId", "or accountId, leadId or dealId is required: a follow-up is for someone");
        }
        problems.throwIfAny();
        return create(new Spec(assignee, request.dueDate(), request.dueTime(), zone, request.channel(), request.reasonId(),
                instructions, records, origin, request.priority() == null ? Priority.NORMAL : request.priority(), null,
                null, null));
    }

    /** The engine plans a follow-up it decided on (a cadence step, a promise, a callback); still never for do-not-contact. */
    FollowUp create(Spec spec) {
        parties.requireContactable(spec.records().accountId(), spec.records().contactIds());
        long id = ids.next();
        long now = clock.millis();
        Actor actor = Actors.current();
        ContactId contact = spec.records().firstContact() == null ? null : spec.records().firstContact().id();
        followUps.insert(new FollowUpRepository.Row(id, spec.assignee().value(), spec.dueDate(), spec.dueTime(),
                spec.zone(), dueAt(spec.dueDate(), spec.dueTime(), spec.zone()).toEpochMilli(), spec.channel(),
                spec.reasonId() == null ? null : spec.reasonId().value(), spec.instructions(),
                spec.records().account() == null ? null : spec.records().account().id().value(),
                contact == null ? null : contact.value(), spec.records().leadId(), spec.records().dealId(),
                sales.dealAmount(spec.records().dealId()), spec.origin(), spec.priority(),
                spec.enrolment() == null ? null : spec.enrolment().value(), spec.stepPosition(),
                spec.commitment() == null ? null : spec.commitment().value(), actor.isSystem() ? null : actor.userId(),
                spec.records().account() == null ? null : spec.records().account().level()), now);
        FollowUp created = followUps.find(id).orElseThrow();
        audit.record("followUp", id, "planned", Changes.between(null, created));
        timeline.append(new Timeline.Append(spec.records().subjects(), "followUp.planned", null,
                "Follow-up planned: " + label(created) + " on " + created.dueDate()
                        + (created.assigneeName() == null ? "" : " for " + created.assigneeName()),
                created.instructions(), Map.of(), "/follow-ups/" + id, null));
        events.publishEvent(new FollowUpPlanned(created.id(), created.assigneeId(), created.origin(),
                actor.isSystem() ? null : new UserId(actor.userId())));
        return created;
    }

    // --- changing the plan ------------------------------------------------------------------------

    @Transactional
    FollowUp edit(FollowUpId id, long version, Change change) {
        FollowUp before = open(workable(id), version);
        Actor actor = Actors.current();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        UserId assignee = change.assignee() != null ? change.assignee() : before.assigneeId();
        if (!assignee.equals(before.assigneeId()) && related.activeUser(problems, "assigneeId", assignee) != null
                && !actor.canWrite(assignee.value())) {
            problems.add("assigneeId", "is outside your team");
        }
        ZoneId zone = change.timeZone() != null ? zone(problems, change.timeZone(), assignee)
                : !assignee.equals(before.assigneeId()) ? related.zoneOf(assignee) : before.timeZone();
        LocalDate date = change.dueDate() != null ? change.dueDate() : before.dueDate();
        LocalTime time = change.clearTime() ? null : change.dueTime() != null ? change.dueTime() : before.dueTime();
        if (change.dueDate() != null && !date.equals(before.dueDate()) && zone != null
                && date.isBefore(LocalDate.now(clock.withZone(zone)))) {
            problems.add("dueDate", "is in the past");
        }
        checkTime(problems, date, time, zone);
        reasons.check(problems, "reasonId", Objects.equals(change.reasonId(), before.reasonId()) ? null : change.reasonId());
        String instructions = change.instructions() == null ? before.instructions()
                : text(problems, "instructions", change.instructions(), 2000);
        problems.throwIfAny();
        replan(before, new FollowUpRepository.Row(before.id().value(), assignee.value(), date, time, zone,
                dueAt(date, time, zone).toEpochMilli(), change.channel() == null ? before.channel() : change.channel(),
                change.reasonId() == null ? idOf(before.reasonId()) : Long.valueOf(change.reasonId().value()), instructions, null, null,
                null, null, null, before.origin(), change.priority() == null ? before.priority() : change.priority(), null,
                null, null, null, null), false);
        FollowUp after = followUps.find(id.value()).orElseThrow();
        audit.record("followUp", id.value(), "edited", Changes.between(before, after, "assigneeName", "reasonName"));
        if (!before.assigneeId().equals(after.assigneeId())) {
            events.publishEvent(new FollowUpPlanned(after.id(), after.assigneeId(), after.origin(), new UserId(actor.userId())));
        }
        return after;
    }

    /** Puts a follow-up off to a later day (in its zone); the count of snoozes is kept. */
    @Transactional
    FollowUp snooze(FollowUpId id, long version, LocalDate until) {
        FollowUp before = open(workable(id), version);
        LocalDate today = LocalDate.now(clock.withZone(before.timeZone()));
        if (until == null || !until.isAfter(today) || !until.isAfter(before.dueDate().minusDays(1))) {
            throw new InvalidInput("until", until == null ? "is required" : "must be a later day than today and than the due date");
        }
        replan(before, new FollowUpRepository.Row(before.id().value(), before.assigneeId().value(), until,
                before.dueTime(), before.timeZone(), dueAt(until, before.dueTime(), before.timeZone()).toEpochMilli(),
                before.channel(), idOf(before.reasonId()), before.instructions(), null, null, null, null, null,
                before.origin(), before.priority(), null, null, null, null, null), true);
        FollowUp after = followUps.find(id.value()).orElseThrow();
        audit.record("followUp", id.value(), "snoozed", Map.of("dueDate", new app.tickler.platform.audit.Change(
                before.dueDate(), until)));
        events.publishEvent(new FollowUpSnoozed(id, after.assigneeId(), before.dueDate(), until));
        return after;
    }

    @Transactional
    FollowUp reassign(FollowUpId id, long version, UserId to) {
        return edit(id, version, new Change(to, null, null, false, null, null, null, null, null));
    }

    /** Skips a follow-up with a reason; a cadence step's enrolment goes on with its next step. */
    @Transactional
    FollowUp skip(FollowUpId id, long version, String reason) {
        FollowUp before = open(workable(id), version);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String clean = text(problems, "reason", reason, 500);
        problems.check(clean != null || problems.has("reason"), "reason", "is required: say why it is skipped");
        problems.throwIfAny();
        Actor actor = Actors.current();
        if (!followUps.close(id.value(), version, FollowUpStatus.SKIPPED, clean, null,
                actor.isSystem() ? null : actor.userId(), clock.millis())) {
            throw stale(id);
        }
        FollowUp after = followUps.find(id.value()).orElseThrow();
        audit.record("followUp", id.value(), "skipped", Map.of("status", new app.tickler.platform.audit.Change(
                FollowUpStatus.OPEN, FollowUpStatus.SKIPPED), "reason", new app.tickler.platform.audit.Change(null, clean)));
        timeline.append(new Timeline.Append(subjectsOf(after), "followUp.skipped", null,
                "Follow-up skipped: " + label(after), clean, Map.of(), "/follow-ups/" + id.value(), null));
        events.publishEvent(new FollowUpSkipped(id, after.assigneeId(), after.origin(), clean));
        return after;
    }

    /** Cancels open follow-ups matching a condition (stop rules, do-not-contact, a deal closed), audited. */
    List<Long> cancel(String where, Map<String, Object> params, String note) {
        List<Long> cancelled = followUps.cancelWhere(where, params, note, clock.millis());
        for (Long id : cancelled) {
            audit.record("followUp", id, "cancelled", Map.of("status", new app.tickler.platform.audit.Change(
                    FollowUpStatus.OPEN, FollowUpStatus.CANCELLED), "note", new app.tickler.platform.audit.Change(null, note)));
        }
        return cancelled;
    }

    // --- rules ------------------------------------------------------------------------------------

    /** The moment a follow-up is due: its time that day in its zone, or the end of that day. */
    static Instant dueAt(LocalDate date, LocalTime time, ZoneId zone) {
        return time == null ? date.plusDays(1).atStartOfDay(zone).toInstant() : ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** A local time must exist in the zone on that day: not in the hour the clocks skip. */
    static void checkTime(InvalidInput.Collector problems, LocalDate date, LocalTime time, ZoneId zone) {
        if (date == null || time == null || zone == null) {
            return;
        }
        LocalDateTime local = LocalDateTime.of(date, time);
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            problems.add("dueTime", "does not exist on " + date + " in " + zone.getId() + " (the clocks skip it)");
        }
    }

    ZoneId zone(InvalidInput.Collector problems, String name, UserId assignee) {
        if (name == null || name.isBlank()) {
            return assignee == null ? null : related.zoneOf(assignee);
        }
        try {
            ZoneId zone = ZoneId.of(name.strip());
            if (!name.contains("/") && !name.equals("UTC")) {
                throw new DateTimeException("not a region");
            }
            return zone;
        } catch (DateTimeException e) {
            problems.add("timeZone", "is not a time zone such as Europe/Paris");
            return null;
        }
    }

    static String label(FollowUp followUp) {
        String channel = followUp.channel().name().toLowerCase().replace('_', ' ');
        String who = followUp.subjectName();
        return Character.toUpperCase(channel.charAt(0)) + channel.substring(1) + (who.isEmpty() ? "" : " " + who)
                + (followUp.reasonName() == null ? "" : " — " + followUp.reasonName());
    }

    static List<app.tickler.platform.timeline.TimelineEntry.Subject> subjectsOf(FollowUp f) {
        List<app.tickler.platform.timeline.TimelineEntry.Subject> subjects = new java.util.ArrayList<>();
        if (f.accountId() != null) {
            subjects.add(new app.tickler.platform.timeline.TimelineEntry.Subject("account", f.accountId().value()));
        }
        if (f.contactId() != null) {
            subjects.add(new app.tickler.platform.timeline.TimelineEntry.Subject("contact", f.contactId().value()));
        }
        if (f.leadId() != null) {
            subjects.add(new app.tickler.platform.timeline.TimelineEntry.Subject("lead", f.leadId()));
        }
        if (f.dealId() != null) {
            subjects.add(new app.tickler.platform.timeline.TimelineEntry.Subject("deal", f.dealId()));
        }
        return subjects;
    }

    static String text(InvalidInput.Collector problems, String field, String value, int max) {
        String clean = value == null ? null : value.strip();
        if (clean != null && clean.isEmpty()) {
            return null;
        }
        if (clean != null && clean.length() > max) {
            problems.add(field, "must have at most " + max + " characters");
        }
        return clean;
    }

    private void replan(FollowUp before, FollowUpRepository.Row row, boolean snooze) {
        if (!followUps.replan(before.id().value(), before.version(), row, snooze, clock.millis())) {
            throw stale(before.id());
        }
    }

    /** The follow-up must still be open and at the version the caller saw. */
    FollowUp open(FollowUp followUp, long version) {
        if (!followUp.isOpen()) {
            throw new Conflict("This follow-up is already " + followUp.status().name().toLowerCase()
                    + "; nothing more can be done with it");
        }
        if (followUp.version() != version) {
            throw new StaleVersion("The follow-up", followUp.version());
        }
        return followUp;
    }

    StaleVersion stale(FollowUpId id) {
        return new StaleVersion("The follow-up", followUps.find(id.value()).map(FollowUp::version).orElse(0L));
    }

    private static Long idOf(BusinessReasonId id) {
        return id == null ? null : id.value();
    }
}
