package app.tickler.sales;

import app.tickler.platform.EntityId;

public record DealId(long value) implements EntityId {
}
