package app.tickler.identity;

import app.tickler.platform.EntityId;

public record ApiTokenId(long value) implements EntityId {
}
