package app.tickler.followup;

/** After a touch, did the customer move forward, stay where they were, or fall back (seed 003)? */
public enum Outcome {
    PROGRESSED, RETAINED, DEMOTED
}
