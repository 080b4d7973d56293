package app.tickler.identity;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Role;

/**
 * Turns a stored user into the {@link Actor} of a request: role, team, time zone and whose records
 * they see. Runs on every request, so a deactivation or role change takes effect at once.
 */
@Component
class ActorResolver implements UserDetailsService {

    private final UserRepository users;
    private final WorkspaceRepository workspaces;

    ActorResolver(UserRepository users, WorkspaceRepository workspaces) {
        this.users = users;
        this.workspaces = workspaces;
    }

    /** For form sign-in, HTTP Basic and remember-me: the user with that email, whatever its workspace. */
    @Override
    public SignedInUser loadUserByUsername(String email) {
        return users.findForSignIn(email).map(this::principal)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /**
     * The current principal of a session or token, or empty when it must no longer be honoured. It
     * carries no password hash: nothing after sign-in needs it, and sessions should not hold it.
     */
    Optional<SignedInUser> refresh(long workspaceId, long userId, Long expectedStamp) {
        return users.findIn(workspaceId, userId)
                .filter(User::active)
                .filter(user -> expectedStamp == null || user.securityStamp() == expectedStamp)
                .map(this::principal)
                .map(principal -> {
                    principal.eraseCredentials();
                    return principal;
                });
    }

    SignedInUser principal(User user) {
        WorkspaceSummary workspace = workspaces.find(user.workspaceId())
                .orElseThrow(() -> new IllegalStateException("user without workspace"));
        ZoneId zone = user.timeZone() == null ? workspace.zone() : ZoneId.of(user.timeZone());
        Set<Long> teamOwners = new HashSet<>();
        teamOwners.add(user.id());
        if (user.role() == Role.REP && user.teamId() != null) {
            teamOwners.addAll(users.teamMemberIds(user.workspaceId(), user.teamId()));
        }
        Actor actor = new Actor(user.workspaceId(), user.id(), user.displayName(), user.role(), user.teamId(), zone,
                teamOwners, workspace.openVisibility());
        return new SignedInUser(actor, user.email(), user.securityStamp(), user.active(), user.passwordHash());
    }
}
