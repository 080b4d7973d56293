package app.tickler.followup;

/** Why a follow-up exists. */
public enum FollowUpOrigin {
    /** planned by a person */
    MANUAL,
    /** a step of a cadence the target is enrolled in */
    CADENCE_STEP,
    /** the touch every N days after a cadence's last step */
    NURTURE,
    /** the customer's level allows no longer silence */
    LEVEL_POLICY,
    /** the customer's level is due for reassessment */
    REASSESSMENT,
    /** a promise made to the customer */
    PROMISE,
    /** a call to return (a voicemail), due the same business day */
    CALLBACK,
    /** a product or contract coming to its end */
    RENEWAL
}
