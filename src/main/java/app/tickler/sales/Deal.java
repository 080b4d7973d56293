package app.tickler.sales;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.BuyingRole;
import app.tickler.party.ContactId;

/**
 * An opportunity. Money is minor units of {@code currency}. {@code probabilitySet} tells whether the
 * probability was chosen by someone; otherwise it follows the stage's default. {@code stageName} and
 * {@code lostReason} are the current labels of the stage and lost reason.
 */
record Deal(DealId id, String name, AccountId accountId, List<DealContact> contacts, long amountMinor, String currency,
        int probability, boolean probabilitySet, LocalDate expectedCloseDate, int paymentTermsDays, UserId ownerId,
        DealOrigin origin, LeadId sourceLeadId, DealStatus status, PipelineId pipelineId, StageId stageId,
        String stageName, Instant stageEnteredAt, Instant lastActivityAt, Instant closedAt, LocalDate closedOn,
        LostReasonId lostReasonId, String lostReason, String lostNote, Instant paymentCollectedAt, String notes,
        Map<String, Object> custom, long version, Instant createdAt, Instant updatedAt) {

    /** A person on the deal with their part in the buying centre for it. */
    record DealContact(ContactId contactId, BuyingRole role) {
    }

    Deal {
        contacts = List.copyOf(contacts);
    }

    public boolean isOpen() {
        return status == DealStatus.OPEN;
    }

    public Long owner() {
        return ownerId.value();
    }

    public List<ContactId> contactIds() {
        return contacts.stream().map(DealContact::contactId).toList();
    }

    /** Whether the deal sat in its stage longer than the stage allows without activity. */
    public boolean idle(Integer idleDays, Instant now) {
        return isOpen() && idleDays != null && lastActivityAt.plus(java.time.Duration.ofDays(idleDays)).isBefore(now);
    }

    DealSummary summary() {
        return new DealSummary(id, name, accountId, contactIds(), amountMinor, currency, probability, expectedCloseDate,
                ownerId, status, pipelineId, stageId, stageName, origin, version);
    }
}
