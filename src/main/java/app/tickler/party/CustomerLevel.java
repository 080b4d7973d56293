package app.tickler.party;

/** How much a customer matters, reassessed periodically; each level has its own follow-up frequency. */
public enum CustomerLevel {
    A, B, C, D
}
