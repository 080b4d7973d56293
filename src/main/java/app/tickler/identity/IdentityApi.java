package app.tickler.identity;

import java.net.URI;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AdminOnly;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.PublicEndpoint;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

/** REST API of identity and access: the caller, users, teams, the workspace, tokens and sign-up. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity and access")
class IdentityApi {

    record Me(UserSummary user, WorkspaceSummary workspace) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record NewUserRequest(String email, String name, Role role, TeamId teamId, String timeZone, String password) {
    }

    record NewTeamRequest(String name) {
    }

    record NewTokenRequest(String name) {
    }

    record SignupRequest(String workspace, String name, String email, String password, String timeZone,
            String currency) {
    }

    record SignupAnswer(WorkspaceId workspace, UserId admin) {
    }

    private static final Set<String> USER_FIELDS = Set.of("email", "name", "role", "teamId", "timeZone", "active", "password");
    private static final Set<String> PROFILE_FIELDS = Set.of("name", "timeZone");
    private static final Set<String> TEAM_FIELDS = Set.of("name");
    private static final Set<String> WORKSPACE_FIELDS = Set.of("name", "timeZone", "currency", "openVisibility");

    private final UserManagement users;
    private final UserRepository userRows;
    private final TeamManagement teams;
    private final WorkspaceSettings workspace;
    private final ApiTokens tokens;
    private final Onboarding onboarding;
    private final SessionSignIn signIn;
    private final boolean signupEnabled;

    IdentityApi(UserManagement users, UserRepository userRows, TeamManagement teams, WorkspaceSettings workspace,
            ApiTokens tokens, Onboarding onboarding, SessionSignIn signIn,
            @Value("${tickler.signup.enabled:false}") boolean signupEnabled) {
        this.users = users;
        this.userRows = userRows;
        this.teams = teams;
        this.workspace = workspace;
        this.tokens = tokens;
        this.onboarding = onboarding;
        this.signIn = signIn;
        this.signupEnabled = signupEnabled;
    }

    // --- the caller -------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/me")
    Me me() {
        return new Me(userRows.summary(Actors.current().userId()).orElseThrow(),
                workspace.current());
    }

    @AnyRole
    @PatchMapping("/me")
    Me editMe(@RequestBody JsonNode body, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, PROFILE_FIELDS);
        UserSummary current = me().user();
        users.editProfile(patch.text("name", current.displayName()), patch.text("timeZone", current.timeZone()),
                patch.version(ifMatch));
        return me();
    }

    @AnyRole
    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@RequestBody PasswordChange change, HttpServletRequest request, HttpServletResponse response) {
        signIn.changeOwnPassword(change.currentPassword(), change.newPassword(), request, response);
    }

    // --- users ------------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/users")
    Page<UserSummary> users(@RequestParam(required = false) Role role, @RequestParam(required = false) TeamId teamId,
            @RequestParam(required = false) Boolean active, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return userRows.list(new UserRepository.Filter(role, teamId == null ? null : teamId.value(), active, q),
                Paging.of(limit, cursor));
    }

    @AdminOnly
    @PostMapping("/users")
    ResponseEntity<UserSummary> createUser(@RequestBody NewUserRequest request) {
        UserSummary created = users.create(new UserManagement.NewUser(request.email(), request.name(), request.role(),
                request.teamId(), request.timeZone(), request.password()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id().value()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @AnyRole
    @GetMapping("/users/{id}")
    ResponseEntity<UserSummary> user(@PathVariable UserId id) {
        UserSummary user = userRows.summary(id.value()).orElseThrow(() -> new UserManagement.UserNotFound(id.value()));
        return ResponseEntity.ok().eTag(ETags.of(user.version())).body(user);
    }

    @AdminOnly
    @PatchMapping("/users/{id}")
    ResponseEntity<UserSummary> editUser(@PathVariable UserId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, USER_FIELDS);
        long version = patch.version(ifMatch);
        UserSummary current = user(id).getBody();
        Long team = patch.number("teamId", current.teamId() == null ? null : current.teamId().value());
        boolean active = patch.requiredBool("active", current.active());
        String password = patch.text("password", null);
        if (patch.has("password") && password == null) {
            throw new InvalidInput("password", "cannot be null; leave it out to keep the password");
        }
        UserSummary changed = users.edit(id.value(), new UserManagement.UserEdit(
                patch.text("email", current.email()), patch.text("name", current.displayName()),
                patch.enumValue("role", Role.class, current.role()), team == null ? null : new TeamId(team),
                patch.text("timeZone", current.timeZone()), active, password, version));
        return ResponseEntity.ok().eTag(ETags.of(changed.version())).body(changed);
    }

    @AdminOnly
    @PostMapping("/users/{id}/deactivate")
    UserSummary deactivate(@PathVariable UserId id) {
        return users.setActive(id.value(), false);
    }

    @AdminOnly
    @PostMapping("/users/{id}/reactivate")
    UserSummary reactivate(@PathVariable UserId id) {
        return users.setActive(id.value(), true);
    }

    // --- teams ------------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/teams")
    Page<TeamSummary> teams() {
        return new Page<>(teams.all(), null);
    }

    @AnyRole
    @GetMapping("/teams/{id}")
    TeamSummary team(@PathVariable TeamId id) {
        return teams.get(id.value());
    }

    @AdminOnly
    @PostMapping("/teams")
    ResponseEntity<TeamSummary> createTeam(@RequestBody NewTeamRequest request) {
        TeamSummary team = teams.create(request.name());
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id().value())).body(team);
    }

    @AdminOnly
    @PatchMapping("/teams/{id}")
    TeamSummary renameTeam(@PathVariable TeamId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, TEAM_FIELDS);
        long version = patch.version(ifMatch);
        return teams.rename(id.value(), patch.text("name", teams.get(id.value()).name()), version);
    }

    @AdminOnly
    @DeleteMapping("/teams/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTeam(@PathVariable TeamId id) {
        teams.delete(id.value());
    }

    // --- workspace --------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/workspace")
    ResponseEntity<WorkspaceSummary> workspace() {
        WorkspaceSummary current = workspace.current();
        return ResponseEntity.ok().eTag(ETags.of(current.version())).body(current);
    }

    @AdminOnly
    @PatchMapping("/workspace")
    WorkspaceSummary editWorkspace(@RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, WORKSPACE_FIELDS);
        WorkspaceSummary current = workspace.current();
        return workspace.change(new WorkspaceSettings.Settings(patch.text("name", current.name()),
                patch.text("timeZone", current.zone().getId()), patch.text("currency", current.currency()),
                patch.requiredBool("openVisibility", current.openVisibility()), patch.version(ifMatch)));
    }

    // --- API tokens -------------------------------------------------------------------------

    @AnyRole
    @PostMapping("/auth/tokens")
    ResponseEntity<ApiTokens.IssuedToken> issueToken(@RequestBody NewTokenRequest request) {
        ApiTokens.IssuedToken token = tokens.issue(request.name());
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.CACHE_CONTROL, "no-store").body(token);
    }

    @AnyRole
    @GetMapping("/auth/tokens")
    Page<ApiTokens.TokenView> tokens() {
        return new Page<>(tokens.mine(), null);
    }

    @AnyRole
    @DeleteMapping("/auth/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@PathVariable ApiTokenId id) {
        tokens.revoke(id.value());
    }

    // --- sign-up ----------------------------------------------------------------------------

    static final class SignupDisabled extends NotFound {
        SignupDisabled() {
            super("Sign-up", "(disabled on this server)");
        }
    }

    @PublicEndpoint
    @PostMapping("/signup")
    ResponseEntity<SignupAnswer> signup(@RequestBody SignupRequest request, HttpServletRequest http) {
        if (!signupEnabled) {
            throw new SignupDisabled();
        }
        WorkspaceCreated created = onboarding.createWorkspace(new Onboarding.NewWorkspace(request.workspace(),
                request.name(), request.email(), request.password(), request.timeZone(), request.currency()),
                http.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(new SignupAnswer(created.workspace(), created.admin()));
    }
}
