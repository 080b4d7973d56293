package app.tickler.sales;

import java.time.LocalDate;
import java.util.List;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;

/** A deal as other modules see it; money is minor units of {@code currency}. */
public record DealSummary(DealId id, String name, AccountId accountId, List<ContactId> contactIds, long amountMinor,
        String currency, int probability, LocalDate expectedCloseDate, UserId ownerId, DealStatus status,
        PipelineId pipelineId, StageId stageId, String stageName, DealOrigin origin, long version) {

    public DealSummary {
        contactIds = List.copyOf(contactIds);
    }
}
