package app.tickler.aftersale;

import app.tickler.platform.EntityId;

public record InstalledProductId(long value) implements EntityId {
}
