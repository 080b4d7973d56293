package app.tickler.party;

import app.tickler.platform.EntityId;

public record ContactId(long value) implements EntityId {
}
