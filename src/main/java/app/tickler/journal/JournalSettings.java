package app.tickler.journal;

import java.time.LocalTime;

/** When a rep who has not submitted the day's journal is reminded (in the rep's time zone), and whether. */
public record JournalSettings(LocalTime reminderTime, boolean remindersOn, long version) {
}
