package app.tickler.journal;

import app.tickler.platform.EntityId;

public record JournalEntryId(long value) implements EntityId {
}
