package app.tickler.sales;

import app.tickler.platform.EntityId;

public record LostReasonId(long value) implements EntityId {
}
