package app.tickler.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.party.Parties;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.timeline.TimelineEntry.Subject;
import jakarta.servlet.http.HttpServletRequest;

/** Cadences (managers design them), enrolling people (one or many), stopping, and who gave up early. */
@Controller
class CadencePages {

    /** Empty step rows offered below the existing ones. */
    private static final int SPARE_STEPS = 3;

    private final Cadences cadences;
    private final Enrolments enrolments;
    private final BusinessReasons reasons;
    private final Attempts attempts;
    private final Parties parties;
    private final MessageSource messages;
    private final Clock clock;

    CadencePages(Cadences cadences, Enrolments enrolments, BusinessReasons reasons, Attempts attempts, Parties parties,
            MessageSource messages, Clock clock) {
        this.cadences = cadences;
        this.enrolments = enrolments;
        this.reasons = reasons;
        this.attempts = attempts;
        this.parties = parties;
        this.messages = messages;
        this.clock = clock;
    }

    @AnyRole
    @GetMapping("/cadences")
    String list(Model model) {
        model.addAttribute("cadences", cadences.all(true));
        return "followup/cadences";
    }

    @ManagerOrAbove
    @GetMapping("/cadences/new")
    String create(Model model) {
        return form(model, null, new Cadences.Input(null, null, Cadences.DEFAULT_NURTURE_DAYS, Channel.CALL, null, false,
                List.of()), null);
    }

    @ManagerOrAbove
    @PostMapping("/cadences")
    String save(HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Cadences.Input input = input(request);
        try {
            Cadence created = cadences.create(input);
            redirect.addFlashAttribute("flash", message("cadence.saved", request));
            return "redirect:/cadences/" + created.id().value();
        } catch (InvalidInput problems) {
            return form(model, null, input, problems);
        }
    }

    @AnyRole
    @GetMapping("/cadences/{id}")
    String cadence(@PathVariable CadenceId id, @RequestParam(required = false) String cursor, Model model) {
        Cadence cadence = cadences.get(id);
        model.addAttribute("cadence", cadence);
        model.addAttribute("reasonNames", reasons.byId());
        model.addAttribute("enrolments", enrolments.list(id, null, EnrolmentStatus.ACTIVE, false, Paging.of(50, cursor)));
        model.addAttribute("startOn", Actors.current().today(clock));
        return "followup/cadence";
    }

    @ManagerOrAbove
    @GetMapping("/cadences/{id}/edit")
    String edit(@PathVariable CadenceId id, Model model) {
        Cadence cadence = cadences.get(id);
        return form(model, cadence, new Cadences.Input(cadence.name(), cadence.description(), cadence.nurtureDays(),
                cadence.nurtureChannel(), cadence.nurtureReasonId(), cadence.archived(), cadence.steps().stream()
                        .map(s -> new Cadences.StepInput(s.dayOffset(), s.channel(), s.reasonId(), s.instructions(),
                                s.emailSubject(), s.emailBody())).toList()), null);
    }

    @ManagerOrAbove
    @PostMapping("/cadences/{id}")
    String update(@PathVariable CadenceId id, @RequestParam long version, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        Cadences.Input input = input(request);
        try {
            cadences.update(id, input, version);
        } catch (InvalidInput problems) {
            return form(model, cadences.get(id), input, problems);
        }
        redirect.addFlashAttribute("flash", message("cadence.saved", request));
        return "redirect:/cadences/" + id.value();
    }

    // --- enrolling --------------------------------------------------------------------------------

    @RepOrAbove
    @GetMapping("/cadences/enrol")
    String enrolForm(@RequestParam(required = false) Long contactId, Model model) {
        model.addAttribute("cadences", cadences.all(false));
        model.addAttribute("contactId", contactId);
        model.addAttribute("contactName", contactId == null ? null
                : parties.contact(new ContactId(contactId)).map(app.tickler.party.Contact::name).orElse(null));
        model.addAttribute("startOn", Actors.current().today(clock));
        return "followup/enrol";
    }

    /** Enrols one person or many (several contactIds): whoever cannot be enrolled is listed with the reason. */
    @RepOrAbove
    @PostMapping("/cadences/enrol")
    String enrol(@RequestParam(required = false) String cadenceId, @RequestParam(required = false) List<String> contactIds,
            @RequestParam(required = false) String startOn, RedirectAttributes redirect, HttpServletRequest request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Long cadence = Forms.id(problems, "cadenceId", cadenceId);
        problems.check(cadence != null || problems.has("cadenceId"), "cadenceId", "is required");
        List<ContactId> people = Forms.ids(problems, "contactIds", contactIds).stream().map(ContactId::new).toList();
        LocalDate start = Forms.date(problems, "startOn", startOn);
        problems.throwIfAny();
        Enrolments.Bulk bulk = enrolments.enrolAll(new CadenceId(cadence), people, null, start);
        redirect.addFlashAttribute("flash", message("cadence.enrolled", request, bulk.enrolled().size(), bulk.skipped().size()));
        redirect.addFlashAttribute("skipped", bulk.skipped());
        if (people.size() == 1 && bulk.enrolled().size() == 1) {
            return "redirect:/today";
        }
        return "redirect:/cadences/" + cadence;
    }

    @RepOrAbove
    @GetMapping("/enrolments/{id}/stop")
    String stopForm(@PathVariable EnrolmentId id, Model model) {
        Enrolment enrolment = enrolments.visible(id);
        model.addAttribute("enrolment", enrolment);
        model.addAttribute("attempt", attempts.current(enrolment.dealId() != null ? new Subject("deal", enrolment.dealId())
                : enrolment.leadId() != null ? new Subject("lead", enrolment.leadId())
                        : new Subject("contact", enrolment.contactId().value())));
        return "followup/stop";
    }

    @RepOrAbove
    @PostMapping("/enrolments/{id}/stop")
    String stop(@PathVariable EnrolmentId id, @RequestParam long version, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note, @RequestParam(defaultValue = "false") boolean extendToAccount,
            Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            EnrolmentEndReason why = Forms.choice(problems, "reason", EnrolmentEndReason.class, reason);
            problems.throwIfAny();
            enrolments.stop(id, version, why, note, extendToAccount);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            model.addAttribute("note", note);
            return stopForm(id, model);
        }
        redirect.addFlashAttribute("flash", message("enrolment.stopped", request));
        return "redirect:/today";
    }

    @ManagerOrAbove
    @GetMapping("/cadences/gave-up-early")
    String gaveUpEarly(@RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", enrolments.list(null, null, EnrolmentStatus.ENDED, true, Paging.of(50, cursor)));
        return "followup/gave-up-early";
    }

    // --- the form ---------------------------------------------------------------------------------

    private String form(Model model, Cadence cadence, Cadences.Input input, InvalidInput problems) {
        List<Cadences.StepInput> rows = new ArrayList<>(input.steps() == null ? List.of() : input.steps());
        for (int i = 0; i < SPARE_STEPS; i++) {
            rows.add(new Cadences.StepInput(null, null, null, null, null, null));
        }
        model.addAttribute("cadence", cadence);
        model.addAttribute("input", input);
        model.addAttribute("rows", rows);
        model.addAttribute("problems", problems);
        model.addAttribute("reasons", reasons.all(false));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("mergeFields", MergeFields.names());
        return "followup/cadence-form";
    }

    /** Reads the form's steps[i].* fields; a row without a channel is an empty spare row and is left out. */
    private static Cadences.Input input(HttpServletRequest request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        List<Cadences.StepInput> steps = new ArrayList<>();
        for (int i = 0; i < Cadences.MAX_STEPS + SPARE_STEPS; i++) {
            String prefix = "steps[" + i + "].";
            String channel = request.getParameter(prefix + "channel");
            if (channel == null || channel.isBlank() || "true".equals(request.getParameter(prefix + "remove"))) {
                continue;
            }
            Integer offset = Forms.number(problems, prefix + "dayOffset", request.getParameter(prefix + "dayOffset"));
            Long reason = Forms.id(problems, prefix + "reasonId", request.getParameter(prefix + "reasonId"));
            steps.add(new Cadences.StepInput(offset, Forms.choice(problems, prefix + "channel", Channel.class, channel),
                    reason == null ? null : new BusinessReasonId(reason), request.getParameter(prefix + "instructions"),
                    request.getParameter(prefix + "emailSubject"), request.getParameter(prefix + "emailBody")));
        }
        Integer nurture = Forms.number(problems, "nurtureDays", request.getParameter("nurtureDays"));
        Long nurtureReason = Forms.id(problems, "nurtureReasonId", request.getParameter("nurtureReasonId"));
        Channel nurtureChannel = Forms.choice(problems, "nurtureChannel", Channel.class, request.getParameter("nurtureChannel"));
        problems.throwIfAny();
        return new Cadences.Input(request.getParameter("name"), request.getParameter("description"), nurture, nurtureChannel,
                nurtureReason == null ? null : new BusinessReasonId(nurtureReason),
                "true".equals(request.getParameter("archived")), steps);
    }

    private String message(String key, HttpServletRequest request, Object... arguments) {
        return messages.getMessage(key, arguments, request.getLocale());
    }
}
