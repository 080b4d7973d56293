package app.tickler.dataio;

import app.tickler.platform.EntityId;

public record ImportId(long value) implements EntityId {
}
