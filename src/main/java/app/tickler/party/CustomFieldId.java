package app.tickler.party;

import app.tickler.platform.EntityId;

public record CustomFieldId(long value) implements EntityId {
}
