package app.tickler.journal;

import java.time.LocalDate;
import java.util.List;

import app.tickler.identity.UserId;

/**
 * A rep's day as the journal shows it: the lines the system wrote, the entry (null until the rep
 * writes or submits), its comments, and whether the caller may edit, submit or comment.
 */
public record JournalDay(UserId userId, String userName, LocalDate day, List<JournalItem> items, JournalEntry entry,
        List<JournalComment> comments, boolean editable, boolean reviewable) {

    public JournalDay {
        items = List.copyOf(items);
        comments = List.copyOf(comments);
    }
}
