package app.tickler.identity;

import app.tickler.platform.EntityId;

public record WorkspaceId(long value) implements EntityId {
}
