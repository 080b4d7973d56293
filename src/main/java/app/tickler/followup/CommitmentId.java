package app.tickler.followup;

import app.tickler.platform.EntityId;

public record CommitmentId(long value) implements EntityId {
}
