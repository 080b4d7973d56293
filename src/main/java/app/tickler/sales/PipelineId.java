package app.tickler.sales;

import app.tickler.platform.EntityId;

public record PipelineId(long value) implements EntityId {
}
