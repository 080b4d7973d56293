package app.tickler.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.BuyingCentreMember;
import app.tickler.party.Channel;
import app.tickler.party.Contact;
import app.tickler.party.ContactId;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.party.PartyNames;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.Paging;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.security.Visibility;
import app.tickler.sales.DealNotFound;
import app.tickler.sales.DealSummary;
import app.tickler.sales.LeadNotFound;
import app.tickler.sales.LeadSummary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages of the daily work: Today, the quick-log form and the next step it asks for, follow-ups
 * (plan, do, skip, snooze, reassign, edit), the no-next-step list, the team's queues and promises.
 */
@Controller
class FollowUpPages {

    /**
     * The fields of the quick-log form (and of completing a follow-up). {@code leadId} and {@code dealId} are
     * the lead or deal the form was opened on; {@code returnTo} the page to go back to once it is logged.
     */
    record TouchForm(String channel, String direction, String accountId, List<String> contactIds, String leadId,
            String dealId, String occurredAt, String reasonId, String reached, String outcome, String newLevel,
            String notes, String readyToBuy, String promise, String promiseDue, String promiseKind, String version,
            String returnTo) {

        static TouchForm empty(String accountId, List<String> contactIds) {
            return on(accountId, contactIds, null, null, null);
        }

        static TouchForm on(String accountId, List<String> contactIds, String leadId, String dealId, String returnTo) {
            return new TouchForm("CALL", "OUTBOUND", accountId, contactIds, leadId, dealId, null, null, null, null, null,
                    null, null, null, null, null, null, returnTo);
        }

        /** An empty form on the same records, for the next touch. */
        TouchForm again() {
            return on(accountId, contactIds, leadId, dealId, returnTo);
        }
    }

    /** The fields of planning a follow-up (the next step, or a new one). */
    record PlanForm(String dueDate, String dueTime, String channel, String reasonId, String instructions,
            String assigneeId, String priority, String accountId, String contactId, String leadId, String dealId,
            String returnTo) {
    }

    /** The lead or deal a touch is logged on from its page, as the caller may see it. */
    private record SaleRecord(String type, long id, String name, Long accountId, List<String> contactIds) {

        String path() {
            return "/" + type + "s/" + id;
        }
    }

    private final QuickLog quickLog;
    private final Planner planner;
    private final TodayQueue queue;
    private final NoNextSteps noNextSteps;
    private final Commitments commitments;
    private final BusinessReasons reasons;
    private final EmailSteps emailSteps;
    private final Attempts attempts;
    private final TouchRepository touches;
    private final Parties parties;
    private final Directory directory;
    private final MessageSource messages;
    private final JdbcClient jdbc;
    private final Dialect dialect;
    private final Clock clock;
    private final SalesWiring sales;

    FollowUpPages(QuickLog quickLog, Planner planner, TodayQueue queue, NoNextSteps noNextSteps, Commitments commitments,
            BusinessReasons reasons, EmailSteps emailSteps, Attempts attempts, TouchRepository touches, Parties parties,
            Directory directory, MessageSource messages, JdbcClient jdbc, Dialect dialect, Clock clock, SalesWiring sales) {
        this.sales = sales;
        this.quickLog = quickLog;
        this.planner = planner;
        this.queue = queue;
        this.noNextSteps = noNextSteps;
        this.commitments = commitments;
        this.reasons = reasons;
        this.emailSteps = emailSteps;
        this.attempts = attempts;
        this.touches = touches;
        this.parties = parties;
        this.directory = directory;
        this.messages = messages;
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.clock = clock;
    }

    // --- Today ------------------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/today")
    String today(@RequestParam(required = false) Long user, Model model) {
        Actor actor = Actors.current();
        UserId whose = user == null ? new UserId(actor.userId()) : new UserId(user);
        if (!actor.canRead(whose.value())) {
            throw new org.springframework.security.access.AccessDeniedException("not your team");
        }
        model.addAttribute("day", queue.of(whose));
        model.addAttribute("own", whose.value() == actor.userId());
        choices(model);
        model.addAttribute("form", TouchForm.empty(null, List.of()));
        // the queue comes first: the form below it is one key ("n") away, not focused (which would scroll to it)
        model.addAttribute("quickLogFocus", false);
        return "followup/today";
    }

    @ManagerOrAbove
    @GetMapping("/today/team")
    String team(@RequestParam(required = false) Long teamId, Model model) {
        Actor actor = Actors.current();
        TeamId team = teamId != null ? new TeamId(teamId) : actor.teamId() == null ? null : new TeamId(actor.teamId());
        model.addAttribute("queues", queue.team(team));
        model.addAttribute("teams", directory.teams());
        model.addAttribute("teamId", team == null ? null : team.value());
        return "followup/team";
    }

    @AnyRole
    @GetMapping("/no-next-step")
    String noNextStep(@RequestParam(defaultValue = "account") String type, @RequestParam(required = false) String cursor,
            Model model) {
        model.addAttribute("type", type);
        model.addAttribute("page", noNextSteps.list(type, Paging.of(50, cursor)));
        return "followup/no-next-step";
    }

    // --- follow-ups -------------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/follow-ups")
    String list(@RequestParam(required = false) Long assigneeId, @RequestParam(required = false) String due,
            @RequestParam(required = false) FollowUpStatus status, @RequestParam(required = false) String cursor,
            Model model) {
        UserId assignee = assigneeId == null ? new UserId(Actors.current().userId()) : new UserId(assigneeId);
        model.addAttribute("page", queue.list(new TodayQueue.Filter(assignee, status, due, null, null, null, null, null,
                null, null, null), Paging.of(50, cursor)));
        model.addAttribute("due", due);
        model.addAttribute("status", status);
        model.addAttribute("assigneeId", assignee.value());
        model.addAttribute("today", Actors.current().today(clock));
        return "followup/follow-ups";
    }

    @RepOrAbove
    @GetMapping("/follow-ups/new")
    String newFollowUp(@RequestParam(required = false) Long accountId, @RequestParam(required = false) Long contactId,
            Model model) {
        model.addAttribute("plan", new PlanForm(Actors.current().today(clock).plusDays(1).toString(), null, "CALL", null,
                null, Long.toString(Actors.current().userId()), "NORMAL", accountId == null ? null : accountId.toString(),
                contactId == null ? null : contactId.toString(), null, null, null));
        return planPage(model, accountId, contactId, null);
    }

    @RepOrAbove
    @PostMapping("/follow-ups")
    String plan(PlanForm form, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            FollowUp planned = planner.plan(newFollowUp(form));
            redirect.addFlashAttribute("flash", message("followup.planned", request, planned.dueDate()));
            return "redirect:" + returnTo(form.returnTo(), "/follow-ups/" + planned.id().value());
        } catch (InvalidInput problems) {
            model.addAttribute("plan", form);
            model.addAttribute("problems", problems);
            return planPage(model, parse(form.accountId()), parse(form.contactId()), null);
        }
    }

    @AnyRole
    @GetMapping("/follow-ups/{id}")
    String followUp(@PathVariable FollowUpId id, Model model) {
        FollowUp followUp = planner.visible(id);
        model.addAttribute("followUp", followUp);
        model.addAttribute("today", LocalDate.now(clock.withZone(followUp.timeZone())));
        model.addAttribute("form", new TouchForm(followUp.channel().name(), "OUTBOUND",
                followUp.accountId() == null ? null : Long.toString(followUp.accountId().value()),
                followUp.contactId() == null ? List.of() : List.of(Long.toString(followUp.contactId().value())), null, null,
                null, followUp.reasonId() == null ? null : Long.toString(followUp.reasonId().value()), null, null, null,
                null, null, null, null, null, Long.toString(followUp.version()), null));
        model.addAttribute("email", emailSteps.render(followUp).orElse(null));
        model.addAttribute("users", directory.activeUsers());
        if (followUp.contactId() != null) {
            model.addAttribute("attempts", attempts.current(new app.tickler.platform.timeline.TimelineEntry.Subject(
                    "contact", followUp.contactId().value())));
        }
        choices(model);
        return "followup/follow-up";
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/complete")
    String complete(@PathVariable FollowUpId id, TouchForm form, Model model, RedirectAttributes redirect,
            HttpServletRequest request, HttpServletResponse response,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            Long version = Forms.id(problems, "version", form.version());
            NewTouch touch = touch(problems, form, false);
            QuickLog.Promise promise = promise(problems, form);
            problems.throwIfAny();
            QuickLog.Result result = quickLog.complete(id, version == null ? -1 : version, touch, null, promise);
            return afterTouch(result, form, model, redirect, request, response, htmx != null);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            followUp(id, model);
            model.addAttribute("form", form);
            return "followup/follow-up";
        }
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/skip")
    String skip(@PathVariable FollowUpId id, @RequestParam long version, @RequestParam(required = false) String reason,
            RedirectAttributes redirect, HttpServletRequest request) {
        planner.skip(id, version, reason);
        redirect.addFlashAttribute("flash", message("followup.skipped", request));
        return "redirect:/today";
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/snooze")
    String snooze(@PathVariable FollowUpId id, @RequestParam long version, @RequestParam(required = false) String until,
            RedirectAttributes redirect, HttpServletRequest request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        LocalDate date = Forms.date(problems, "until", until);
        problems.throwIfAny();
        FollowUp snoozed = planner.snooze(id, version, date);
        redirect.addFlashAttribute("flash", message("followup.snoozed", request, snoozed.dueDate()));
        return "redirect:/today";
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/reassign")
    String reassign(@PathVariable FollowUpId id, @RequestParam long version, @RequestParam String assigneeId,
            RedirectAttributes redirect, HttpServletRequest request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Long assignee = Forms.id(problems, "assigneeId", assigneeId);
        problems.check(assignee != null || problems.has("assigneeId"), "assigneeId", "is required");
        problems.throwIfAny();
        FollowUp moved = planner.reassign(id, version, new UserId(assignee));
        redirect.addFlashAttribute("flash", message("followup.reassigned", request, moved.assigneeName()));
        return "redirect:/follow-ups/" + id.value();
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/edit")
    String edit(@PathVariable FollowUpId id, @RequestParam long version, PlanForm form, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            LocalDate date = Forms.date(problems, "dueDate", form.dueDate());
            java.time.LocalTime time = Forms.time(problems, "dueTime", form.dueTime());
            Channel channel = Forms.choice(problems, "channel", Channel.class, form.channel());
            Long reason = Forms.id(problems, "reasonId", form.reasonId());
            Priority priority = Forms.choice(problems, "priority", Priority.class, form.priority());
            problems.throwIfAny();
            planner.edit(id, version, new Planner.Change(null, date, time, time == null, null, channel,
                    reason == null ? null : new BusinessReasonId(reason), form.instructions() == null ? "" : form.instructions(),
                    priority));
        } catch (InvalidInput problems) {
            followUp(id, model);
            model.addAttribute("problems", problems);
            return "followup/follow-up";
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/follow-ups/" + id.value();
    }

    @AnyRole
    @PostMapping("/follow-ups/{id}/send")
    String send(@PathVariable FollowUpId id, @RequestParam long version, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        FollowUp followUp = planner.open(planner.workable(id), version);
        TouchLog.Logged logged = emailSteps.sendNow(followUp);
        redirect.addFlashAttribute("flash", message("followup.sent", request));
        return logged.needsNextStep() ? "redirect:/follow-ups/new?contactId=" + followUp.contactId().value()
                : "redirect:/today";
    }

    // --- the quick log ----------------------------------------------------------------------------

    /**
     * The quick-log form on its own page, for an account, a person, or a lead or deal (opened from its page,
     * logging on it and going back there). A lead or deal the caller may not see is not found.
     */
    @AnyRole
    @GetMapping("/touches/new")
    String newTouch(@RequestParam(required = false) Long accountId, @RequestParam(required = false) Long contactId,
            @RequestParam(required = false) Long leadId, @RequestParam(required = false) Long dealId, Model model) {
        SaleRecord record = saleRecord(leadId, dealId);
        if (record != null) {
            // the deal's only person is who it was with, most likely; with several, the rep picks
            List<String> with = record.contactIds().size() == 1 ? record.contactIds() : List.of();
            model.addAttribute("form", TouchForm.on(record.accountId() == null ? null : record.accountId().toString(),
                    with, leadId == null ? null : leadId.toString(), dealId == null ? null : dealId.toString(),
                    record.path()));
            return touchPage(model, record);
        }
        List<String> contacts = contactId == null ? List.of() : List.of(contactId.toString());
        model.addAttribute("form", TouchForm.empty(accountId == null ? null : accountId.toString(), contacts));
        return touchPage(model, accountId, contactId);
    }

    @AnyRole
    @PostMapping("/touches")
    String logTouch(TouchForm form, Model model, RedirectAttributes redirect, HttpServletRequest request,
            HttpServletResponse response, @RequestHeader(value = "HX-Request", required = false) String htmx) {
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            NewTouch touch = touch(problems, form, true);
            QuickLog.Promise promise = promise(problems, form);
            problems.throwIfAny();
            return afterTouch(quickLog.log(touch, null, promise), form, model, redirect, request, response, htmx != null);
        } catch (InvalidInput problems) {
            model.addAttribute("form", form);
            model.addAttribute("problems", problems);
            SaleRecord record = saleRecord(parse(form.leadId()), parse(form.dealId()));
            if (htmx != null) {
                choices(model);
                people(model, parse(form.accountId()), record == null ? form.contactIds() : record.contactIds());
                return "followup/fragments :: quickLog";
            }
            if (record != null) {
                return touchPage(model, record);
            }
            return touchPage(model, parse(form.accountId()),
                    form.contactIds() == null || form.contactIds().isEmpty() ? null : parse(form.contactIds().get(0)));
        }
    }

    /** People and organisations matching what was typed, as options of the quick-log form's select. */
    @AnyRole
    @GetMapping("/touches/people")
    String people(@RequestParam(defaultValue = "") String q, Model model) {
        Actor actor = Actors.current();
        List<Map<String, Object>> found = List.of();
        if (q.strip().length() >= 2) {
            Visibility visibility = Visibility.of(actor, "c.owner_id", true);
            Map<String, Object> params = new java.util.HashMap<>(visibility.parameters());
            params.put("workspace", actor.workspaceId());
            params.putAll(dialect.startsWithValue("q", PartyNames.sortKey(q)));
            found = jdbc.sql("""
                    SELECT c.id, c.first_name, c.last_name, c.do_not_contact,
                           (SELECT MIN(a.name) FROM account_contacts m JOIN accounts a ON a.workspace_id = m.workspace_id
                              AND a.id = m.account_id WHERE m.workspace_id = c.workspace_id AND m.contact_id = c.id) AS account
                    FROM contacts c WHERE c.workspace_id = :workspace AND c.deleted_at IS NULL AND\s"""
                    + dialect.startsWith("c.sort_name", "q") + " AND " + visibility.sql() + " ORDER BY c.sort_name, c.id LIMIT 15")
                    .params(params).query((rs, n) -> Map.<String, Object>of("id", rs.getLong("id"),
                            "name", PartyNames.fullName(rs.getString("first_name"), rs.getString("last_name")),
                            "account", rs.getString("account") == null ? "" : rs.getString("account"),
                            "doNotContact", rs.getBoolean("do_not_contact")))
                    .list();
        }
        model.addAttribute("found", found);
        return "followup/fragments :: peopleOptions";
    }

    /** The next step asked for right after a touch that left its record without one. */
    @RepOrAbove
    @PostMapping("/touches/next-step")
    String nextStep(PlanForm form, Model model, RedirectAttributes redirect, HttpServletRequest request,
            HttpServletResponse response, @RequestHeader(value = "HX-Request", required = false) String htmx) {
        try {
            FollowUp planned = planner.plan(newFollowUp(form));
            String text = message("followup.planned", request, planned.dueDate());
            if (htmx != null && returnTo(form.returnTo(), null) == null) {
                List<String> contacts = form.contactId() == null ? List.of() : List.of(form.contactId());
                model.addAttribute("done", text);
                model.addAttribute("form", TouchForm.on(form.accountId(), contacts, form.leadId(), form.dealId(), null));
                choices(model);
                people(model, parse(form.accountId()), contacts);
                return "followup/fragments :: quickLog";
            }
            return back(returnTo(form.returnTo(), "/today"), text, redirect, request, response, htmx != null);
        } catch (InvalidInput problems) {
            model.addAttribute("plan", form);
            model.addAttribute("problems", problems);
            choices(model);
            return htmx != null ? "followup/fragments :: nextStep" : "followup/next-step";
        }
    }

    private String afterTouch(QuickLog.Result result, TouchForm form, Model model, RedirectAttributes redirect,
            HttpServletRequest request, HttpServletResponse response, boolean htmx) {
        Touch touch = result.touch();
        String logged = message("touch.logged", request, touch.attempt());
        if (result.needsNextStep() && !Actors.current().is(app.tickler.platform.security.Role.STAFF)) {
            // the next step keeps the touch's lead or deal: it is that record that was left without one
            model.addAttribute("done", logged);
            model.addAttribute("plan", new PlanForm(Actors.current().today(clock).plusDays(7).toString(), null,
                    touch.channel().name(), touch.reasonId() == null ? null : Long.toString(touch.reasonId().value()), null,
                    Long.toString(Actors.current().userId()), "NORMAL",
                    touch.accountId() == null ? null : Long.toString(touch.accountId().value()),
                    touch.contactIds().isEmpty() ? null : Long.toString(touch.contactIds().get(0).value()),
                    touch.leadId() == null ? null : touch.leadId().toString(),
                    touch.dealId() == null ? null : touch.dealId().toString(), form.returnTo()));
            SaleRecord record = saleRecord(touch.leadId(), touch.dealId());
            model.addAttribute("subjectName", record != null ? record.name()
                    : touch.contacts().isEmpty() ? touch.accountName() : touch.contacts().get(0).name());
            choices(model);
            return htmx ? "followup/fragments :: nextStep" : "followup/next-step";
        }
        if (htmx && returnTo(form.returnTo(), null) == null) {
            model.addAttribute("done", logged);
            model.addAttribute("form", form.again());
            choices(model);
            people(model, parse(form.accountId()), form.contactIds());
            return "followup/fragments :: quickLog";
        }
        return back(returnTo(form.returnTo(), "/today"), logged, redirect, request, response, htmx);
    }

    /**
     * Back to a page with a flash message: a redirect, or for htmx a full-page visit (HX-Redirect) — the form
     * was swapped in place, and the page it goes back to is not a fragment of it.
     */
    private static String back(String target, String flash, RedirectAttributes redirect, HttpServletRequest request,
            HttpServletResponse response, boolean htmx) {
        if (!htmx) {
            redirect.addFlashAttribute("flash", flash);
            return "redirect:" + target;
        }
        RequestContextUtils.getOutputFlashMap(request).put("flash", flash);
        RequestContextUtils.saveOutputFlashMap(target, request, response);
        response.setHeader("HX-Redirect", request.getContextPath() + target);
        return "followup/fragments :: redirecting";
    }

    // --- promises ---------------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/commitments")
    String commitments(@RequestParam(required = false) Long ownerId, @RequestParam(required = false) Boolean broken,
            @RequestParam(required = false) CommitmentStatus status, @RequestParam(required = false) String cursor,
            Model model) {
        CommitmentStatus shown = status == null ? CommitmentStatus.OPEN : status;
        model.addAttribute("page", commitments.list(ownerId == null ? null : new UserId(ownerId), shown, broken, null, null,
                Paging.of(50, cursor)));
        model.addAttribute("broken", broken);
        model.addAttribute("status", shown);
        model.addAttribute("ownerId", ownerId);
        return "followup/commitments";
    }

    @AnyRole
    @PostMapping("/commitments/{id}/cancel")
    String cancelCommitment(@PathVariable CommitmentId id, @RequestParam long version, RedirectAttributes redirect,
            HttpServletRequest request) {
        commitments.cancel(id, version);
        redirect.addFlashAttribute("flash", message("commitment.cancelled", request));
        return "redirect:/commitments";
    }

    // --- helpers ----------------------------------------------------------------------------------

    private NewTouch touch(InvalidInput.Collector problems, TouchForm form, boolean withRecords) {
        Actor actor = Actors.current();
        Channel channel = Forms.choice(problems, "channel", Channel.class, form.channel());
        Direction direction = Forms.choice(problems, "direction", Direction.class, form.direction());
        Long account = withRecords ? Forms.id(problems, "accountId", form.accountId()) : null;
        List<ContactId> contacts = withRecords ? Forms.ids(problems, "contactIds", form.contactIds()).stream()
                .map(ContactId::new).toList() : null;
        Long lead = withRecords ? Forms.id(problems, "leadId", form.leadId()) : null;
        Long deal = withRecords ? Forms.id(problems, "dealId", form.dealId()) : null;
        Long reason = Forms.id(problems, "reasonId", form.reasonId());
        Outcome outcome = Forms.choice(problems, "outcome", Outcome.class, form.outcome());
        CustomerLevel level = Forms.choice(problems, "newLevel", CustomerLevel.class, form.newLevel());
        return new NewTouch(Forms.moment(problems, "occurredAt", form.occurredAt(), actor.zone()), channel, direction,
                account == null ? null : new AccountId(account), contacts, lead, deal,
                reason == null ? null : new BusinessReasonId(reason), form.notes(), "true".equals(form.reached()), outcome,
                level, null, "true".equals(form.readyToBuy()));
    }

    private static QuickLog.Promise promise(InvalidInput.Collector problems, TouchForm form) {
        if (Forms.blank(form.promise())) {
            return null;
        }
        CommitmentKind kind = Forms.choice(problems, "promiseKind", CommitmentKind.class, form.promiseKind());
        return new QuickLog.Promise(kind, form.promise(), Forms.date(problems, "promiseDue", form.promiseDue()), null);
    }

    private NewFollowUp newFollowUp(PlanForm form) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        LocalDate date = Forms.date(problems, "dueDate", form.dueDate());
        java.time.LocalTime time = Forms.time(problems, "dueTime", form.dueTime());
        Channel channel = Forms.choice(problems, "channel", Channel.class, form.channel());
        Long reason = Forms.id(problems, "reasonId", form.reasonId());
        Long assignee = Forms.id(problems, "assigneeId", form.assigneeId());
        Priority priority = Forms.choice(problems, "priority", Priority.class, form.priority());
        Long account = Forms.id(problems, "accountId", form.accountId());
        Long contact = Forms.id(problems, "contactId", form.contactId());
        Long lead = Forms.id(problems, "leadId", form.leadId());
        Long deal = Forms.id(problems, "dealId", form.dealId());
        if (date == null && !problems.has("dueDate")) {
            problems.add("dueDate", "is required");
        }
        problems.throwIfAny();
        return new NewFollowUp(assignee == null ? null : new UserId(assignee), date, time, null, channel,
                reason == null ? null : new BusinessReasonId(reason), form.instructions(),
                account == null ? null : new AccountId(account), contact == null ? null : new ContactId(contact), lead, deal,
                FollowUpOrigin.MANUAL, priority);
    }

    private String planPage(Model model, Long accountId, Long contactId, String unused) {
        choices(model);
        model.addAttribute("users", directory.activeUsers());
        model.addAttribute("subjectName", subjectName(accountId, contactId));
        return "followup/follow-up-form";
    }

    private String touchPage(Model model, Long accountId, Long contactId) {
        choices(model);
        people(model, accountId, contactId == null ? List.of() : List.of(contactId.toString()));
        model.addAttribute("subjectName", subjectName(accountId, contactId));
        if (contactId != null) {
            model.addAttribute("attempts", attempts.current(new app.tickler.platform.timeline.TimelineEntry.Subject(
                    "contact", contactId)));
        }
        return "followup/touch-form";
    }

    /** The form on a lead or deal: its name, its attempts so far, and for a deal its account's people and its own. */
    private String touchPage(Model model, SaleRecord record) {
        choices(model);
        people(model, record.accountId(), record.contactIds());
        model.addAttribute(record.type() + "Name", record.name());
        model.addAttribute("recordPath", record.path());
        model.addAttribute("attempts", attempts.current(new app.tickler.platform.timeline.TimelineEntry.Subject(
                record.type(), record.id())));
        return "followup/touch-form";
    }

    /** The lead or deal named, as the caller may see it (one they may not is not found); null for neither. */
    private SaleRecord saleRecord(Long leadId, Long dealId) {
        if (dealId != null) {
            DealSummary deal = sales.visibleDeal(dealId);
            if (deal == null) {
                throw new DealNotFound(dealId);
            }
            // the touch goes on the deal's account and people too, those the caller may see (as logging checks)
            Long account = deal.accountId() == null || !visible(() -> parties.visibleAccount(deal.accountId())) ? null
                    : deal.accountId().value();
            List<String> people = deal.contactIds().stream().filter(c -> visible(() -> parties.visibleContact(c)))
                    .map(c -> Long.toString(c.value())).toList();
            return new SaleRecord("deal", dealId, deal.name(), account, people);
        }
        if (leadId != null) {
            LeadSummary lead = sales.visibleLead(leadId);
            if (lead == null) {
                throw new LeadNotFound(leadId);
            }
            return new SaleRecord("lead", leadId, lead.name(), null, List.of());
        }
        return null;
    }

    private static boolean visible(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    /** The people a touch can be with: the account's buying centre, or the chosen person. */
    private void people(Model model, Long accountId, List<String> contactIds) {
        List<Map<String, Object>> people = new java.util.ArrayList<>();
        if (accountId != null) {
            for (BuyingCentreMember member : parties.buyingCentre(new AccountId(accountId))) {
                people.add(Map.of("id", member.contactId().value(), "name", member.name(), "doNotContact", member.doNotContact()));
            }
        }
        if (contactIds != null) {
            for (String id : contactIds) {
                Long value = parse(id);
                if (value != null && people.stream().noneMatch(p -> p.get("id").equals(value))) {
                    parties.contact(new ContactId(value)).ifPresent(c -> people.add(Map.of("id", c.id().value(), "name",
                            c.name(), "doNotContact", c.doNotContact())));
                }
            }
        }
        model.addAttribute("people", people);
    }

    private String subjectName(Long accountId, Long contactId) {
        if (contactId != null) {
            return parties.contact(new ContactId(contactId)).map(Contact::name).orElse(null);
        }
        if (accountId != null) {
            return parties.account(new AccountId(accountId)).map(Account::name).orElse(null);
        }
        return null;
    }

    private void choices(Model model) {
        model.addAttribute("reasons", reasons.all(false));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("levels", CustomerLevel.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("directions", Direction.values());
        if (!model.containsAttribute("users")) {
            model.addAttribute("users", directory.activeUsers());
        }
    }

    private static Long parse(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Only paths of this server, never another site (no open redirect): "//host" and "/\host" (which browsers
     * read as "//host") are refused, as is anything with a control character.
     */
    static String returnTo(String requested, String fallback) {
        return requested != null && requested.startsWith("/") && !requested.startsWith("//")
                && !requested.startsWith("/\\") && requested.chars().noneMatch(c -> c < 0x20 || c == 0x7f) ? requested
                : fallback;
    }

    private String message(String key, HttpServletRequest request, Object... arguments) {
        return messages.getMessage(key, arguments, request.getLocale());
    }

    @SuppressWarnings("unused")
    private List<Touch> recent(long contact) {
        return touches.of(new app.tickler.platform.timeline.TimelineEntry.Subject("contact", contact), Paging.first(5)).items();
    }
}
