package app.tickler.identity;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.TooManyRequests;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.PublicEndpoint;
import app.tickler.platform.web.TimeZones;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** Sign-in, first-run set-up, sign-up and the signed-in user's own profile. */
@Controller
class IdentityPages {

    record WorkspaceForm(String workspace, String name, String email, String password, String timeZone,
            String currency) {

        static WorkspaceForm empty() {
            return new WorkspaceForm("", "", "", "", ZoneId.systemDefault().getId(), "EUR");
        }

        Onboarding.NewWorkspace toRequest() {
            return new Onboarding.NewWorkspace(workspace, name, email, password, timeZone, currency);
        }
    }

    record ProfileForm(String name, String timeZone, long version) {
    }

    record PasswordForm(String currentPassword, String newPassword) {
    }

    static final class PageNotFound extends NotFound {
        PageNotFound(String page) {
            super("Page", page);
        }
    }

    private final Onboarding onboarding;
    private final SessionSignIn signIn;
    private final UserManagement users;
    private final UserRepository userRows;
    private final ApiTokens tokens;
    private final MessageSource messages;
    private final boolean signupEnabled;

    IdentityPages(Onboarding onboarding, SessionSignIn signIn, UserManagement users, UserRepository userRows,
            ApiTokens tokens, MessageSource messages, @Value("${tickler.signup.enabled:false}") boolean signupEnabled) {
        this.onboarding = onboarding;
        this.signIn = signIn;
        this.users = users;
        this.userRows = userRows;
        this.tokens = tokens;
        this.messages = messages;
        this.signupEnabled = signupEnabled;
    }

    @PublicEndpoint
    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        if (Actors.find().isPresent()) {
            return "redirect:/";
        }
        HttpSession session = request.getSession(false);
        boolean failed = request.getParameterMap().containsKey("error");
        if (failed && session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException failure) {
            model.addAttribute("loginError", failure instanceof LoginThrottled
                    ? failure.getMessage() : message("login.failed", request));
        } else if (failed) {
            model.addAttribute("loginError", message("login.failed", request));
        }
        model.addAttribute("signupEnabled", signupEnabled);
        return "identity/login";
    }

    // --- set-up and sign-up -----------------------------------------------------------------

    @PublicEndpoint
    @GetMapping("/setup")
    String setup(Model model, HttpServletRequest request) {
        if (onboarding.isSetUp()) {
            throw new PageNotFound("/setup");
        }
        return workspaceForm(model, WorkspaceForm.empty(), null, "/setup", request);
    }

    @PublicEndpoint
    @PostMapping("/setup")
    String setUp(WorkspaceForm form, Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            onboarding.createFirstWorkspace(form.toRequest());
        } catch (InvalidInput problems) {
            return workspaceForm(model, form, problems, "/setup", request);
        }
        signIn.withPassword(form.email(), form.password(), request, response);
        return "redirect:/";
    }

    @PublicEndpoint
    @GetMapping("/signup")
    String signup(Model model, HttpServletRequest request) {
        if (!signupEnabled) {
            throw new PageNotFound("/signup");
        }
        return workspaceForm(model, WorkspaceForm.empty(), null, "/signup", request);
    }

    @PublicEndpoint
    @PostMapping("/signup")
    String signUp(WorkspaceForm form, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (!signupEnabled) {
            throw new PageNotFound("/signup");
        }
        try {
            onboarding.createWorkspace(form.toRequest(), request.getRemoteAddr());
        } catch (InvalidInput problems) {
            return workspaceForm(model, form, problems, "/signup", request);
        }
        signIn.withPassword(form.email(), form.password(), request, response);
        return "redirect:/";
    }

    private String workspaceForm(Model model, WorkspaceForm form, InvalidInput problems, String action,
            HttpServletRequest request) {
        boolean setup = action.equals("/setup");
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("action", action);
        model.addAttribute("zones", TimeZones.ids());
        model.addAttribute("heading", message(setup ? "setup.title" : "signup.title", request));
        model.addAttribute("intro", message(setup ? "setup.intro" : "signup.intro", request));
        model.addAttribute("submit", message(setup ? "setup.submit" : "signup.submit", request));
        return "identity/workspace-form";
    }

    // --- the signed-in user's profile -------------------------------------------------------

    @AnyRole
    @GetMapping("/profile")
    String profile(Model model) {
        return profilePage(model, null);
    }

    @AnyRole
    @PostMapping("/profile")
    String editProfile(ProfileForm form, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            users.editProfile(form.name(), form.timeZone(), form.version());
        } catch (InvalidInput problems) {
            return profilePage(model, problems);
        }
        redirect.addFlashAttribute("flash", message("profile.saved", request));
        return "redirect:/profile";
    }

    @AnyRole
    @PostMapping("/profile/password")
    String changePassword(PasswordForm form, Model model, RedirectAttributes redirect, HttpServletRequest request,
            HttpServletResponse response) {
        try {
            signIn.changeOwnPassword(form.currentPassword(), form.newPassword(), request, response);
        } catch (InvalidInput problems) {
            return profilePage(model, problems);
        } catch (TooManyRequests throttled) {
            return profilePage(model, new InvalidInput("currentPassword", throttled.getMessage()));
        }
        redirect.addFlashAttribute("flash", message("profile.passwordChanged", request));
        return "redirect:/profile";
    }

    @AnyRole
    @PostMapping("/profile/tokens")
    String issueToken(String name, Model model, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newToken", tokens.issue(name));
        } catch (InvalidInput problems) {
            return profilePage(model, problems);
        }
        return "redirect:/profile";
    }

    @AnyRole
    @PostMapping("/profile/tokens/{id}/revoke")
    String revokeToken(@PathVariable ApiTokenId id, RedirectAttributes redirect, HttpServletRequest request) {
        tokens.revoke(id.value());
        redirect.addFlashAttribute("flash", message("tokens.revokedFlash", request));
        return "redirect:/profile";
    }

    private String profilePage(Model model, InvalidInput problems) {
        model.addAttribute("me", userRows.summary(Actors.current().userId()).orElseThrow());
        model.addAttribute("tokens", tokens.mine());
        model.addAttribute("zones", TimeZones.ids());
        model.addAttribute("problems", problems);
        return "identity/profile";
    }

    private String message(String key, HttpServletRequest request) {
        return messages.getMessage(key, null, request.getLocale());
    }
}
