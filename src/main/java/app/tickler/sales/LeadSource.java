package app.tickler.sales;

/** How a lead came in; REFERRAL names the colleague (any role, seed 001) or contact who referred it. */
public enum LeadSource {
    WEB_FORM, API, IMPORT, EVENT, REFERRAL, OTHER
}
