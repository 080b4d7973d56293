package app.tickler.sales;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import app.tickler.identity.Directory;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.PublicEndpoint;
import app.tickler.platform.security.Role;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The public web-to-lead form of a workspace, at an address with its unguessable key, embeddable in
 * the company's own site. It says nothing about the workspace; a hidden honeypot field catches bots
 * (they are thanked, and nothing is stored) and each address may submit only a few times per window.
 */
@Controller
@RequestMapping("/forms/leads/{key}")
class WebForm {

    static final String PREFIX = "/forms/leads/";

    record Submission(String firstName, String lastName, String company, String email, String phone, String message,
            String website) {

        static Submission empty() {
            return new Submission("", "", "", "", "", "", "");
        }
    }

    static final class FormNotFound extends NotFound {
        FormNotFound() {
            super("Form", "at this address");
        }
    }

    private final SalesSettings settings;
    private final Leads leads;
    private final WebFormThrottle throttle;
    private final Directory directory;

    WebForm(SalesSettings settings, Leads leads, WebFormThrottle throttle, Directory directory) {
        this.settings = settings;
        this.leads = leads;
        this.throttle = throttle;
        this.directory = directory;
    }

    static String path(String key) {
        return PREFIX + key;
    }

    @PublicEndpoint
    @GetMapping
    String form(@PathVariable String key, Model model) {
        workspace(key);
        return page(model, key, Submission.empty(), null);
    }

    @PublicEndpoint
    @PostMapping
    String submit(@PathVariable String key, Submission submission, Model model, HttpServletRequest request) {
        long workspace = workspace(key);
        throttle.check(request.getRemoteAddr());
        if (submission.website() != null && !submission.website().isBlank()) {
            return "redirect:" + path(key) + "/thanks";
        }
        try {
            Actors.runAs(actor(workspace), () -> leads.create(new LeadInput(submission.firstName(), submission.lastName(),
                    null, submission.company(), submission.email(), submission.phone(), LeadSource.WEB_FORM, "web form",
                    null, null, submission.message(), null, Map.of())));
        } catch (InvalidInput problems) {
            return page(model, key, submission, problems);
        }
        return "redirect:" + path(key) + "/thanks";
    }

    @PublicEndpoint
    @GetMapping("/thanks")
    String thanks(@PathVariable String key, Model model) {
        workspace(key);
        model.addAttribute("thanks", true);
        return page(model, key, Submission.empty(), null);
    }

    private long workspace(String key) {
        return settings.workspaceOfForm(key).orElseThrow(FormNotFound::new);
    }

    /** The form acts as its workspace, named "Web form" in the audit log and on the timeline. */
    private Actor actor(long workspace) {
        ZoneId zone = Actors.callAs(Actor.system(workspace, ZoneId.of("UTC")), () -> directory.currentWorkspace().zone());
        return new Actor(workspace, 0L, "Web form", Role.ADMIN, null, zone, Set.of(), true);
    }

    private static String page(Model model, String key, Submission submission, InvalidInput problems) {
        model.addAttribute("action", path(key));
        model.addAttribute("form", submission);
        model.addAttribute("problems", problems);
        return "sales/web-form";
    }
}
