package app.tickler.followup;

import app.tickler.party.ContactId;

/**
 * An enrolment ended. {@code attempt} is the target's attempt number at that moment; {@code early}
 * marks an end by hand before attempt 5 (seed 003: deals close on attempts 5 to 20).
 */
public record EnrolmentEnded(EnrolmentId enrolment, CadenceId cadence, ContactId contact, Long lead, Long deal,
        EnrolmentEndReason reason, Integer attempt, boolean early) {
}
