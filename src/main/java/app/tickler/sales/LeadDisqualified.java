package app.tickler.sales;

/** A lead was ruled out, with the reason. */
public record LeadDisqualified(LeadId lead, String reason) {
}
