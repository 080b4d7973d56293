package app.tickler.insight;

/** What the daily counters count. */
enum Metric {
    /** Touches logged, by author and day of the touch. */
    TOUCHES,
    /** Of those, the ones with a value-adding reason. */
    VALUE_TOUCHES,
    /** Follow-ups done, by assignee and day of completion. */
    FOLLOW_UPS_DONE,
    /** Of those, the ones done before they were due. */
    FOLLOW_UPS_ON_TIME,
    /** Enrolments ended by hand before attempt 5, by who ended them. */
    EARLY_GIVE_UPS,
    /** Leads created (user 0: a lead's first owner is not kept). */
    NEW_LEADS,
    /** Deals entering a stage (key: the stage), by who moved them. */
    STAGE_ENTERED,
    /** Deals moved forward out of a stage (key: the stage left), by who moved them. */
    STAGE_PROGRESSED,
    /** Payments received per currency and day paid (user 0: cash is the company's). */
    PAYMENTS_RECEIVED
}
