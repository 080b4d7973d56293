package app.tickler.identity;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actors;

@Service
class WorkspaceSettings {

    record Settings(String name, String timeZone, String currency, boolean openVisibility, long version) {
    }

    private final WorkspaceRepository workspaces;
    private final Clock clock;
    private final AuditLog audit;

    WorkspaceSettings(WorkspaceRepository workspaces, Clock clock, AuditLog audit) {
        this.workspaces = workspaces;
        this.clock = clock;
        this.audit = audit;
    }

    WorkspaceSummary current() {
        return workspaces.find(Actors.current().workspaceId()).orElseThrow();
    }

    @Transactional
    WorkspaceSummary change(Settings settings) {
        WorkspaceSummary before = current();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = Inputs.name(problems, "name", settings.name());
        ZoneId zone = Inputs.zone(problems, "timeZone", settings.timeZone(), true);
        String currency = Inputs.currency(problems, "currency", settings.currency());
        problems.throwIfAny();
        WorkspaceSummary after = new WorkspaceSummary(before.id(), name, zone, currency, settings.openVisibility(),
                before.version());
        workspaces.update(after, settings.version(), clock.millis());
        audit.record("workspace", before.id().value(), "updated", Changes.between(before, after));
        return current();
    }
}
