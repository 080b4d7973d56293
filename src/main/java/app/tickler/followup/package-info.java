/**
 * The follow-up engine: touches with their outcome and attempt number, follow-ups and the Today
 * queue, cadences and enrolments with their stop rules, customer-level policies, commitments and
 * callbacks, email steps over SMTP, the calendar and its iCalendar feed, notifications. Other modules
 * use {@link app.tickler.followup.FollowUps}, listen to its past-tense events, and the sales module
 * plugs in through {@link app.tickler.followup.SalesHooks}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Follow-up engine")
package app.tickler.followup;
