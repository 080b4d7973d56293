/**
 * Insight: the ICKR scorecard of each account, the report of accounts whose influencers nobody
 * reached, and the KPI dashboard with its charts and forecasts, fed by daily counters that event
 * listeners keep in the transaction of each event.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insight")
package app.tickler.insight;
