/**
 * The sales cycle: leads and the lead pool (capture, qualification, claim, release, idle return,
 * round-robin, referrals), configurable pipelines from the seed models, deals on a board with their
 * stage history, won deals' payment schedules, lost reasons, repeat proposals and cycle statistics.
 * Other modules use {@link app.tickler.sales.SalesCycle} and listen to its past-tense events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sales cycle")
package app.tickler.sales;
