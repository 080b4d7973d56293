package app.tickler.aftersale;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.RelationshipStage;

/** A move in the relationship cycle, with its reason; {@code source} AUTOMATIC, ACCEPTED or MANUAL. */
public record RelationshipChange(@JsonFormat(shape = JsonFormat.Shape.STRING) long id, AccountId accountId,
        RelationshipStage from, RelationshipStage to, RelationshipTrigger trigger, String reason, String source,
        UserId changedById, String changedByName, Instant changedAt) {
}
