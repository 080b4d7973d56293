package app.tickler.followup;

import java.time.LocalDate;

/** How many touches a colleague made on a day (UTC), and how many of them carried a value-adding reason. */
public record DailyTouches(LocalDate day, long userId, long touches, long valueAdding) {
}
