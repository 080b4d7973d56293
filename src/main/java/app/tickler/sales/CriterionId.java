package app.tickler.sales;

import app.tickler.platform.EntityId;

public record CriterionId(long value) implements EntityId {
}
