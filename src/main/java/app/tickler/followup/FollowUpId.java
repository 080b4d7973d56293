package app.tickler.followup;

import app.tickler.platform.EntityId;

public record FollowUpId(long value) implements EntityId {
}
