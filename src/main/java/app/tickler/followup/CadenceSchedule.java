package app.tickler.followup;

import java.time.LocalDate;
import java.util.List;

import app.tickler.platform.InvalidInput;

/**
 * When the steps of a cadence fall due. The first step is due its offset after the enrolment
 * starts. Each next step keeps its distance from the step before — counted from the day that step
 * was actually done, so that a late note still gets its email a week later — but never comes earlier
 * than planned from the start. After the last step a nurture touch follows every N days.
 */
final class CadenceSchedule {

    private CadenceSchedule() {
    }

    static LocalDate firstDue(LocalDate start, int firstOffset) {
        return start.plusDays(firstOffset);
    }

    static LocalDate nextDue(LocalDate start, int doneOffset, int nextOffset, LocalDate doneOn) {
        LocalDate planned = start.plusDays(nextOffset);
        LocalDate afterDone = doneOn.plusDays(nextOffset - doneOffset);
        return afterDone.isAfter(planned) ? afterDone : planned;
    }

    static LocalDate nurtureDue(LocalDate doneOn, int nurtureDays) {
        return doneOn.plusDays(nurtureDays);
    }

    /** Offsets start at day 0 or later and never go backwards. */
    static void checkOffsets(InvalidInput.Collector problems, List<Integer> offsets) {
        Integer previous = null;
        for (int i = 0; i < offsets.size(); i++) {
            Integer offset = offsets.get(i);
            String field = "steps[" + i + "].dayOffset";
            if (offset == null) {
                problems.add(field, "is required");
                continue;
            }
            if (offset < 0 || offset > 3650) {
                problems.add(field, "must be between 0 and 3650 days");
            } else if (previous != null && offset < previous) {
                problems.add(field, "goes backwards: day " + offset + " comes before day " + previous
                        + " of the step before it");
            }
            previous = offset;
        }
    }
}
