package app.tickler.followup;

import java.util.List;

/**
 * Touches went with the one record they were about, removed for good (a lead or deal, a person, an account):
 * counted per day and author as they were logged or imported, for whoever counted them.
 */
public record TouchesRemoved(List<DailyTouches> days) {
}
