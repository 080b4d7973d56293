package app.tickler.sales;

import app.tickler.platform.EntityId;

public record PaymentId(long value) implements EntityId {
}
