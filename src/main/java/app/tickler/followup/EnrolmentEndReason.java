package app.tickler.followup;

/** Why an enrolment ended. It never ends by itself: after the last step it nurtures. */
public enum EnrolmentEndReason {
    /** the customer is ready to buy: the lead or deal moves forward */
    READY_TO_BUY,
    /** the customer asked to stop: they are marked do-not-contact */
    ASKED_TO_STOP,
    DEAL_WON,
    DEAL_LOST,
    /** ended by a person; before attempt 5 it needs a reason and shows on the managers' view */
    BY_HAND,
    /** the person or their organisation was marked do-not-contact elsewhere */
    DO_NOT_CONTACT,
    /** the target was merged away or removed */
    REMOVED
}
