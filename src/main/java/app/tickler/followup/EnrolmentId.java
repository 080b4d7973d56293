package app.tickler.followup;

import app.tickler.platform.EntityId;

public record EnrolmentId(long value) implements EntityId {
}
