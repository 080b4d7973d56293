package app.tickler.party;

/** A person's part in the buying centre of an organisation. */
public enum BuyingRole {
    DECISION_MAKER, ECONOMIC_BUYER, INFLUENCER, USER, GATEKEEPER, CHAMPION, OTHER
}
