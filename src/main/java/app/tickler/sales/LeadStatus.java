package app.tickler.sales;

/** Where a lead stands. A converted lead stays QUALIFIED and carries the account it became. */
public enum LeadStatus {
    NEW, WORKING, QUALIFIED, DISQUALIFIED
}
