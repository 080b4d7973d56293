package app.tickler.insight;

import app.tickler.platform.EntityId;

public record InsightMarkId(long value) implements EntityId {
}
