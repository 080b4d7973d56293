package app.tickler.sales;

import java.util.Map;

import app.tickler.identity.UserId;
import app.tickler.party.ContactId;

/**
 * Every editable field of a lead: the body of a create, and the merged result of an update. On an
 * update {@code custom} holds the values to change over the current ones.
 */
public record LeadInput(String firstName, String lastName, String title, String company, String email, String phone,
        LeadSource source, String sourceDetail, UserId referredByUserId, ContactId referredByContactId, String notes,
        UserId ownerId, Map<String, Object> custom) {

    static LeadInput of(Lead lead) {
        return new LeadInput(lead.firstName(), lead.lastName(), lead.title(), lead.company(), lead.email(), lead.phone(),
                lead.source(), lead.sourceDetail(), lead.referredByUserId(), lead.referredByContactId(), lead.notes(),
                lead.ownerId(), Map.of());
    }
}
