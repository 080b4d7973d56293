package app.tickler.insight;

import java.time.Instant;

import app.tickler.followup.TouchId;
import app.tickler.party.AccountId;

/**
 * An insight about a customer's changing needs (ICKR "Know"): a touch marked as one, or a note made
 * on the account. {@code learnedAt} is when the touch happened, or when the note was made.
 */
public record InsightMark(InsightMarkId id, AccountId accountId, TouchId touchId, String note, Instant learnedAt,
        String markedByName, Instant createdAt) {
}
