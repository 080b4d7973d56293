package app.tickler.identity;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.TooManyRequests;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

/** What admins do with users, and what every user does with their own profile and password. */
@Service
class UserManagement {

    static final class UserNotFound extends NotFound {
        UserNotFound(long id) {
            super("User", id);
        }
    }

    record NewUser(String email, String name, Role role, TeamId teamId, String timeZone, String password) {
    }

    /**
     * A complete new state of the editable fields, based on {@code version}; {@code newPassword} null
     * keeps the password.
     */
    record UserEdit(String email, String name, Role role, TeamId teamId, String timeZone, boolean active,
            String newPassword, long version) {
    }

    private final UserRepository users;
    private final TeamRepository teams;
    private final WorkspaceRepository workspaces;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final ApiTokens tokens;
    private final LoginThrottle throttle;
    private final TransactionOperations transactions;

    UserManagement(UserRepository users, TeamRepository teams, WorkspaceRepository workspaces,
            PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, IdGenerator ids, Clock clock, AuditLog audit,
            ApiTokens tokens, LoginThrottle throttle, TransactionOperations transactions) {
        this.users = users;
        this.teams = teams;
        this.workspaces = workspaces;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.tokens = tokens;
        this.throttle = throttle;
        this.transactions = transactions;
    }

    @Transactional
    UserSummary create(NewUser request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String email = Inputs.email(problems, "email", request.email());
        String name = Inputs.name(problems, "name", request.name());
        problems.check(request.role() != null, "role", "is required (ADMIN, MANAGER, REP or STAFF)");
        ZoneId zone = Inputs.zone(problems, "timeZone", request.timeZone(), false);
        checkTeam(problems, request.teamId());
        try {
            passwordPolicy.check("password", request.password(), email);
        } catch (InvalidInput e) {
            e.problems().forEach(p -> problems.add(p.field(), p.message()));
        }
        if (!problems.has("email") && users.emailTaken(email, 0L)) {
            problems.add("email", "is already used by another user");
        }
        problems.throwIfAny();

        Actor actor = Actors.current();
        User user = new User(actor.workspaceId(), ids.next(), email, name, request.role(),
                request.teamId() == null ? null : request.teamId().value(), zone == null ? null : zone.getId(), true,
                passwordEncoder.encode(request.password()), ids.next(), 0);
        users.insert(user, clock.millis());
        audit.record("user", user.id(), "created", Changes.between(null, user.audited()));
        return users.summary(user.id()).orElseThrow();
    }

    @Transactional
    UserSummary edit(long id, UserEdit edit) {
        User current = existing(id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String email = Inputs.email(problems, "email", edit.email());
        String name = Inputs.name(problems, "name", edit.name());
        problems.check(edit.role() != null, "role", "is required (ADMIN, MANAGER, REP or STAFF)");
        ZoneId zone = Inputs.zone(problems, "timeZone", edit.timeZone(), false);
        checkTeam(problems, edit.teamId());
        if (!problems.has("email") && users.emailTaken(email, id)) {
            problems.add("email", "is already used by another user");
        }
        if (edit.newPassword() != null) {
            try {
                passwordPolicy.check("password", edit.newPassword(), email);
            } catch (InvalidInput e) {
                e.problems().forEach(p -> problems.add(p.field(), p.message()));
            }
        }
        problems.throwIfAny();
        if (current.version() != edit.version()) {
            throw new StaleVersion("The user", current.version());
        }
        boolean losesAdmin = current.role() == Role.ADMIN && current.active()
                && (edit.role() != Role.ADMIN || !edit.active());
        if (losesAdmin && lastActiveAdmin()) {
            throw new InvalidInput(edit.active() ? "role" : "active",
                    "cannot change: this is the workspace's last active admin");
        }
        if (!edit.active() && id == Actors.current().userId()) {
            throw new InvalidInput("active", "cannot be turned off for yourself");
        }
        User changed = current.withProfile(email, name, edit.role(), edit.teamId() == null ? null : edit.teamId().value(),
                zone == null ? null : zone.getId());
        boolean endSessions = edit.active() != current.active() || edit.newPassword() != null;
        long stamp = endSessions ? ids.next() : current.securityStamp();
        changed = changed.withActive(edit.active(), stamp);
        if (edit.newPassword() != null) {
            changed = changed.withPassword(passwordEncoder.encode(edit.newPassword()), stamp);
        }
        if (current.active() && !edit.active()) {
            tokens.revokeAllOf(id);
        }
        return save(current, changed, "updated");
    }

    @Transactional
    UserSummary setActive(long id, boolean active) {
        User current = existing(id);
        if (current.active() == active) {
            return users.summary(id).orElseThrow();
        }
        if (!active) {
            if (id == Actors.current().userId()) {
                throw new Conflict("You cannot deactivate yourself");
            }
            if (current.role() == Role.ADMIN && lastActiveAdmin()) {
                throw new Conflict("The workspace's last active admin cannot be deactivated");
            }
        }
        if (!active) {
            tokens.revokeAllOf(id);
        }
        // a new stamp ends the user's sessions and remember-me cookies at once, and for good
        return save(current, current.withActive(active, ids.next()), active ? "reactivated" : "deactivated");
    }

    /** The signed-in user's own name and time zone. */
    @Transactional
    UserSummary editProfile(String name, String timeZone, long version) {
        User current = existing(Actors.current().userId());
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String cleanName = Inputs.name(problems, "name", name);
        ZoneId zone = Inputs.zone(problems, "timeZone", timeZone, false);
        problems.throwIfAny();
        if (current.version() != version) {
            throw new StaleVersion("Your profile", current.version());
        }
        return save(current, current.withProfile(current.email(), cleanName, current.role(), current.teamId(),
                zone == null ? null : zone.getId()), "updated");
    }

    /**
     * The signed-in user's own password; returns the new security stamp for the current session. The
     * current password is checked behind the sign-in throttle (a stolen session must not become a
     * password oracle), and outside the transaction so that a slow or throttled check holds no lock.
     */
    long changeOwnPassword(String currentPassword, String newPassword, String clientAddress) {
        User current = existing(Actors.current().userId());
        try (LoginThrottle.Attempt attempt = throttle.begin(current.email(), clientAddress)) {
            if (currentPassword == null || !passwordEncoder.matches(currentPassword, current.passwordHash())) {
                throw new InvalidInput("currentPassword", "is not your current password");
            }
            attempt.succeeded();
        } catch (LoginThrottled e) {
            throw new TooManyRequests(e.getMessage(), e.retryAfter());
        }
        passwordPolicy.check("newPassword", newPassword, current.email());
        long stamp = ids.next();
        User changed = current.withPassword(passwordEncoder.encode(newPassword), stamp);
        // based on the version read above: a concurrent change of the user is refused, not overwritten
        transactions.executeWithoutResult(status -> save(current, changed, "password changed"));
        return stamp;
    }

    String unusablePasswordHash() {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return passwordEncoder.encode(java.util.HexFormat.of().formatHex(secret));
    }

    @Transactional
    void setPassword(String email, String password) {
        long workspace = Actors.current().workspaceId();
        User current = users.findForSignIn(email == null ? "" : email).filter(u -> u.workspaceId() == workspace)
                .orElseThrow(() -> new InvalidInput("email", "is not a user of workspace " + workspace));
        passwordPolicy.check("password", password, current.email());
        save(current, current.withPassword(passwordEncoder.encode(password), ids.next()), "password set by the operator");
    }

    private UserSummary save(User before, User after, String action) {
        users.update(after, clock.millis());
        Map<String, Change> changes = Changes.between(before.audited(), after.audited());
        if (!before.passwordHash().equals(after.passwordHash())) {
            changes = new java.util.LinkedHashMap<>(changes);
            changes.put("password", new Change("(hidden)", "(changed)"));
        }
        audit.record("user", after.id(), action, changes);
        return users.summary(after.id()).orElseThrow();
    }

    /**
     * Whether the workspace has no other active admin. Locks the workspace first: two admins removing
     * each other at once must not both see the other one still there (READ COMMITTED on PostgreSQL).
     * The user's row itself is guarded by its version, so a stale read of it fails the update.
     */
    private boolean lastActiveAdmin() {
        workspaces.lockForUpdate(Actors.current().workspaceId());
        return users.countActiveAdmins() <= 1;
    }

    private User existing(long id) {
        return users.find(id).orElseThrow(() -> new UserNotFound(id));
    }

    private void checkTeam(InvalidInput.Collector problems, TeamId team) {
        if (team != null && teams.find(team.value()).isEmpty()) {
            problems.add("teamId", "is not a team of this workspace");
        }
    }
}
