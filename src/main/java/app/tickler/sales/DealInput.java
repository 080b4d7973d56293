package app.tickler.sales;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;

/**
 * Every editable field of a deal: the body of a create, and the merged result of an update.
 * {@code probability} null follows the stage's default; {@code currency} null is the workspace's.
 * {@code custom} holds the custom field values to set (on an update, only those that change).
 */
record DealInput(String name, AccountId accountId, List<Deal.DealContact> contacts, Long amountMinor, String currency,
        Integer probability, LocalDate expectedCloseDate, Integer paymentTermsDays, UserId ownerId, DealOrigin origin,
        PipelineId pipelineId, StageId stageId, String notes, Map<String, Object> custom) {

    static DealInput of(Deal deal) {
        return new DealInput(deal.name(), deal.accountId(), deal.contacts(), deal.amountMinor(), deal.currency(),
                deal.probabilitySet() ? deal.probability() : null, deal.expectedCloseDate(), deal.paymentTermsDays(),
                deal.ownerId(), deal.origin(), deal.pipelineId(), deal.stageId(), deal.notes(), Map.of());
    }
}
