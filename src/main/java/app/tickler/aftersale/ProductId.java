package app.tickler.aftersale;

import app.tickler.platform.EntityId;

public record ProductId(long value) implements EntityId {
}
