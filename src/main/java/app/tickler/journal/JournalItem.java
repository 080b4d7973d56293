package app.tickler.journal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import app.tickler.party.AccountId;

/** One line of a rep's day, written when it happened; {@code refId} is the touch, follow-up, deal or promise. */
public record JournalItem(@JsonFormat(shape = JsonFormat.Shape.STRING) long id, JournalItemKind kind,
        Instant occurredAt, String summary, String link, AccountId accountId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Long refId) {
}
