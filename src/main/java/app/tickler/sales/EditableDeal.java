package app.tickler.sales;

import java.time.LocalDate;

import app.tickler.identity.UserId;

/**
 * A deal as another module changes it: its draft (custom values included), owner, status, the day it was
 * won or lost (null while open) and version.
 */
public record EditableDeal(DealId id, DealDraft draft, UserId ownerId, DealStatus status, LocalDate closedOn,
        long version) {

    static EditableDeal of(Deal deal) {
        return new EditableDeal(deal.id(), new DealDraft(deal.name(), deal.accountId(), deal.amountMinor(),
                deal.currency(), deal.expectedCloseDate(), deal.ownerId(), deal.pipelineId(), deal.stageId(), deal.notes(),
                deal.custom()), deal.ownerId(), deal.status(), deal.closedOn(), deal.version());
    }

    public Long owner() {
        return ownerId == null ? null : ownerId.value();
    }
}
