package app.tickler.followup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A record that should always have a next step and has none: an active customer (an account with a
 * customer level, not do-not-contact), one of its people, or — through {@link SalesHooks} — an open
 * lead or deal.
 *
 * @param type {@code account}, {@code contact}, {@code lead} or {@code deal}
 */
public record NoNextStep(String type, @JsonFormat(shape = JsonFormat.Shape.STRING) long id, String name,
        String detail, String ownerName, Instant lastTouchAt, String link) {
}
