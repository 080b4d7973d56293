package app.tickler.aftersale;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import app.tickler.party.AccountId;
import app.tickler.party.RelationshipStage;

/** A stage the rules suggest, waiting for a person while the workspace's automation is off. */
public record StageSuggestion(@JsonFormat(shape = JsonFormat.Shape.STRING) long id, AccountId accountId,
        String accountName, RelationshipStage from, RelationshipStage to, RelationshipTrigger trigger, String reason,
        String status, Instant createdAt) {
}
