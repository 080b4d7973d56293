package app.tickler.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import app.tickler.party.AccountId;
import app.tickler.party.BuyingRole;
import app.tickler.party.ContactId;
import app.tickler.party.CustomerLevel;

/**
 * An account's ICKR scorecard (seed 000) over the {@code days} up to {@code asOf}. Each score is a
 * percentage, null when it cannot be judged (no policy for the level, nobody in the buying centre,
 * no touches); {@code overall} averages the scores there are.
 */
public record IckrScorecard(AccountId accountId, String accountName, LocalDate asOf, int days, Interact interact,
        Connect connect, Know know, Relate relate, Integer overall) {

    // Touches in the period against the level policy: one touch per longest allowed silence.
    public record Interact(long touches, CustomerLevel level, Integer maxSilenceDays, Integer expectedTouches,
            Integer score) {
    }

    // Share of the buying centre (not do-not-contact) touched in the period; the people not reached, influencers and key people first.
    public record Connect(int people, int reached, List<Person> notReached, Integer score) {

        public Connect {
            notReached = List.copyOf(notReached);
        }
    }

    public record Person(ContactId contactId, String name, BuyingRole role, boolean key, Instant lastTouchAt) {
    }

    // Insights recorded in the last year — touches or notes marked as insights, and touches with the
    // reason "insight" — and the age in days of the latest: fresh within 90 days (100), 180 (50), a
    // year (25).
    public record Know(long insightsInYear, Instant latestAt, Long ageDays, Integer score) {
    }

    // Share of the period's touches that carried a value-adding reason.
    public record Relate(long touches, long valueAdding, Integer score) {
    }
}
