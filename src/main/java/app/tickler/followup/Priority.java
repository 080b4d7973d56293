package app.tickler.followup;

/** The follow-up's own urgency; the Today queue orders by it first, then by level, deal amount and lateness. */
public enum Priority {
    HIGH, NORMAL, LOW
}
