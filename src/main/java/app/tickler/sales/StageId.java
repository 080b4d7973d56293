package app.tickler.sales;

import app.tickler.platform.EntityId;

public record StageId(long value) implements EntityId {
}
