package app.tickler.followup;

import app.tickler.platform.EntityId;

public record BusinessReasonId(long value) implements EntityId {
}
