package app.tickler.sales;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;

public record DealCreated(DealId deal, AccountId account, PipelineId pipeline, StageId stage, DealOrigin origin,
        UserId owner) {
}
