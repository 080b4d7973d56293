package app.tickler.sales;

import java.time.LocalDate;
import java.util.Map;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;

/**
 * The fields of a deal another module sets (an import): name, account, amount in minor units and
 * currency (null: the workspace's), expected close, owner (null: the caller), pipeline (null: the
 * default) and stage (null: its first), notes and custom values (on a change, only those that change).
 * Contacts, probability, payment terms and origin stay as they are, or as a new deal starts.
 */
public record DealDraft(String name, AccountId accountId, Long amountMinor, String currency,
        LocalDate expectedCloseDate, UserId ownerId, PipelineId pipelineId, StageId stageId, String notes,
        Map<String, Object> custom) {

    DealInput over(Deal before) {
        if (before == null) {
            return new DealInput(name, accountId, java.util.List.of(), amountMinor, currency, null, expectedCloseDate,
                    null, ownerId, DealOrigin.NEW_BUSINESS, pipelineId, stageId, notes, custom);
        }
        return new DealInput(name, accountId, before.contacts(), amountMinor, currency,
                before.probabilitySet() ? before.probability() : null, expectedCloseDate, before.paymentTermsDays(),
                ownerId, before.origin(), pipelineId, stageId, notes, custom);
    }
}
