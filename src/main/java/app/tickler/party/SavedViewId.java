package app.tickler.party;

import app.tickler.platform.EntityId;

public record SavedViewId(long value) implements EntityId {
}
