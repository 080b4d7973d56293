package app.tickler.identity;

import org.springframework.stereotype.Service;

import app.tickler.platform.security.Role;

/**
 * Creating workspaces and users from code rather than from a person's request: the benchmark data
 * generator, restoring a backup into a new workspace. The same rules apply as in the UI and API.
 */
@Service
public class Provisioning {

    private final Onboarding onboarding;
    private final UserManagement users;

    Provisioning(Onboarding onboarding, UserManagement users) {
        this.onboarding = onboarding;
        this.users = users;
    }

    /** A new workspace with its admin; other modules seed their defaults through {@link WorkspaceCreated}. */
    public WorkspaceCreated createWorkspace(String workspace, String adminName, String adminEmail, String password,
            String timeZone, String currency) {
        return onboarding.provision(new Onboarding.NewWorkspace(workspace, adminName, adminEmail, password,
                timeZone, currency));
    }

    /**
     * A password hash that no password matches (of a random secret nobody keeps), for the users of a
     * workspace restored from a backup without credentials: an admin gives them a password (Settings →
     * Users), and the operator the first admin ({@link #setPassword}).
     */
    public String unusablePasswordHash() {
        return users.unusablePasswordHash();
    }

    /**
     * The operator sets the password of a user of the current actor's workspace, found by email — after
     * restoring a backup without credentials. The password policy applies; the user's sessions end.
     */
    public void setPassword(String email, String password) {
        users.setPassword(email, password);
    }

    /** A user of the current actor's workspace (the actor must be its admin). */
    public UserId createUser(String email, String name, Role role, TeamId team, String password) {
        return users.create(new UserManagement.NewUser(email, name, role, team, null, password)).id();
    }
}
