package app.tickler.followup;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.timeline.TimelineEntry.Subject;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** REST API of touches, follow-ups, the Today queue, the no-next-step list and commitments. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Follow-up engine")
class TouchAndFollowUpApi {

    /** A touch to log, with optionally the next step and a promise made in it. */
    record TouchRequest(Instant occurredAt, Channel channel, Direction direction, AccountId accountId,
            List<ContactId> contactIds, Long leadId, Long dealId, BusinessReasonId reasonId, String notes, Boolean reached,
            Outcome outcome, CustomerLevel newLevel, String stage, Boolean readyToBuy, QuickLog.NextStep nextStep,
            QuickLog.Promise commitment) {

        NewTouch touch() {
            return new NewTouch(occurredAt, channel, direction, accountId, contactIds, leadId, dealId, reasonId, notes,
                    reached, outcome, newLevel, stage, readyToBuy);
        }
    }

    /** Completing a follow-up: the touch it became (fields left out come from the follow-up). */
    record CompleteRequest(Long version, Instant occurredAt, Channel channel, Direction direction, BusinessReasonId reasonId,
            String notes, Boolean reached, Outcome outcome, CustomerLevel newLevel, String stage, Boolean readyToBuy,
            QuickLog.NextStep nextStep, QuickLog.Promise commitment) {

        NewTouch touch() {
            return new NewTouch(occurredAt, channel, direction, null, null, null, null, reasonId, notes, reached, outcome,
                    newLevel, stage, readyToBuy);
        }
    }

    record SkipRequest(Long version, String reason) {
    }

    record SnoozeRequest(Long version, LocalDate until, Integer days) {
    }

    record ReassignRequest(Long version, UserId assigneeId) {
    }

    record VersionRequest(Long version) {
    }

    record Attempt(String type, String id, int attempts) {
    }

    private static final Set<String> FOLLOW_UP_FIELDS = Set.of("assigneeId", "dueDate", "dueTime", "timeZone", "channel",
            "reasonId", "instructions", "priority");

    private final QuickLog quickLog;
    private final TouchLog touchLog;
    private final TouchRepository touches;
    private final Planner planner;
    private final TodayQueue today;
    private final NoNextSteps noNextSteps;
    private final Commitments commitments;
    private final EmailSteps emailSteps;
    private final Attempts attempts;
    private final Parties parties;
    private final java.time.Clock clock;

    TouchAndFollowUpApi(java.time.Clock clock, QuickLog quickLog, TouchLog touchLog, TouchRepository touches, Planner planner, TodayQueue today,
            NoNextSteps noNextSteps, Commitments commitments, EmailSteps emailSteps, Attempts attempts, Parties parties) {
        this.quickLog = quickLog;
        this.touchLog = touchLog;
        this.touches = touches;
        this.planner = planner;
        this.today = today;
        this.noNextSteps = noNextSteps;
        this.commitments = commitments;
        this.emailSteps = emailSteps;
        this.attempts = attempts;
        this.parties = parties;
        this.clock = clock;
    }

    // --- touches ----------------------------------------------------------------------------------

    @AnyRole
    @PostMapping("/touches")
    ResponseEntity<QuickLog.Result> logTouch(@RequestBody TouchRequest request) {
        QuickLog.Result result = quickLog.log(request.touch(), request.nextStep(), request.commitment());
        return ResponseEntity.created(URI.create("/api/v1/touches/" + result.touch().id().value())).body(result);
    }

    @AnyRole
    @GetMapping("/touches/{id}")
    Touch touch(@PathVariable TouchId id) {
        return touchLog.visible(id);
    }

    @AnyRole
    @GetMapping("/touches")
    Page<Touch> touches(@RequestParam(required = false) AccountId accountId,
            @RequestParam(required = false) ContactId contactId, @RequestParam(required = false) Long leadId,
            @RequestParam(required = false) Long dealId, @RequestParam(required = false) UserId loggedBy,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Paging paging = Paging.of(limit, cursor);
        Subject subject = visibleSubject(accountId, contactId, leadId, dealId);
        if (subject != null) {
            return touches.of(subject, paging);
        }
        return touches.list(loggedBy == null ? null : loggedBy.value(), from == null ? null : from.toEpochMilli(),
                to == null ? null : to.toEpochMilli(), paging);
    }

    /** The attempts made on a record since the customer last responded. */
    @AnyRole
    @GetMapping("/attempts")
    Attempt attempts(@RequestParam(required = false) AccountId accountId,
            @RequestParam(required = false) ContactId contactId, @RequestParam(required = false) Long leadId,
            @RequestParam(required = false) Long dealId) {
        Subject subject = visibleSubject(accountId, contactId, leadId, dealId);
        if (subject == null) {
            throw new InvalidInput("contactId", "or accountId, leadId or dealId is required");
        }
        return new Attempt(subject.type(), Long.toString(subject.id()), attempts.current(subject));
    }

    private Subject visibleSubject(AccountId account, ContactId contact, Long lead, Long deal) {
        if (account != null) {
            parties.visibleAccount(account);
            return new Subject("account", account.value());
        }
        if (contact != null) {
            parties.visibleContact(contact);
            return new Subject("contact", contact.value());
        }
        if (lead != null || deal != null) {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            // verified by the sales module; refused with a clear message while there is none
            planner.verifySales(problems, lead, deal);
            problems.throwIfAny();
            return lead != null ? new Subject("lead", lead) : new Subject("deal", deal);
        }
        return null;
    }

    // --- follow-ups -------------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/follow-ups")
    Page<FollowUp> followUps(@RequestParam(required = false) UserId assigneeId,
            @RequestParam(required = false) FollowUpStatus status, @RequestParam(required = false) String due,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) AccountId accountId, @RequestParam(required = false) ContactId contactId,
            @RequestParam(required = false) Long leadId, @RequestParam(required = false) Long dealId,
            @RequestParam(required = false) FollowUpOrigin origin, @RequestParam(required = false) EnrolmentId enrolmentId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return today.list(new TodayQueue.Filter(assigneeId, status, due, from, to, accountId, contactId, leadId, dealId,
                origin, enrolmentId), Paging.of(limit, cursor));
    }

    @RepOrAbove
    @PostMapping("/follow-ups")
    ResponseEntity<FollowUp> plan(@RequestBody NewFollowUp request) {
        FollowUp created = planner.plan(request);
        return ResponseEntity.created(URI.create("/api/v1/follow-ups/" + created.id().value()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @AnyRole
    @GetMapping("/follow-ups/{id}")
    ResponseEntity<FollowUp> followUp(@PathVariable FollowUpId id) {
        FollowUp followUp = planner.visible(id);
        return ResponseEntity.ok().eTag(ETags.of(followUp.version())).body(followUp);
    }

    @AnyRole
    @PatchMapping("/follow-ups/{id}")
    ResponseEntity<FollowUp> edit(@PathVariable FollowUpId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, FOLLOW_UP_FIELDS);
        long version = patch.version(ifMatch);
        Long assignee = patch.number("assigneeId", null);
        Long reason = patch.number("reasonId", null);
        boolean clearTime = patch.has("dueTime") && patch.node("dueTime").isNull();
        FollowUp edited = planner.edit(id, version, new Planner.Change(assignee == null ? null : new UserId(assignee),
                date(patch, "dueDate"), time(patch, "dueTime"), clearTime, patch.text("timeZone", null),
                patch.enumValue("channel", Channel.class, null), reason == null ? null : new BusinessReasonId(reason),
                patch.has("instructions") && patch.node("instructions").isNull() ? "" : patch.text("instructions", null),
                patch.enumValue("priority", Priority.class, null)));
        return ResponseEntity.ok().eTag(ETags.of(edited.version())).body(edited);
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/complete")
    QuickLog.Result complete(@PathVariable FollowUpId id, @RequestBody CompleteRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return quickLog.complete(id, ETags.required(request.version(), ifMatch), request.touch(), request.nextStep(),
                request.commitment());
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/skip")
    FollowUp skip(@PathVariable FollowUpId id, @RequestBody SkipRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return planner.skip(id, ETags.required(request.version(), ifMatch), request.reason());
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/snooze")
    FollowUp snooze(@PathVariable FollowUpId id, @RequestBody SnoozeRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = ETags.required(request.version(), ifMatch);
        LocalDate until = request.until();
        if (until == null && request.days() != null) {
            if (request.days() < 1 || request.days() > 365) {
                throw new InvalidInput("days", "must be between 1 and 365");
            }
            FollowUp current = planner.visible(id);
            LocalDate base = LocalDate.now(clock.withZone(current.timeZone()));
            until = (current.dueDate().isAfter(base) ? current.dueDate() : base).plusDays(request.days());
        }
        return planner.snooze(id, version, until);
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/reassign")
    FollowUp reassign(@PathVariable FollowUpId id, @RequestBody ReassignRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (request.assigneeId() == null) {
            throw new InvalidInput("assigneeId", "is required");
        }
        return planner.reassign(id, ETags.required(request.version(), ifMatch), request.assigneeId());
    }

    /** Sends an email step now over the workspace's SMTP server, logging the touch. */
    @AnyRole
    @PostMapping("/follow-ups/{id}/send")
    QuickLog.Result send(@PathVariable FollowUpId id, @RequestBody VersionRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        FollowUp followUp = planner.open(planner.workable(id), ETags.required(request.version(), ifMatch));
        TouchLog.Logged logged = emailSteps.sendNow(followUp);
        return new QuickLog.Result(logged.touch(), logged.needsNextStep(), null, null);
    }

    // --- Today and the rule of the product --------------------------------------------------------

    @AnyRole
    @GetMapping("/today")
    TodayQueue.Today today(@RequestParam(required = false) UserId userId) {
        UserId user = userId == null ? new UserId(Actors.current().userId()) : userId;
        if (!Actors.current().canRead(user.value())) {
            throw new org.springframework.security.access.AccessDeniedException("not your team");
        }
        return today.of(user);
    }

    @ManagerOrAbove
    @GetMapping("/today/team")
    List<TodayQueue.Queue> team(@RequestParam(required = false) TeamId teamId) {
        return today.team(teamId);
    }

    @AnyRole
    @GetMapping("/no-next-step")
    Page<NoNextStep> noNextStep(@RequestParam(required = false) String type,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return noNextSteps.list(type, Paging.of(limit, cursor));
    }

    // --- commitments ------------------------------------------------------------------------------

    record CommitmentRequest(CommitmentKind kind, String description, LocalDate dueDate, UserId ownerId,
            AccountId accountId, ContactId contactId, Long leadId, Long dealId, TouchId touchId) {
    }

    @AnyRole
    @GetMapping("/commitments")
    Page<Commitment> commitments(@RequestParam(required = false) UserId ownerId,
            @RequestParam(required = false) CommitmentStatus status, @RequestParam(required = false) Boolean broken,
            @RequestParam(required = false) AccountId accountId, @RequestParam(required = false) ContactId contactId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return commitments.list(ownerId, status, broken, accountId, contactId, Paging.of(limit, cursor));
    }

    @AnyRole
    @PostMapping("/commitments")
    ResponseEntity<Commitment> makeCommitment(@RequestBody CommitmentRequest request) {
        Commitment made = commitments.make(new Commitments.Request(request.kind(), request.description(),
                request.dueDate(), request.ownerId(), request.accountId(), request.contactId(), request.leadId(),
                request.dealId(), request.touchId()));
        return ResponseEntity.created(URI.create("/api/v1/commitments/" + made.id().value())).eTag(ETags.of(made.version()))
                .body(made);
    }

    @AnyRole
    @GetMapping("/commitments/{id}")
    ResponseEntity<Commitment> commitment(@PathVariable CommitmentId id) {
        Commitment commitment = commitments.visible(id);
        return ResponseEntity.ok().eTag(ETags.of(commitment.version())).body(commitment);
    }

    @AnyRole
    @PostMapping("/commitments/{id}/cancel")
    Commitment cancelCommitment(@PathVariable CommitmentId id, @RequestBody VersionRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commitments.cancel(id, ETags.required(request.version(), ifMatch));
    }

    // --- parsing ----------------------------------------------------------------------------------

    static LocalDate date(Patch patch, String field) {
        String text = patch.text(field, null);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date such as 2026-03-31");
        }
    }

    static LocalTime time(Patch patch, String field) {
        String text = patch.text(field, null);
        try {
            return text == null ? null : LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a time such as 09:30");
        }
    }
}
