package app.tickler.sales;

/** A lead was removed for good (an import undone); other modules drop what they planned for it. */
public record LeadRemoved(LeadId lead) {
}
