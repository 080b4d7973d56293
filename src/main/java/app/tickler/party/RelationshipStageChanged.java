package app.tickler.party;

/** An account moved in the customer relationship cycle. */
public record RelationshipStageChanged(AccountId account, RelationshipStage from, RelationshipStage to, String reason) {
}
