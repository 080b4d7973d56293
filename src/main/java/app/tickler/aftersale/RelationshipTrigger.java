package app.tickler.aftersale;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import app.tickler.party.RelationshipStage;

/**
 * What moves a customer through the relationship cycle (seed 001), and where each trigger leads from
 * where the customer stands. A trigger that does not apply to the current stage suggests nothing.
 */
public enum RelationshipTrigger {
    /** The first touch with a new account. */
    FIRST_TOUCH(RelationshipStage.SKEPTICISM, null),
    /** A deal reached a closing stage. */
    DEAL_CLOSING(RelationshipStage.PEAK_OF_INTEREST, EnumSet.of(RelationshipStage.SKEPTICISM)),
    /** A (new business) deal was won. */
    DEAL_WON(RelationshipStage.PEAK_OF_INTEREST, EnumSet.of(RelationshipStage.SKEPTICISM)),
    /** No touch for the set number of days after a win. */
    SILENCE_AFTER_WIN(RelationshipStage.DISILLUSIONMENT, EnumSet.of(RelationshipStage.PEAK_OF_INTEREST,
            RelationshipStage.ENLIGHTENMENT, RelationshipStage.REALIZED_VALUE)),
    /** The onboarding cadence went through all its steps. */
    ONBOARDING_COMPLETED(RelationshipStage.ENLIGHTENMENT, EnumSet.of(RelationshipStage.PEAK_OF_INTEREST,
            RelationshipStage.DISILLUSIONMENT)),
    /** An implementation milestone was logged. */
    MILESTONE(RelationshipStage.ENLIGHTENMENT, EnumSet.of(RelationshipStage.SKEPTICISM,
            RelationshipStage.PEAK_OF_INTEREST, RelationshipStage.DISILLUSIONMENT)),
    /** A repeat purchase: a REPEAT deal was won. */
    REPEAT_PURCHASE(RelationshipStage.REALIZED_VALUE, EnumSet.of(RelationshipStage.SKEPTICISM,
            RelationshipStage.PEAK_OF_INTEREST, RelationshipStage.DISILLUSIONMENT, RelationshipStage.ENLIGHTENMENT)),
    /** Enlightened for the set healthy period. */
    HEALTHY_PERIOD(RelationshipStage.REALIZED_VALUE, EnumSet.of(RelationshipStage.ENLIGHTENMENT)),
    /** A person set the stage by hand. */
    MANUAL(null, null);

    private final RelationshipStage target;
    /** Stages it moves a customer from; null: only a customer without a stage. */
    private final Set<RelationshipStage> from;

    RelationshipTrigger(RelationshipStage target, Set<RelationshipStage> from) {
        this.target = target;
        this.from = from;
    }

    /** The stage this trigger suggests for a customer now at {@code current} (null: none yet), if any. */
    public Optional<RelationshipStage> next(RelationshipStage current) {
        if (target == null) {
            return Optional.empty();
        }
        if (current == null) {
            // a customer without a stage enters the cycle wherever the trigger says, except by a silence
            return this == SILENCE_AFTER_WIN || this == HEALTHY_PERIOD ? Optional.empty() : Optional.of(target);
        }
        return from != null && from.contains(current) ? Optional.of(target) : Optional.empty();
    }
}
