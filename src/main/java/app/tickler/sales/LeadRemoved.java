package app.tickler.sales;

import java.time.Instant;

/**
 * A lead was removed for good (an import undone); other modules drop what they planned for it and what
 * they counted of it ({@code createdAt}: when it came in).
 */
public record LeadRemoved(LeadId lead, Instant createdAt) {
}
