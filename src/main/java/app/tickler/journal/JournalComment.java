package app.tickler.journal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import app.tickler.identity.UserId;

/** A comment on a journal entry: the manager's coaching, or the rep's answer. */
public record JournalComment(@JsonFormat(shape = JsonFormat.Shape.STRING) long id, JournalEntryId entryId,
        UserId authorId, String authorName, String body, Instant createdAt) {
}
