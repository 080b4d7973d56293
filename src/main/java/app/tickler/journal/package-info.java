/**
 * The daily journal (seed 003): one entry per rep and day, its lines written automatically from the
 * other modules' events (touches, level changes, stage moves, follow-ups done, missed and snoozed,
 * promises kept and broken), the rep's plan for tomorrow and reflection, submission, the managers'
 * review queue with comments, the missing-journal reminder, history and search. Other modules use
 * {@link app.tickler.journal.Journal}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Daily journal")
package app.tickler.journal;
