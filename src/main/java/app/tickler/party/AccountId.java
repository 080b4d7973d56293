package app.tickler.party;

import app.tickler.platform.EntityId;

public record AccountId(long value) implements EntityId {
}
