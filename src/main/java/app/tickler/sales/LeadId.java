package app.tickler.sales;

import app.tickler.platform.EntityId;

public record LeadId(long value) implements EntityId {
}
