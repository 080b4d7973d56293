package app.tickler.party;

import java.util.List;

/**
 * A custom field of accounts, contacts, leads or deals. Values live in the record's JSON
 * {@code custom} object under {@code key}: text, a number, {@code {"amount": minor units, "currency"}},
 * an ISO date, true/false, one option, or a list of options.
 */
public record CustomField(CustomFieldId id, String entity, String key, String label, CustomFieldType type,
        List<String> options, boolean required, int position, boolean archived, long version) {
}
