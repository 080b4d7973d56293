package app.tickler.identity;

import app.tickler.platform.EntityId;

public record UserId(long value) implements EntityId {
}
