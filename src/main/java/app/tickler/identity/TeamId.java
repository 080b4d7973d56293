package app.tickler.identity;

import app.tickler.platform.EntityId;

public record TeamId(long value) implements EntityId {
}
