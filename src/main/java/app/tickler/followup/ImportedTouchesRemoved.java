package app.tickler.followup;

import java.util.List;

/** Imported touches were removed (their import was undone), counted per day and author as they were imported. */
public record ImportedTouchesRemoved(List<DailyTouches> days) {
}
