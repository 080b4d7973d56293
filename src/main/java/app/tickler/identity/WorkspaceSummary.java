package app.tickler.identity;

import java.time.ZoneId;

/** A workspace's settings as other modules need them. */
public record WorkspaceSummary(WorkspaceId id, String name, ZoneId zone, String currency, boolean openVisibility,
        long version) {
}
