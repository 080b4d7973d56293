package app.tickler.identity;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AdminOnly;
import app.tickler.platform.security.Role;
import app.tickler.platform.web.TimeZones;
import jakarta.servlet.http.HttpServletRequest;

/** The admin's settings: users, teams and the workspace. */
@Controller
@RequestMapping("/settings")
@AdminOnly
class SettingsPages {

    record UserForm(String name, String email, Role role, Long teamId, String timeZone, String password, Long version) {

        static UserForm empty() {
            return new UserForm("", "", Role.REP, null, null, "", null);
        }

        static UserForm of(UserSummary user) {
            return new UserForm(user.displayName(), user.email(), user.role(),
                    user.teamId() == null ? null : user.teamId().value(), user.timeZone(), "", user.version());
        }

        TeamId team() {
            return teamId == null ? null : new TeamId(teamId);
        }
    }

    record TeamForm(String name, long version) {
    }

    record WorkspaceForm(String name, String timeZone, String currency, Boolean openVisibility, long version) {
    }

    private final UserManagement users;
    private final UserRepository userRows;
    private final TeamManagement teams;
    private final WorkspaceSettings workspace;
    private final MessageSource messages;

    SettingsPages(UserManagement users, UserRepository userRows, TeamManagement teams, WorkspaceSettings workspace,
            MessageSource messages) {
        this.users = users;
        this.userRows = userRows;
        this.teams = teams;
        this.workspace = workspace;
        this.messages = messages;
    }

    // --- users ------------------------------------------------------------------------------

    @GetMapping("/users")
    String users(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
            @RequestParam(required = false) Long teamId, @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", userRows.list(new UserRepository.Filter(role, teamId, active, q), Paging.of(50, cursor)));
        model.addAttribute("q", q);
        model.addAttribute("role", role);
        model.addAttribute("teamId", teamId);
        model.addAttribute("active", active);
        model.addAttribute("roles", Role.values());
        model.addAttribute("teams", teams.all());
        return "identity/users";
    }

    @GetMapping("/users/new")
    String newUser(Model model) {
        return userForm(model, null, UserForm.empty(), null);
    }

    @PostMapping("/users")
    String createUser(UserForm form, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        UserSummary created;
        try {
            created = users.create(new UserManagement.NewUser(form.email(), form.name(), form.role(), form.team(),
                    form.timeZone(), form.password()));
        } catch (InvalidInput problems) {
            return userForm(model, null, form, problems);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("users.created", new Object[] {created.displayName()},
                request.getLocale()));
        return "redirect:/settings/users";
    }

    @GetMapping("/users/{id}")
    String user(@PathVariable UserId id, Model model) {
        UserSummary user = existing(id);
        return userForm(model, user, UserForm.of(user), null);
    }

    @PostMapping("/users/{id}")
    String editUser(@PathVariable UserId id, UserForm form, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        UserSummary user = existing(id);
        try {
            String password = form.password() == null || form.password().isEmpty() ? null : form.password();
            users.edit(id.value(), new UserManagement.UserEdit(form.email(), form.name(), form.role(), form.team(),
                    form.timeZone(), user.active(), password, form.version() == null ? -1 : form.version()));
        } catch (InvalidInput problems) {
            return userForm(model, user, form, problems);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("flash.saved", null, request.getLocale()));
        return "redirect:/settings/users/" + id.value();
    }

    @PostMapping("/users/{id}/deactivate")
    String deactivate(@PathVariable UserId id, RedirectAttributes redirect, HttpServletRequest request) {
        UserSummary user = users.setActive(id.value(), false);
        redirect.addFlashAttribute("flash", messages.getMessage("users.deactivated", new Object[] {user.displayName()},
                request.getLocale()));
        return "redirect:/settings/users/" + id.value();
    }

    @PostMapping("/users/{id}/reactivate")
    String reactivate(@PathVariable UserId id, RedirectAttributes redirect, HttpServletRequest request) {
        UserSummary user = users.setActive(id.value(), true);
        redirect.addFlashAttribute("flash", messages.getMessage("users.reactivated", new Object[] {user.displayName()},
                request.getLocale()));
        return "redirect:/settings/users/" + id.value();
    }

    private UserSummary existing(UserId id) {
        return userRows.summary(id.value()).orElseThrow(() -> new UserManagement.UserNotFound(id.value()));
    }

    private String userForm(Model model, UserSummary user, UserForm form, InvalidInput problems) {
        model.addAttribute("user", user);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("roles", Role.values());
        model.addAttribute("teams", teams.all());
        model.addAttribute("zones", TimeZones.ids());
        return "identity/user-form";
    }

    // --- teams ------------------------------------------------------------------------------

    @GetMapping("/teams")
    String teams(Model model) {
        return teamsPage(model, null);
    }

    @PostMapping("/teams")
    String createTeam(@RequestParam(required = false) String name, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        try {
            teams.create(name);
        } catch (InvalidInput problems) {
            return teamsPage(model, problems);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("flash.saved", null, request.getLocale()));
        return "redirect:/settings/teams";
    }

    @PostMapping("/teams/{id}")
    String renameTeam(@PathVariable TeamId id, TeamForm form, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        try {
            teams.rename(id.value(), form.name(), form.version());
        } catch (InvalidInput problems) {
            return teamsPage(model, problems);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("flash.saved", null, request.getLocale()));
        return "redirect:/settings/teams";
    }

    @PostMapping("/teams/{id}/delete")
    String deleteTeam(@PathVariable TeamId id, RedirectAttributes redirect, HttpServletRequest request) {
        teams.delete(id.value());
        redirect.addFlashAttribute("flash", messages.getMessage("flash.deleted", null, request.getLocale()));
        return "redirect:/settings/teams";
    }

    private String teamsPage(Model model, InvalidInput problems) {
        model.addAttribute("teams", teams.all());
        model.addAttribute("problems", problems);
        return "identity/teams";
    }

    // --- workspace --------------------------------------------------------------------------

    @GetMapping("/workspace")
    String workspace(Model model) {
        return workspacePage(model, null);
    }

    @PostMapping("/workspace")
    String editWorkspace(WorkspaceForm form, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            workspace.change(new WorkspaceSettings.Settings(form.name(), form.timeZone(), form.currency(),
                    Boolean.TRUE.equals(form.openVisibility()), form.version()));
        } catch (InvalidInput problems) {
            return workspacePage(model, problems);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("flash.saved", null, request.getLocale()));
        return "redirect:/settings/workspace";
    }

    private String workspacePage(Model model, InvalidInput problems) {
        model.addAttribute("workspace", workspace.current());
        model.addAttribute("zones", TimeZones.ids());
        model.addAttribute("problems", problems);
        return "identity/workspace";
    }
}
