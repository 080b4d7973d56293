package app.tickler.followup;

import java.util.List;

/**
 * Touches of an activity history were imported, counted per day and author. Published in the importing
 * transaction instead of a {@link TouchLogged} per touch: a historical touch does not happen now, so
 * nothing reacts to it as to a touch just logged (journal lines, follow-ups, stages); only figures that
 * count touches per day take it in.
 */
public record TouchesImported(List<DailyTouches> days) {
}
