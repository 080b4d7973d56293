package app.tickler.identity;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

/** Creates a workspace with its first admin: on first run, from the set-up page, or by sign-up. */
@Service
class Onboarding {

    record NewWorkspace(String workspace, String name, String email, String password, String timeZone,
            String currency) {
    }

    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final IdGenerator ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final ActorResolver actors;
    private final SignupThrottle signups;

    Onboarding(WorkspaceRepository workspaces, UserRepository users, PasswordPolicy passwordPolicy,
            PasswordEncoder passwordEncoder, IdGenerator ids, Clock clock, ApplicationEventPublisher events,
            AuditLog audit, ActorResolver actors, SignupThrottle signups) {
        this.workspaces = workspaces;
        this.users = users;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
        this.actors = actors;
        this.signups = signups;
    }

    boolean isSetUp() {
        return workspaces.anyExists();
    }

    /** The one-time set-up: refused once any workspace exists, even when two people submit at once. */
    @Transactional
    WorkspaceCreated createFirstWorkspace(NewWorkspace request) {
        workspaces.lockAgainstNewWorkspaces();
        if (workspaces.anyExists()) {
            throw new Conflict("Tickler is already set up; sign in instead");
        }
        return create(request, () -> {
        });
    }

    /** A workspace made by the installation itself (data generator, restore): not throttled. */
    @Transactional
    WorkspaceCreated provision(NewWorkspace request) {
        return create(request, () -> {
        });
    }

    /** Sign-up by anybody, throttled per client address. */
    @Transactional
    WorkspaceCreated createWorkspace(NewWorkspace request, String clientAddress) {
        return create(request, () -> signups.attempt(clientAddress));
    }

    /**
     * Whether the email is taken is checked last, once every other field is valid and
     * {@code beforeEmailCheck} has let the attempt through: it is the one answer worth guessing for.
     */
    private WorkspaceCreated create(NewWorkspace request, Runnable beforeEmailCheck) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String workspaceName = Inputs.name(problems, "workspace", request.workspace());
        String name = Inputs.name(problems, "name", request.name());
        String email = Inputs.email(problems, "email", request.email());
        ZoneId zone = Inputs.zone(problems, "timeZone", request.timeZone() == null ? "UTC" : request.timeZone(), true);
        String currency = Inputs.currency(problems, "currency", request.currency() == null ? "EUR" : request.currency());
        try {
            passwordPolicy.check("password", request.password(), email);
        } catch (InvalidInput e) {
            e.problems().forEach(p -> problems.add(p.field(), p.message()));
        }
        problems.throwIfAny();
        beforeEmailCheck.run();
        if (users.emailTaken(email, 0L)) {
            throw new InvalidInput("email", "is already used by another user");
        }

        long now = clock.millis();
        long workspaceId = ids.next();
        long adminId = ids.next();
        workspaces.insert(workspaceId, workspaceName, zone, currency, now);
        User admin = new User(workspaceId, adminId, email, name, Role.ADMIN, null, null, true,
                passwordEncoder.encode(request.password()), ids.next(), 0);
        users.insert(admin, now);
        WorkspaceCreated created = new WorkspaceCreated(new WorkspaceId(workspaceId), new UserId(adminId));
        Actors.runAs(actors.principal(admin).actor(), () -> {
            audit.record("workspace", workspaceId, "created", Map.of("name", new Change(null, workspaceName)));
            audit.record("user", adminId, "created", Changes.between(null, admin.audited()));
            events.publishEvent(created);
        });
        return created;
    }
}
