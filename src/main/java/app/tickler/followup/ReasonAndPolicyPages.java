package app.tickler.followup;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.party.CustomerLevel;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.ManagerOrAbove;
import jakarta.servlet.http.HttpServletRequest;

/** The engine's settings tabs for managers and admins: business reasons, level policies, email (SMTP). */
@Controller
@RequestMapping("/settings")
@ManagerOrAbove
class ReasonAndPolicyPages {

    private final BusinessReasons reasons;
    private final LevelPolicies policies;
    private final SmtpSettings smtp;
    private final MessageSource messages;

    ReasonAndPolicyPages(BusinessReasons reasons, LevelPolicies policies, SmtpSettings smtp, MessageSource messages) {
        this.reasons = reasons;
        this.policies = policies;
        this.smtp = smtp;
        this.messages = messages;
    }

    @GetMapping("/reasons")
    String reasons(Model model) {
        model.addAttribute("reasons", reasons.all(true));
        return "followup/settings-reasons";
    }

    @PostMapping("/reasons")
    String addReason(@RequestParam(required = false) String name, @RequestParam(defaultValue = "false") boolean valueAdding,
            Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            reasons.create(new BusinessReasons.Input(name, valueAdding, null, false));
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            model.addAttribute("name", name);
            return reasons(model);
        }
        return saved(redirect, request, "redirect:/settings/reasons");
    }

    @PostMapping("/reasons/{id}")
    String editReason(@PathVariable BusinessReasonId id, @RequestParam long version, @RequestParam String name,
            @RequestParam(defaultValue = "false") boolean valueAdding, @RequestParam(required = false) Integer position,
            @RequestParam(defaultValue = "false") boolean archived, RedirectAttributes redirect, HttpServletRequest request) {
        reasons.update(id, new BusinessReasons.Input(name, valueAdding, position, archived), version);
        return saved(redirect, request, "redirect:/settings/reasons");
    }

    @GetMapping("/level-policies")
    String policies(Model model) {
        model.addAttribute("policies", policies.all());
        return "followup/settings-policies";
    }

    @PostMapping("/level-policies/{level}")
    String editPolicy(@PathVariable CustomerLevel level, @RequestParam long version,
            @RequestParam(required = false) String maxSilenceDays, @RequestParam(required = false) String reassessEveryDays,
            RedirectAttributes redirect, HttpServletRequest request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Integer silence = Forms.number(problems, "maxSilenceDays", maxSilenceDays);
        Integer reassess = Forms.number(problems, "reassessEveryDays", reassessEveryDays);
        problems.throwIfAny();
        policies.update(level, new LevelPolicies.Input(silence, reassess), version);
        return saved(redirect, request, "redirect:/settings/level-policies");
    }

    @GetMapping("/email")
    String email(Model model) {
        model.addAttribute("smtp", smtp.view().orElse(null));
        return "followup/settings-email";
    }

    @PostMapping("/email")
    String saveEmail(@RequestParam(required = false) String host, @RequestParam(required = false) String port,
            @RequestParam(required = false) String username, @RequestParam(required = false) String password,
            @RequestParam(defaultValue = "false") boolean starttls, @RequestParam(required = false) String fromAddress,
            @RequestParam(required = false) String fromName, @RequestParam(required = false) Long version, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            Integer portNumber = Forms.number(problems, "port", port);
            problems.throwIfAny();
            smtp.save(new SmtpSettings.Input(host, portNumber, username, password, starttls, fromAddress, fromName), version);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            model.addAttribute("smtp", new SmtpSettings.View(host, 587, username, false, starttls, fromAddress, fromName,
                    version == null ? 0 : version));
            model.addAttribute("isNew", version == null);
            return "followup/settings-email";
        }
        redirect.addFlashAttribute("flash", messages.getMessage("smtp.saved", null, request.getLocale()));
        return "redirect:/settings/email";
    }

    @PostMapping("/email/delete")
    String deleteEmail(RedirectAttributes redirect, HttpServletRequest request) {
        smtp.delete();
        redirect.addFlashAttribute("flash", messages.getMessage("smtp.deleted", null, request.getLocale()));
        return "redirect:/settings/email";
    }

    private String saved(RedirectAttributes redirect, HttpServletRequest request, String view) {
        redirect.addFlashAttribute("flash", messages.getMessage("reasons.saved", null, request.getLocale()));
        return view;
    }
}
