package app.tickler.sales;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;

/**
 * An unqualified prospect. {@code ownerId} null: in the pool. {@code active}: neither converted nor
 * disqualified. A converted lead keeps the account, contact and deal it became.
 */
record Lead(LeadId id, String firstName, String lastName, String title, String company, String email, String phone,
        LeadSource source, String sourceDetail, UserId referredByUserId, ContactId referredByContactId, String notes,
        LeadStatus status, boolean active, UserId ownerId, int score, List<CriterionId> checked, Instant claimedAt,
        Instant lastActivityAt, String disqualifiedReason, Instant convertedAt, AccountId accountId,
        ContactId contactId, DealId dealId, Map<String, Object> custom, long version, Instant createdAt,
        Instant updatedAt) {

    Lead {
        checked = List.copyOf(checked);
    }

    public String name() {
        String first = firstName == null ? "" : firstName;
        String last = lastName == null ? "" : lastName;
        return (first + " " + last).strip();
    }

    /** What lists show as the lead's title: the person, or the company when no person is known. */
    public String displayName() {
        String name = name();
        return name.isEmpty() ? (company == null ? "" : company) : name;
    }

    public boolean converted() {
        return convertedAt != null;
    }

    public boolean inPool() {
        return ownerId == null && active;
    }

    public Long owner() {
        return ownerId == null ? null : ownerId.value();
    }

    LeadSummary summary() {
        return new LeadSummary(id, displayName(), company, email, phone, ownerId, status, lastActivityAt);
    }
}
