package app.tickler.followup;

import app.tickler.platform.EntityId;

public record TouchId(long value) implements EntityId {
}
