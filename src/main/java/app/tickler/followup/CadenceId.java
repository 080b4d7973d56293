package app.tickler.followup;

import app.tickler.platform.EntityId;

public record CadenceId(long value) implements EntityId {
}
